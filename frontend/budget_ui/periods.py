"""Months and years the reports show, as the URL names them ('2025-07', 2025), and the steps between."""

import datetime

from babel.dates import format_date

from budget_ui.forms import FIRST_DAY, LAST_DAY

MONTHS = [
    f"{year:04d}-{month:02d}" for year in range(FIRST_DAY.year, LAST_DAY.year + 1) for month in range(1, 13)
]


def month_of(day: datetime.date) -> str:
    return f"{day:%Y-%m}"


def shift_month(month: str, steps: int) -> str:
    """'2025-01' shifted by -1 is '2024-12'; clamped to the months the API keeps."""
    index = MONTHS.index(month) + steps
    return MONTHS[min(max(index, 0), len(MONTHS) - 1)]


def month_label(month: str, locale: str = "en_US") -> str:
    """'2025-07' as 'July 2025' in the locale's words."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(datetime.date(year, number, 1), "LLLL y", locale=locale)
