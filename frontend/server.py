"""The app as served: `streamlit run frontend/server.py` runs this st.App (Streamlit's ASGI server).

It is streamlit_app.py plus one route of our own, `POST /_budget/session`, which sets and clears the
HttpOnly refresh-token cookie (session_cookie.py says how and why). Streamlit reads the config in
frontend/.streamlit/ beside this file, whatever the working directory.
"""

import streamlit as st

from budget_ui import session_cookie

app = st.App("streamlit_app.py", routes=session_cookie.routes())
