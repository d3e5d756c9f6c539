import streamlit as st

from budget_ui import auth, budgets, components, data, households, periods
from budget_ui.api import ApiError
from budget_ui.money import browser_locale, money

currency = auth.currency()
locale = browser_locale()
this_month = periods.month_of(components.today())


def step(months: int) -> None:
    st.session_state["month"] = periods.shift_month(st.session_state["month"], months)


def save(action, message: str, *args, **kwargs) -> None:
    try:
        action(*args, **kwargs)
    except (ApiError, ValueError) as exc:
        st.error(getattr(exc, "message", str(exc)))
        return
    components.flash("budgets", message)
    st.rerun()


st.title("Budgets")
components.show_flash("budgets")
writable = not households.viewer_note()
back, pick, forward = st.columns([1, 3, 1], vertical_alignment="bottom")
month = pick.selectbox(
    "Month", periods.MONTHS, index=periods.MONTHS.index(this_month), key="month", bind="query-params"
)
back.button("← Previous", key="budgets_previous", on_click=step, args=(-1,), width="stretch")
forward.button("Next →", key="budgets_next", on_click=step, args=(1,), width="stretch")

report = budgets.report(month)
st.subheader(periods.month_label(month, locale))
if report["budgets"]:
    totals = report["totals"]
    left, middle, right = st.columns(3)
    left.metric("Available", money(totals["available"], currency))
    middle.metric("Spent", money(totals["actual"], currency))
    right.metric("Remaining", money(totals["remaining"], currency))
    st.plotly_chart(budgets.bars(report, currency), key="budgets_bars")
    for row in report["budgets"]:
        note = budgets.carried_text(row, currency)
        if note:
            st.caption(f"{row['category']['name']}: {note}.")
    st.dataframe(budgets.table(report, currency, locale), hide_index=True, width="stretch")
else:
    st.info("No budget covers this month. Add one below for an expense category.")

if report["unbudgeted"]:
    st.subheader("Spending without a budget")
    st.dataframe(budgets.unbudgeted_table(report, currency), hide_index=True, width="stretch")

active = budgets.budgets()
names = {row["id"]: row["name"] for row in data.categories(include_archived=True)}

if active:
    st.subheader("History")
    chosen = st.selectbox(
        "Budget",
        active,
        format_func=lambda row: budgets.budget_label(row, names, currency),
        key="budgets_history_choice",
    )
    st.plotly_chart(budgets.history_chart(budgets.history(chosen["id"], month), currency, locale))

if writable:
    add_tab, edit_tab = st.tabs(["Add a budget", "Change a budget"])
    with add_tab, st.form("budgets_add_form"):
        free = budgets.free_categories(data.categories(), active)
        category = st.selectbox(
            "Expense category",
            [row["id"] for row in free],
            format_func=lambda category_id: names.get(category_id, "?"),
            index=None,
            placeholder="Choose a category" if free else "Every expense category has a budget",
            key="budgets_add_category",
        )
        period = st.selectbox(
            "Period",
            list(budgets.PERIOD_LABELS),
            format_func=budgets.PERIOD_LABELS.get,
            key="budgets_add_period",
        )
        amount = st.text_input("Amount a period", placeholder="250.00", key="budgets_add_amount")
        starts = st.selectbox(
            "Starts in",
            periods.MONTHS,
            index=periods.MONTHS.index(month),
            key=f"budgets_add_starts_{month}",  # follows the month shown
        )
        rollover = st.checkbox(
            "Roll over: what is left (or overspent) carries into the next period", key="budgets_add_rollover"
        )
        if st.form_submit_button("Add budget"):
            save(
                lambda: budgets.create(
                    **budgets.new_body(
                        category=category, period=period, amount=amount, starts=starts, rollover=rollover
                    )
                ),
                f"Added the budget of “{names.get(category, '')}”.",
            )
    with edit_tab:
        if not active:
            st.info("No budget to change yet.")
        else:
            budget = st.selectbox(
                "Budget",
                active,
                format_func=lambda row: budgets.budget_label(row, names, currency),
                key="budgets_edit_choice",
            )
            with st.form("budgets_edit_form"):
                new_amount = st.text_input(
                    "New amount",
                    placeholder=f"now {money(budget['amount'], currency)}",
                    key="budgets_edit_amount",
                )
                effective = st.selectbox(
                    "From which month",
                    periods.MONTHS,
                    index=periods.MONTHS.index(month),
                    key=f"budgets_edit_from_{month}",  # follows the month shown
                    help="Earlier periods keep the amount they had.",
                )
                keep_rolling = st.checkbox("Roll over", value=budget["rollover"], key="budgets_edit_rollover")
                if st.form_submit_button("Save budget"):
                    save(
                        lambda: budgets.update(
                            budget["id"],
                            budgets.edit_body(
                                budget, amount=new_amount, effective_from=effective, rollover=keep_rolling
                            ),
                        ),
                        f"Saved the budget of “{names.get(budget['category'], '')}”.",
                    )
            if st.button("Archive budget", key="budgets_archive"):
                save(budgets.archive, "Archived the budget; its history stays.", budget["id"])
