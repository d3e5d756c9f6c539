import streamlit as st

from budget_ui import auth, charts, components, data

currency = auth.currency()

st.title("Yearly report")
year = st.number_input(
    "Year", min_value=1900, max_value=2100, value=components.today().year, step=1, key="yearly_year"
)
report = data.report("yearly", year=int(year))

if components.is_empty(report["summary"]):
    st.info(f"No transactions in {int(year)}. Pick another year, or add some on the Transactions page.")
    st.stop()

months = report["months"]
st.plotly_chart(
    charts.income_expenses(months, charts.MONTHS, currency, f"Income and expenses by month, {int(year)}"),
    width="stretch",
)
st.plotly_chart(charts.category_heatmap(months, currency, "Categories by month"), width="stretch")

st.subheader("Months")
components.periods_table(months, charts.MONTHS, "Month", currency)
st.subheader(f"The whole of {int(year)}")
components.summary_block(report["summary"], currency, str(int(year)))
