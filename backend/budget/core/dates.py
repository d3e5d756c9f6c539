"""Parts of a date computed natively by the database.

Django's Extract* functions call a Python function per row on SQLite. SQLite keeps dates as
'YYYY-MM-DD' text, so a substring is its native way; PostgreSQL has EXTRACT.
"""

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
