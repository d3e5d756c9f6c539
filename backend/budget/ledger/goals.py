"""A bucket's goal: where it stands and when it will be reached at the current pace. Pure functions.

Months are the unit. The pace is the bucket's average net inflow over the last three full months
(this month excluded: it is not over). A goal reached "in" a month counts as reached on its last
day, so `projected_date` is the last day of the month in which the balance passes the amount, and
`monthly_needed` spreads what is missing over the months from this one whose last day is not after
the goal date (at least one: a date in this month, or already past, needs it all now).
"""

import calendar
import datetime
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal

CENT = Decimal("0.01")
PACE_MONTHS = 3


class GoalStatus:
    REACHED = "REACHED"
    ON_TRACK = "ON_TRACK"
    BEHIND = "BEHIND"
    NO_DATE = "NO_DATE"


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def year_month_of(index: int) -> int:
    """202403 for the month `index` (see month_index)."""
    return (index // 12) * 100 + index % 12 + 1


def pace_window(today: datetime.date) -> tuple[int, int]:
    """The first and last year_month (202403) of the months the pace is averaged over."""
    this = month_index(today.year, today.month)
    return year_month_of(this - PACE_MONTHS), year_month_of(this - 1)


def last_day(index: int) -> datetime.date:
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def goal_compute(
    *,
    amount: Decimal | None,
    date: datetime.date | None,
    balance: Decimal,
    recent_inflow: Decimal,
    today: datetime.date,
) -> dict | None:
    """The API's goal block; `recent_inflow` is the bucket's net inflow over the pace window."""
    if amount is None:
        return None
    this = month_index(today.year, today.month)
    missing = amount - balance
    reached = missing <= 0
    pace = recent_inflow / PACE_MONTHS
    projected = None
    if not reached and pace > 0:
        months = int((missing / pace).to_integral_value(rounding=ROUND_CEILING))
        projected = last_day(this + months - 1)
    monthly_needed = None
    if date is not None and not reached:
        target = month_index(date.year, date.month)
        # Months from this one whose last day is on or before the date.
        months = target - this + (1 if date == last_day(target) else 0)
        monthly_needed = (missing / max(months, 1)).quantize(CENT, rounding=ROUND_CEILING)
    if reached:
        status = GoalStatus.REACHED
    elif date is None:
        status = GoalStatus.NO_DATE
    elif projected is not None and projected <= date:
        status = GoalStatus.ON_TRACK
    else:
        status = GoalStatus.BEHIND
    return {
        "amount": amount,
        "date": date,
        "balance": balance,
        "progress": (balance / amount).quantize(CENT, rounding=ROUND_DOWN),
        "monthly_needed": monthly_needed,
        "projected_date": projected,
        "status": status,
    }
