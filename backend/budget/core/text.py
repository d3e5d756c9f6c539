"""Case-insensitive text matching that also folds non-ASCII letters (Ș/ș, É/é) on SQLite.

SQLite's LOWER() and LIKE only fold A-Z, so "Școală" and "școală" would look different there.
`Lower` below calls Python's str.lower on SQLite (registered on every new connection) and the
engine's own LOWER elsewhere (PostgreSQL's is Unicode-aware).
"""

from django.db.models import Func, TextField

SQLITE_FUNCTION = "budget_lower"


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _lower, deterministic=True)


class Lower(Func):
    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)


def filter_text(queryset, field: str, value: str, *, exact: bool = False):
    """Rows whose `field` contains (or equals) `value`, ignoring case in any alphabet."""
    alias = f"_{field}_lower"
    lookup = "exact" if exact else "contains"
    return queryset.alias(**{alias: Lower(field)}).filter(**{f"{alias}__{lookup}": value.lower()})
