"""The Budgets page's logic: reads and writes of budgets, their tables and charts (no widgets here).

The report (`/api/reports/budgets/`) is read through `data.report`, so every write that forgets the
reports forgets it too; the budgets list is cached here and forgotten by every budget write.
"""

import datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from babel.dates import format_date

from budget_ui import charts, data
from budget_ui.api import Api
from budget_ui.money import money, parse_amount, plot_number, to_decimal

AMBER = "#e0a800"
STATUS_COLOURS = {"UNDER": charts.GREEN, "NEAR": AMBER, "OVER": charts.RED}
STATUS_LABELS = {"UNDER": "Under", "NEAR": "Near the limit", "OVER": "Over"}
PERIOD_LABELS = {"MONTH": "Monthly", "QUARTER": "Quarterly", "YEAR": "Yearly"}
HISTORY_PERIODS = 12


# ---------------------------------------------------------------------- reads and writes


def _api() -> Api:
    return Api(st.session_state, household=data.household())


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, scope="session")
def _budgets(household_id: str | None) -> list[dict]:
    return Api(st.session_state, household=household_id).list_all("budgets")


def budgets() -> list[dict]:
    """The household's active budgets."""
    return _budgets(data.household())


def report(month: str) -> dict:
    """The budgets report of a month ('2025-07')."""
    return data.report("budgets", month=month)


def history(budget_id: str, month: str) -> dict:
    """The last HISTORY_PERIODS periods up to the one containing `month` (not cached: spending moves)."""
    return _api().budget_history(budget_id, to=month)


def create(**body) -> dict:
    try:
        return data.write("create", "budgets", body)
    finally:
        _budgets.clear()


def update(budget_id: str, body: dict) -> dict:
    try:
        return data.update("budgets", budget_id, body)
    finally:
        _budgets.clear()


def archive(budget_id: str) -> None:
    try:
        data.delete("budgets", budget_id)
    finally:
        _budgets.clear()


# ---------------------------------------------------------------------- forms


def new_body(*, category: str | None, period: str, amount: str, starts: str, rollover: bool) -> dict:
    """The POST body, or ValueError with what to fix."""
    if not category:
        raise ValueError("Choose the expense category the budget is for.")
    value = parse_amount(amount)
    if to_decimal(value) <= 0:
        raise ValueError("A budget's amount is more than 0.")
    return {"category": category, "period": period, "amount": value, "starts": starts, "rollover": rollover}


def edit_body(budget: dict, *, amount: str, effective_from: str, rollover: bool) -> dict:
    """The PATCH body of what changed (empty when nothing did), or ValueError."""
    body: dict = {}
    if amount.strip():
        value = parse_amount(amount)
        if to_decimal(value) <= 0:
            raise ValueError("A budget's amount is more than 0.")
        body = {"amount": value, "effective_from": effective_from}
    if rollover != budget["rollover"]:
        body["rollover"] = rollover
    return body


def free_categories(categories: list[dict], active: list[dict]) -> list[dict]:
    """Active expense categories without an active budget."""
    taken = {budget["category"] for budget in active}
    return [row for row in categories if row["sign"] == "NEGATIVE" and row["id"] not in taken]


# ---------------------------------------------------------------------- text, tables, charts


def _month(text: str) -> datetime.date:
    year, month = (int(part) for part in text.split("-"))
    return datetime.date(year, month, 1)


def period_label(start: str, end: str, locale: str = "en_US") -> str:
    """'March 2025', or 'Jan 2025 - Mar 2025' for a longer period."""
    if start == end:
        return format_date(_month(start), "LLLL y", locale=locale)
    first, last = (format_date(_month(month), "LLL y", locale=locale) for month in (start, end))
    return f"{first} - {last}"


def carried_text(row: dict, currency: str) -> str:
    """'+€30.00 carried over' / '-€20.00 overspent before' / '' without anything carried."""
    carried = to_decimal(row["carried_over"])
    if not carried:
        return ""
    if carried > 0:
        return f"+{money(carried, currency)} carried over"
    return f"{money(carried, currency)} overspent before, taken from this period"


def used_text(row: dict) -> str:
    return "—" if row["used"] is None else f"{to_decimal(row['used']) * 100:.0f} %"


def table(report: dict, currency: str, locale: str = "en_US") -> pd.DataFrame:
    rows = report["budgets"]
    return pd.DataFrame(
        {
            "Category": [row["category"]["name"] for row in rows],
            "Period": [period_label(row["start"], row["end"], locale) for row in rows],
            "Budgeted": [money(row["budgeted"], currency) for row in rows],
            "Carried over": [money(row["carried_over"], currency) for row in rows],
            "Available": [money(row["available"], currency) for row in rows],
            "Spent": [money(row["actual"], currency) for row in rows],
            "Remaining": [money(row["remaining"], currency) for row in rows],
            "Used": [used_text(row) for row in rows],
            "Status": [STATUS_LABELS[row["status"]] for row in rows],
        }
    )


def unbudgeted_table(report: dict, currency: str) -> pd.DataFrame:
    rows = report["unbudgeted"]
    return pd.DataFrame(
        {
            "Category": [row["category"]["name"] for row in rows],
            "Spent": [money(row["actual"], currency) for row in rows],
        }
    )


def bars(report: dict, currency: str) -> go.Figure:
    """Each budget's spending as a bar against its available amount, coloured by status."""
    rows = report["budgets"]
    names = [row["category"]["name"] for row in rows]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=[plot_number(max(to_decimal(row["available"]), 0)) for row in rows],
        orientation="h",
        name="Available",
        marker_color=charts.GREY,
        opacity=0.35,
        hovertemplate="%{y}: %{text}<extra>Available</extra>",
        text=[money(row["available"], currency) for row in rows],
        textposition="none",
    )
    fig.add_bar(
        y=names,
        x=[plot_number(row["actual"]) for row in rows],
        orientation="h",
        name="Spent",
        marker_color=[STATUS_COLOURS[row["status"]] for row in rows],
        text=[f"{money(row['actual'], currency)} of {money(row['available'], currency)}" for row in rows],
        textposition="auto",
        cliponaxis=False,
    )
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(type="category", autorange="reversed")
    fig = charts._layout(fig, "Spent against available", currency, height=120 + 48 * max(len(rows), 1))
    fig.update_layout(yaxis_title=None, xaxis_title=currency)
    return fig


def history_chart(history: dict, currency: str, locale: str = "en_US") -> go.Figure:
    """Budgeted (and available, with rollover) against spent, per period."""
    periods = history["periods"]
    labels = [period_label(p["start"], p["end"], locale) for p in periods]
    fig = go.Figure()
    fig.add_bar(
        x=labels, y=[plot_number(p["budgeted"]) for p in periods], name="Budgeted", marker_color=charts.GREY
    )
    fig.add_bar(
        x=labels,
        y=[plot_number(p["actual"]) for p in periods],
        name="Spent",
        marker_color=[STATUS_COLOURS[p["status"]] for p in periods],
    )
    fig.add_scatter(
        x=labels,
        y=[plot_number(p["available"]) for p in periods],
        name="Available",
        mode="lines+markers",
        line_color=charts.BLUE,
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    return charts._layout(fig, f"{history['category']['name']}: budgeted against spent", currency, height=360)


def budget_label(budget: dict, categories: dict[str, str], currency: str) -> str:
    name = categories.get(budget["category"], "?")
    return f"{name} · {PERIOD_LABELS[budget['period']].lower()} · {money(budget['amount'], currency)}"
