"""A bucket's goal block, on hand-checked cases (today is 10 May 2024; the pace is February-April)."""

import datetime
from decimal import Decimal

import pytest

from budget.ledger.goals import goal_compute, pace_window

TODAY = datetime.date(2024, 5, 10)


def goal(amount, balance, inflow="0.00", date=None):
    return goal_compute(
        amount=None if amount is None else Decimal(amount),
        date=date,
        balance=Decimal(balance),
        recent_inflow=Decimal(inflow),
        today=TODAY,
    )


def summary(block):
    return (
        str(block["progress"]),
        None if block["monthly_needed"] is None else str(block["monthly_needed"]),
        block["projected_date"],
        block["status"],
    )


def test_pace_window_is_the_last_three_full_months():
    assert pace_window(TODAY) == (202402, 202404)
    assert pace_window(datetime.date(2024, 2, 29)) == (202311, 202401)


def test_no_goal_amount_is_no_goal():
    assert goal(None, "10.00") is None


@pytest.mark.parametrize(
    ("case", "amount", "balance", "inflow", "date", "expected"),
    [
        # 120 of 100: nothing needed, nothing to project.
        (
            "reached",
            "100.00",
            "120.00",
            "300.00",
            datetime.date(2024, 12, 31),
            ("1.20", None, None, "REACHED"),
        ),
        ("reached exactly", "100.00", "100.00", "0.00", None, ("1.00", None, None, "REACHED")),
        # 800 missing at 100 a month: 8 months from May, so December; 4 months to 31 August: 200 each.
        (
            "behind",
            "1000.00",
            "200.00",
            "300.00",
            datetime.date(2024, 8, 31),
            ("0.20", "200.00", datetime.date(2024, 12, 31), "BEHIND"),
        ),
        # 600 missing at 200 a month: May-July, so 31 July, before 15 August; May, June, July end
        # before that date: 3 months of 200.
        (
            "on track",
            "1000.00",
            "400.00",
            "600.00",
            datetime.date(2024, 8, 15),
            ("0.40", "200.00", datetime.date(2024, 7, 31), "ON_TRACK"),
        ),
        # 400 missing at 30 a month: 13.3, so 14 months from May 2024 is June 2025.
        ("no date", "500.00", "100.00", "90.00", None, ("0.20", None, datetime.date(2025, 6, 30), "NO_DATE")),
        # No inflow: no projection, so behind any date; May-December is 8 months of 50.
        (
            "no inflow",
            "500.00",
            "100.00",
            "0.00",
            datetime.date(2024, 12, 31),
            ("0.20", "50.00", None, "BEHIND"),
        ),
        ("net outflow", "500.00", "100.00", "-30.00", None, ("0.20", None, None, "NO_DATE")),
        # A date already past needs everything now, and is missed whatever the pace.
        (
            "date in the past",
            "500.00",
            "100.00",
            "300.00",
            datetime.date(2024, 3, 31),
            ("0.20", "400.00", datetime.date(2024, 8, 31), "BEHIND"),
        ),
        # A date later this month: this month is the only one left.
        (
            "date this month",
            "500.00",
            "100.00",
            "0.00",
            datetime.date(2024, 5, 20),
            ("0.20", "400.00", None, "BEHIND"),
        ),
        # Monthly amounts round up (paying them reaches the goal), progress rounds down (never 1.00 early).
        (
            "rounding",
            "100.00",
            "0.00",
            "0.00",
            datetime.date(2024, 7, 31),
            ("0.00", "33.34", None, "BEHIND"),
        ),
        ("progress rounds down", "100.00", "99.99", "0.00", None, ("0.99", None, None, "NO_DATE")),
        ("overdrawn", "100.00", "-50.00", "0.00", None, ("-0.50", None, None, "NO_DATE")),
    ],
)
def test_goal_compute(case, amount, balance, inflow, date, expected):
    block = goal(amount, balance, inflow, date)

    assert summary(block) == expected, case
    assert block["amount"] == Decimal(amount)
    assert block["balance"] == Decimal(balance)
    assert block["date"] == date
