import streamlit as st

from budget_ui import auth, components, data, periods
from budget_ui.money import browser_locale

currency = auth.currency()
this_month = periods.month_of(components.today())


def step(months: int) -> None:
    st.session_state["month"] = periods.shift_month(st.session_state["month"], months)


st.title("Monthly report")
# Bound to the URL: /monthly?month=2025-07 opens July 2025, a reload keeps the month shown.
back, pick, forward = st.columns([1, 3, 1], vertical_alignment="bottom")
month = pick.selectbox(
    "Month", periods.MONTHS, index=periods.MONTHS.index(this_month), key="month", bind="query-params"
)
back.button("← Previous", key="monthly_previous", on_click=step, args=(-1,), width="stretch")
forward.button("Next →", key="monthly_next", on_click=step, args=(1,), width="stretch")
label = periods.month_label(month, browser_locale())

report = data.report("monthly", month=month)
st.subheader(label)
if components.is_empty(report):
    st.info(f"No transactions in {label}. Pick another month, or add some on the Transactions page.")
else:
    components.summary_block(report, currency, label)
