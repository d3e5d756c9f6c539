import datetime

import streamlit as st

from budget_ui import auth, components, data

currency = auth.currency()
today = components.today()

st.title("Monthly report")
left, right = st.columns(2)
year = left.number_input("Year", min_value=1900, max_value=2100, value=today.year, step=1, key="monthly_year")
month = right.selectbox(
    "Month",
    range(1, 13),
    index=today.month - 1,
    format_func=lambda m: datetime.date(2000, m, 1).strftime("%B"),
    key="monthly_month",
)
label = datetime.date(int(year), month, 1).strftime("%B %Y")

report = data.report("monthly", month=f"{int(year):04d}-{month:02d}")
if components.is_empty(report):
    st.info(f"No transactions in {label}. Pick another month, or add some on the Transactions page.")
else:
    components.summary_block(report, currency, label)
