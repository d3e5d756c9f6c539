import streamlit as st

from budget_ui import auth, charts, components, data
from budget_ui.money import money, to_decimal

currency = auth.currency()
today = components.today()

st.title("Overview")
current = data.report("current")
month = data.report("monthly", month=f"{today:%Y-%m}")

columns = st.columns(4)
columns[0].metric("Net balance", money(current["balance"]["net"], currency))
columns[1].metric("Income this month", money(month["balance"]["positive"], currency))
columns[2].metric("Expenses this month", money(month["balance"]["negative"], currency))
columns[3].metric("Net this month", money(month["balance"]["net"], currency))

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
