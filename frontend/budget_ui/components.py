"""Small Streamlit pieces the pages share: messages, money tables, a report's summary block."""

import datetime
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from budget_ui import charts
from budget_ui.api import ApiError
from budget_ui.money import money, to_decimal

SIGNS = [("positive", "Income"), ("negative", "Expenses"), ("neutral", "Neutral")]


def today() -> datetime.date:
    """The user's calendar day as this machine's clock and zone see it (the app runs beside its user)."""
    return datetime.date.today()  # noqa: DTZ011


def flash(page: str, message: str) -> None:
    """A confirmation that survives the rerun after a write: shown by `show_flash` and as a toast."""
    st.session_state[f"{page}_flash"] = message


def show_flash(page: str) -> None:
    message = st.session_state.pop(f"{page}_flash", None)
    if message:
        st.success(message)
        st.toast(message, icon="✅")


def create(page: str, write: Callable[..., Any], message: str, clear: dict[str, Any], **body) -> None:
    """Create a row from a form with the typed `write`; on success reset its inputs and rerun.

    `clear` maps a widget key to the value it starts again with. A refusal shows the API's message
    where the form is and keeps everything typed, so the user can fix it.
    """
    try:
        write(**body)
    except ApiError as exc:
        st.error(exc.message)
        return
    st.session_state[f"{page}_clear"] = clear
    flash(page, message)
    st.rerun()


def clear_inputs(page: str) -> None:
    """Reset the inputs a successful `create` named. Call it before drawing them: a value set in
    the session state before its widget exists wins over what the browser still shows."""
    for key, value in st.session_state.pop(f"{page}_clear", {}).items():
        st.session_state[key] = value


def money_table(rows: list[dict], value_key: str, currency: str, name: str = "Name", total=None) -> None:
    """Names with their amounts as the API sent them (formatted, never rounded through float)."""
    lines = [(row["name"], money(row[value_key], currency)) for row in rows]
    if total is not None:
        lines.append(("Total", money(total, currency)))
    # A static table grows with its rows: the last categories and the Total are never scrolled away.
    st.table(pd.DataFrame(lines, columns=[name, "Amount"]), hide_index=True)


def balance_metrics(balance: dict, currency: str) -> None:
    columns = st.columns(4)
    for column, (key, label) in zip(columns, [*SIGNS, ("net", "Net")], strict=True):
        column.metric(label, money(balance[key], currency))


def summary_block(block: dict, currency: str, title: str) -> None:
    """A report's summary block: balance metrics and bars, each sign's categories, expenses donut."""
    balance_metrics(block["balance"], currency)
    left, right = st.columns(2)
    left.plotly_chart(charts.balance_bars(block["balance"], currency, f"Balance, {title}"), width="stretch")
    expenses = block["categories"]["negative"]
    if any(to_decimal(row["amount"]) for row in expenses):
        right.plotly_chart(
            charts.donut(expenses, currency, f"Expenses by category, {title}"), width="stretch"
        )
    else:
        right.info("No expenses in this period.")
    for column, (sign, label) in zip(st.columns(3), SIGNS, strict=True):
        with column:
            st.subheader(label)
            rows = block["categories"][sign]
            if rows:
                money_table(rows, "amount", currency, name="Category", total=block["balance"][sign])
            else:
                st.caption(f"No {label.lower()} categories yet.")


def is_empty(block: dict) -> bool:
    """True when nothing happened in the period: every category amount is zero."""
    return not any(to_decimal(row["amount"]) for rows in block["categories"].values() for row in rows)


def periods_table(periods: list[dict], labels: list[str], heading: str, currency: str) -> None:
    """One row a period (month or year): its income, expenses, neutral and net."""
    frame = {heading: labels}
    for key, label in [*SIGNS, ("net", "Net")]:
        frame[label] = [money(period["balance"][key], currency) for period in periods]
    st.table(pd.DataFrame(frame), hide_index=True)


def optional_select(where, label: str, names: dict, value, *, blank: str, key: str):
    """A selectbox over `names` (id → name) with a first "none" choice shown as `blank`; starts at `value`."""
    options = [None, *names]
    return where.selectbox(
        label,
        options,
        index=options.index(value) if value in options else 0,
        format_func=lambda choice: blank if choice is None else names[choice],
        key=key,
    )
