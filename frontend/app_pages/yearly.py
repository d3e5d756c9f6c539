import streamlit as st

from budget_ui import auth, charts, components, data
from budget_ui.forms import FIRST_DAY, LAST_DAY

currency = auth.currency()


def step(years: int) -> None:
    st.session_state["year"] = min(max(st.session_state["year"] + years, FIRST_DAY.year), LAST_DAY.year)


st.title("Yearly report")
# Bound to the URL: /yearly?year=2024 opens 2024, a reload keeps the year shown.
back, pick, forward = st.columns([1, 3, 1], vertical_alignment="bottom")
year = pick.number_input(
    "Year",
    min_value=FIRST_DAY.year,
    max_value=LAST_DAY.year,
    value=components.today().year,
    step=1,
    key="year",
    bind="query-params",
)
back.button("← Previous", key="yearly_previous", on_click=step, args=(-1,), width="stretch")
forward.button("Next →", key="yearly_next", on_click=step, args=(1,), width="stretch")
report = data.report("yearly", year=int(year))

if components.is_empty(report["summary"]):
    st.info(f"No transactions in {int(year)}. Pick another year, or add some on the Transactions page.")
    st.stop()

months = report["months"]
st.plotly_chart(
    charts.income_expenses(months, charts.MONTHS, currency, f"Income and expenses by month, {int(year)}"),
    width="stretch",
)
for figure in charts.category_heatmaps(months, currency):
    st.plotly_chart(figure, width="stretch")

st.subheader("Months")
components.periods_table(months, charts.MONTHS, "Month", currency)
st.subheader(f"The whole of {int(year)}")
components.summary_block(report["summary"], currency, str(int(year)))
