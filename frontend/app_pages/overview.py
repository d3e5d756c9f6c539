import streamlit as st

from budget_ui import auth, charts, components, data, goals, overview, periods
from budget_ui.api import ApiError
from budget_ui.money import browser_locale, money, to_decimal

currency = auth.currency()
this_month = periods.month_of(components.today())

st.title("Overview")
# Everything below but the allocation comes from one answer: GET /api/reports/summary/.
summary = data.report("summary", month=this_month)
current, month = summary["current"], summary["month"]
label = periods.month_label(this_month, browser_locale())

columns = st.columns(4)
columns[0].metric("Net balance", money(current["balance"]["net"], currency))
columns[1].metric("Income this month", money(month["income"], currency))
columns[2].metric(
    "Expenses this month",
    money(month["expenses"], currency),
    delta=overview.change(month["expenses"], summary["previous_month"]["expenses"], currency),
    delta_color="inverse",
    help="Against last month",
)
columns[3].metric("Net this month", money(month["net"], currency), help="Income minus expenses")
columns = st.columns(4)
columns[0].metric("Saved this month", overview.rate(summary["savings_rate"]["month"]))
columns[1].metric("Saved this year", overview.rate(summary["savings_rate"]["year"]))
columns[2].metric("Spent a month (3 months)", money(summary["average_spending"]["months_3"], currency))
columns[3].metric("Spent a month (12 months)", money(summary["average_spending"]["months_12"], currency))

allocation = data.allocation()
if not allocation["is_complete"]:
    st.warning(
        f"Your buckets take {allocation['total_percentage']} % of each income; "
        f"{allocation['remaining_percentage']} % is left to give out before incomes can be split."
    )
    st.page_link("app_pages/setup.py", label="Finish the budget setup", icon="🧰")
else:
    st.caption("Allocation complete: your buckets share out 100 % of each split income.")

if to_decimal(current["unallocated"]) != 0:
    st.info(
        f"{money(current['unallocated'], currency)} of split income is waiting to be shared out "
        "over your buckets; the worker does it within moments."
    )

if not current["locations"] and not current["buckets"]:
    st.info("Nothing here yet. Add your locations, buckets and categories first.")
    st.page_link("app_pages/setup.py", label="Budget setup", icon="🧰")
    st.stop()

st.subheader(f"Spending in {label}")
if summary["spending"]:
    chart, largest = st.columns([3, 2])
    chart.plotly_chart(charts.spending_against_last_month(summary["spending"], currency), width="stretch")
    with largest:
        st.markdown("**Largest expenses this month**")
        if summary["largest_expenses"]:
            st.table(overview.rows_table(summary["largest_expenses"], currency), hide_index=True)
        else:
            st.caption("No expenses this month yet.")
else:
    st.caption("No expenses this month or last month.")

for title, rows, total in (
    ("By location", current["locations"], current["locations_total"]),
    ("By bucket", current["buckets"], current["buckets_total"]),
):
    st.subheader(title)
    chart, table = st.columns([3, 2])
    chart.plotly_chart(
        charts.named_bars(rows, "balance", currency, f"Money {title.lower()}"), width="stretch"
    )
    with table:
        components.money_table(rows, "balance", currency, total=total)

try:
    with_goals = [bucket for bucket in data.buckets() if bucket["goal"]]
except ApiError as exc:  # the rest of the overview stands without them
    with_goals = []
    st.caption(f"Goals could not be read: {exc.message}")
if with_goals:
    st.subheader("Goals")
    for bucket in with_goals:
        goal = bucket["goal"]
        where = f"{money(goal['balance'], currency)} · {goals.summary(goal, currency)}"
        st.progress(goals.progress_fraction(goal), text=f"**{bucket['name']}**: {where}")
        st.caption(goals.details(goal, currency))

st.subheader("Latest transactions")
if summary["recent"]:
    st.table(overview.rows_table(summary["recent"], currency), hide_index=True)
    st.page_link("app_pages/transactions.py", label="All transactions", icon="🧾")
else:
    st.caption("No transactions yet.")
