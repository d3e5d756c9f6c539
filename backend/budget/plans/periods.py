"""The arithmetic of budget periods, pure: months as integers (year * 12 + month - 1).

A budget's period number p counts from 0 at `starts`; period p covers the months
`start + p * length` to `start + (p + 1) * length - 1`. The amount in force for a period is the last
amount whose month is at or before the period's first month.
"""

import datetime
from bisect import bisect_right
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
NEAR = Decimal("0.80")


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def month_date(index: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def yyyymm(index: int) -> int:
    """The stored totals' month key (202403)."""
    return (index // 12) * 100 + index % 12 + 1


def from_yyyymm(key: int) -> int:
    return (key // 100) * 12 + key % 100 - 1


def period_number(start: int, length: int, month: int) -> int:
    """The period containing `month` (negative before the budget starts)."""
    return (month - start) // length


def amount_at(amounts: list[tuple[int, Decimal]], month: int) -> Decimal:
    """The amount in force at `month`, from (month, amount) pairs sorted by month; the first one
    before it (a budget has no period before its first amount)."""
    found = bisect_right([first for first, _ in amounts], month)
    return amounts[max(found - 1, 0)][1]


def numbers(budgeted: Decimal, carried_over: Decimal, actual: Decimal) -> dict:
    """available, remaining, used and status from what was budgeted, carried and spent."""
    available = budgeted + carried_over
    used = (actual / available).quantize(CENT, rounding=ROUND_HALF_UP) if available > 0 else None
    if actual > available:
        status = "OVER"
    elif used is not None and used >= NEAR:
        status = "NEAR"
    else:
        status = "UNDER"
    return {
        "budgeted": budgeted,
        "carried_over": carried_over,
        "available": available,
        "actual": actual,
        "remaining": available - actual,
        "used": used,
        "status": status,
    }


def _ceil(months: int, length: int) -> int:
    return -(-months // length)


def budgeted_before(amounts: list[tuple[int, Decimal]], *, start: int, length: int, number: int) -> Decimal:
    """The sum of the amounts in force over periods 0 to `number` - 1: one step per amount, however
    many periods (a period takes the last amount at or before its first month, the first amount
    before that)."""
    end = start + number * length  # the first month of period `number`
    total = ZERO
    for index, (first, amount) in enumerate(amounts):
        low = start if index == 0 else max(first, start)
        high = min(amounts[index + 1][0], end) if index + 1 < len(amounts) else end
        if high > low:
            total += amount * (_ceil(high - start, length) - _ceil(low - start, length))
    return total


def periods(
    *,
    start: int,
    length: int,
    rollover: bool,
    amounts: list[tuple[int, Decimal]],
    spent: dict[int, Decimal],
    first: int,
    last: int,
) -> Iterator[dict]:
    """The numbers of periods `first` to `last` (period numbers >= 0), each with its `start` and
    `end` month. `spent` maps a month to the category's spending in it. With rollover, what periods
    0 to `first` - 1 carry (budgeted - actual) is summed at once, not walked."""
    carried = ZERO
    if rollover and first > 0:
        begins = start + first * length
        spent_before = sum((total for month, total in spent.items() if start <= month < begins), ZERO)
        carried = budgeted_before(amounts, start=start, length=length, number=first) - spent_before
    for number in range(first, last + 1):
        begins = start + number * length
        budgeted = amount_at(amounts, begins)
        actual = sum((spent.get(month, ZERO) for month in range(begins, begins + length)), ZERO)
        yield {
            "start": begins,
            "end": begins + length - 1,
            **numbers(budgeted, carried if rollover else ZERO, actual),
        }
        carried += budgeted - actual
