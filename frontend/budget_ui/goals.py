"""Bucket goals in the app: parsing what is typed in Budget setup, and saying where a goal stands."""

from decimal import Decimal

from budget_ui import forms
from budget_ui.money import money, parse_amount, to_decimal

STATUS = {
    "REACHED": "Reached",
    "ON_TRACK": "On track",
    "BEHIND": "Behind",
    "NO_DATE": "No date set",
}


def goal_amount(value) -> str | None:
    """A goal amount typed in a table cell; empty removes the goal."""
    typed = str(value or "").strip()
    if not typed:
        return None
    amount = parse_amount(typed)
    if to_decimal(amount) <= 0:
        raise ValueError("A goal is more than 0.")
    return amount


def goal_date(value) -> str | None:
    """A goal date typed in a table cell; empty means no date."""
    typed = str(value or "").strip()
    return forms.date(typed).isoformat() if typed else None


def goal_body(amount, date) -> dict:
    """The goal fields of a new bucket: only those typed."""
    body = {"goal_amount": goal_amount(amount), "goal_date": goal_date(date)}
    return {field: value for field, value in body.items() if value is not None}


def progress_fraction(goal: dict) -> float:
    """The goal's progress for a progress bar: 0 to 1."""
    return float(min(max(to_decimal(goal["progress"]), Decimal(0)), Decimal(1)))


def summary(goal: dict | None, currency: str) -> str:
    """One line: "42 % of 1,500.00 · On track", or "" without a goal."""
    if goal is None:
        return ""
    percent = int(to_decimal(goal["progress"]) * 100)
    return f"{percent} % of {money(goal['amount'], currency)} · {STATUS[goal['status']]}"


def details(goal: dict, currency: str) -> str:
    """What a goal needs and when it will be reached, in words."""
    if goal["status"] == "REACHED":
        return "Goal reached."
    parts = []
    if goal["date"]:
        parts.append(f"Target date {goal['date']}")
    if goal["monthly_needed"] is not None:
        parts.append(f"{money(goal['monthly_needed'], currency)} a month needed from now")
    if goal["projected_date"]:
        parts.append(f"at the pace of the last 3 months, reached by {goal['projected_date']}")
    else:
        parts.append("no money came in over the last 3 months, so no date can be projected")
    return "; ".join(parts) + "."
