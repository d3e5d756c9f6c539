"""Entry point: page config and navigation. Pages live in app_pages/ (a pages/ folder would break AppTest)."""

import streamlit as st

st.set_page_config(page_title="Budget", page_icon="💶", layout="wide")

navigation = st.navigation([st.Page("app_pages/home.py", title="Home", icon="🏠", default=True)])
navigation.run()
