"""The dates of a schedule, from python-dateutil's rrule: pure functions of the schedule's fields.

A monthly day past a month's end (the 31st, or -1 for the last day) falls on that month's last
day; a yearly item on 29 February falls on the 28th in other years. Both are rrule's
`bymonthday=(day, -1), bysetpos=1`: the first of "that day" and "the last day" in each period.
"""

import datetime
from collections.abc import Iterator

from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule
from django.utils import timezone

FREQUENCIES = {"WEEKLY": WEEKLY, "MONTHLY": MONTHLY, "YEARLY": YEARLY}
LAST_DAY = -1


def today() -> datetime.date:
    """The clock every schedule reads (tests freeze it here)."""
    return timezone.localdate()


def _midnight(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time())


def rule(
    *, frequency: str, interval: int, day: int | None, start_date: datetime.date, end_date=None
) -> rrule:
    options: dict = {"interval": interval, "dtstart": _midnight(start_date)}
    if end_date is not None:
        options["until"] = _midnight(end_date)
    if frequency == "MONTHLY":
        day = start_date.day if day is None else day
        options["bymonthday"] = (LAST_DAY,) if day == LAST_DAY else (day, LAST_DAY)
        options["bysetpos"] = 1
    elif frequency == "YEARLY":
        options["bymonth"] = start_date.month
        options["bymonthday"] = (start_date.day, LAST_DAY)
        options["bysetpos"] = 1
    return rrule(FREQUENCIES[frequency], **options)


def dates(
    schedule: rrule, *, since: datetime.date, until: datetime.date | None = None
) -> Iterator[datetime.date]:
    """The schedule's dates from `since` on (and up to `until`, inclusive), in order."""
    for moment in schedule.xafter(_midnight(since), inc=True):
        date = moment.date()
        if until is not None and date > until:
            return
        yield date


def is_date_of(schedule: rrule, date: datetime.date) -> bool:
    return _midnight(date) in schedule.between(_midnight(date), _midnight(date), inc=True)


def item_rule(item) -> rrule:
    return rule(
        frequency=item.frequency,
        interval=item.interval,
        day=item.day,
        start_date=item.start_date,
        end_date=item.end_date,
    )


def first_open(item, handled: set[datetime.date]) -> datetime.date | None:
    """The item's first date from its resume date on that is neither posted nor skipped."""
    since = max(item.start_date, item.resume_date)
    for date in dates(item_rule(item), since=since):
        if date not in handled:
            return date
    return None
