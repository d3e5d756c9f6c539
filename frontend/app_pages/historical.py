import streamlit as st

from budget_ui import auth, charts, components, data

currency = auth.currency()

st.title("Historical report")
report = data.report("historical")
years = report["years"]

if not years:
    st.info("No transactions yet. Once you record some, every year appears here.")
    st.stop()

labels = [str(y["year"]) for y in years]
st.plotly_chart(
    charts.income_expenses(years, labels, currency, "Income, expenses and net by year"), width="stretch"
)

st.subheader("Years")
components.periods_table(years, labels, "Year", currency)
st.subheader(f"All time ({labels[0]}-{labels[-1]})")
components.summary_block(report["summary"], currency, "all time")
