"""Dates: read strictly from text, and parts of a date computed natively by the database.

Django's Extract* functions call a Python function per row on SQLite. SQLite keeps dates as
'YYYY-MM-DD' text, so a substring is its native way; PostgreSQL has EXTRACT.
"""

import datetime
import re

from django.db.models import Func, IntegerField


class _DatePart(Func):
    output_field = IntegerField()
    part: str
    sqlite_slice: tuple[int, int]

    def as_sql(self, compiler, connection, **extra):
        template = f"CAST(EXTRACT({self.part} FROM %(expressions)s) AS integer)"
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        start, length = self.sqlite_slice
        template = f"CAST(substr(%(expressions)s, {start}, {length}) AS integer)"
        return super().as_sql(compiler, connection, template=template, **extra)


class YearOf(_DatePart):
    part, sqlite_slice = "YEAR", (1, 4)


class MonthOf(_DatePart):
    part, sqlite_slice = "MONTH", (6, 2)


# Exactly four, two and two digits: strptime and the form fields also take "2024-1-1".
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_HINT = "Use a date in the format YYYY-MM-DD (e.g. 2024-03-15)."


def parse_iso_date(text) -> datetime.date:
    """A date from exactly 'YYYY-MM-DD'; ValueError with a message a person can act on otherwise."""
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        raise ValueError(DATE_HINT)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a day of the calendar. {DATE_HINT}") from None
