import datetime

import pytest

from budget.recurring.schedule import dates, is_date_of, rule

D = datetime.date


@pytest.mark.parametrize(
    ("fields", "since", "until", "expected"),
    [
        # The 31st falls on each month's last day in shorter months.
        (
            {"frequency": "MONTHLY", "day": 31, "start_date": D(2024, 1, 31)},
            D(2024, 1, 1),
            D(2024, 5, 31),
            [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31)],
        ),
        (
            {"frequency": "MONTHLY", "day": 31, "start_date": D(2023, 1, 31)},
            D(2023, 2, 1),
            D(2023, 3, 1),
            [D(2023, 2, 28)],
        ),
        (
            {"frequency": "MONTHLY", "day": 30, "start_date": D(2023, 1, 1)},
            D(2023, 1, 1),
            D(2023, 3, 31),
            [D(2023, 1, 30), D(2023, 2, 28), D(2023, 3, 30)],
        ),
        # -1: the last day of every month.
        (
            {"frequency": "MONTHLY", "day": -1, "start_date": D(2023, 11, 5)},
            D(2023, 11, 1),
            D(2024, 2, 29),
            [D(2023, 11, 30), D(2023, 12, 31), D(2024, 1, 31), D(2024, 2, 29)],
        ),
        # A day before the start date's day: the first one is next month.
        (
            {"frequency": "MONTHLY", "day": 15, "start_date": D(2024, 1, 20)},
            D(2024, 1, 1),
            D(2024, 3, 31),
            [D(2024, 2, 15), D(2024, 3, 15)],
        ),
        # Every 3 months.
        (
            {"frequency": "MONTHLY", "interval": 3, "day": 1, "start_date": D(2024, 1, 1)},
            D(2024, 1, 1),
            D(2024, 12, 31),
            [D(2024, 1, 1), D(2024, 4, 1), D(2024, 7, 1), D(2024, 10, 1)],
        ),
        # Every 2 weeks, on the start date's weekday, counted from the start date.
        (
            {"frequency": "WEEKLY", "interval": 2, "start_date": D(2024, 1, 3)},
            D(2024, 1, 10),
            D(2024, 2, 28),
            [D(2024, 1, 17), D(2024, 1, 31), D(2024, 2, 14), D(2024, 2, 28)],
        ),
        # Yearly on 29 February: the 28th in other years.
        (
            {"frequency": "YEARLY", "start_date": D(2024, 2, 29)},
            D(2024, 1, 1),
            D(2028, 12, 31),
            [D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)],
        ),
        # The end date is the last possible one.
        (
            {"frequency": "MONTHLY", "day": 1, "start_date": D(2024, 1, 1), "end_date": D(2024, 3, 1)},
            D(2024, 1, 1),
            None,
            [D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1)],
        ),
    ],
)
def test_rule_dates(fields, since, until, expected):
    schedule = rule(**{"interval": 1, "day": None, **fields})
    assert list(dates(schedule, since=since, until=until)) == expected
    assert all(is_date_of(schedule, date) for date in expected)


def test_is_date_of_refuses_a_day_between():
    schedule = rule(frequency="MONTHLY", interval=1, day=31, start_date=D(2024, 1, 31))
    assert not is_date_of(schedule, D(2024, 2, 28))
    assert is_date_of(schedule, D(2024, 2, 29))
    assert not is_date_of(schedule, D(2023, 12, 31))  # before the start
