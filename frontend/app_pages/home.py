import streamlit as st

from budget_ui import api

st.title("Budget")
st.write("Where your money is, and what it is for.")

try:
    api.health()
except api.ApiError as exc:
    st.error(f"{exc.message} Start it with `make run`, or set BUDGET_API_URL.")
else:
    st.success("Connected to the Budget API.")
