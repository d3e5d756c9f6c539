"""Everything the Streamlit pages use that is not UI: the API client, data, charts."""
