"""The numbers behind every report.

Each report is a fixed number of grouped SQL aggregates plus the user's names, whatever the number of
transactions, categories, months or years; Python only arranges the grouped rows (a few hundred at
most), never the transactions themselves.
"""

import calendar
import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Func, IntegerField, Sum

from budget.core.fields import MoneyField
from budget.ledger.models import Allocation, Bucket, Category, Location, Sign, Transaction

ZERO = Decimal("0.00")
SIGN_KEYS = {Sign.POSITIVE: "positive", Sign.NEGATIVE: "negative", Sign.NEUTRAL: "neutral"}


class _DatePart(Func):
    """Year or month of a date, computed by the database itself.

    Django's Extract* call a Python function per row on SQLite; SQLite stores dates as
    'YYYY-MM-DD' text, so a substring is the native way there.
    """

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


def _sum(field: str) -> Sum:
    return Sum(field, output_field=MoneyField())


# --- Summary blocks (monthly, yearly, historical) ------------------------------


def _categories(user) -> list[dict]:
    return list(Category.objects.for_user(user).values("id", "name", "sign", "is_archived"))


def _summary(categories: list[dict], amounts: dict) -> dict:
    """Every active category of each sign (0.00 when unused) plus archived ones used in the period.

    `amounts` maps a category id to the sum of its amounts as entered; a category is used in the
    period when it has a key, even if its amounts cancel out.
    """
    lists: dict[str, list[dict]] = {key: [] for key in SIGN_KEYS.values()}
    for category in categories:
        if category["is_archived"] and category["id"] not in amounts:
            continue
        lists[SIGN_KEYS[category["sign"]]].append(
            {"id": category["id"], "name": category["name"], "amount": amounts.get(category["id"], ZERO)}
        )
    balance = {}
    for key, rows in lists.items():
        rows.sort(key=lambda row: (-row["amount"], row["name"].casefold(), row["name"]))
        balance[key] = sum((row["amount"] for row in rows), ZERO)
    balance["net"] = balance["positive"] - balance["negative"] + balance["neutral"]
    return {"categories": lists, "balance": balance}


def _amounts_by(user, period, **date_filter) -> dict:
    """{period value: {category id: sum of amounts}} in one grouped query (`period` None: one group)."""
    rows = Transaction.objects.for_user(user).filter(**date_filter).order_by()
    if period is not None:
        rows = rows.annotate(period=period).values_list("period", "category_id")
    else:
        rows = rows.values_list("category_id")
    grouped: dict = defaultdict(dict)
    for *key, total in rows.annotate(total=_sum("amount")):
        if period is None:
            grouped[None][key[0]] = total
        else:
            grouped[key[0]][key[1]] = total
    return grouped


def _merge(groups) -> dict:
    merged: dict = defaultdict(lambda: ZERO)
    for amounts in groups:
        for category_id, total in amounts.items():
            merged[category_id] += total
    return dict(merged)


def report_monthly(*, user, year: int, month: int) -> dict:
    days = calendar.monthrange(year, month)[1]
    month_range = (datetime.date(year, month, 1), datetime.date(year, month, days))
    amounts = _amounts_by(user, None, date__range=month_range)[None]
    return {"period": {"year": year, "month": month}, **_summary(_categories(user), amounts)}


def report_yearly(*, user, year: int) -> dict:
    by_month = _amounts_by(user, MonthOf("date"), date__year=year)
    categories = _categories(user)
    return {
        "period": {"year": year},
        "months": [
            {"month": month, **_summary(categories, by_month.get(month, {}))} for month in range(1, 13)
        ],
        "summary": _summary(categories, _merge(by_month.values())),
    }


def report_historical(*, user) -> dict:
    by_year = _amounts_by(user, YearOf("date"))
    categories = _categories(user)
    years = range(min(by_year), max(by_year) + 1) if by_year else range(0)
    return {
        "years": [{"year": year, **_summary(categories, by_year.get(year, {}))} for year in years],
        "summary": _summary(categories, _merge(by_year.values())),
    }


# --- Where the money is now ----------------------------------------------------


def _places(rows: list[dict], balances: dict) -> list[dict]:
    """Active places, and archived ones only while they still hold money."""
    return [
        {"id": row["id"], "name": row["name"], "balance": balances.get(row["id"], ZERO)}
        for row in rows
        if not row["is_archived"] or balances.get(row["id"])
    ]


def report_current(*, user) -> dict:
    """Balances over all time: two aggregates (transactions, split legs) and the names.

    Unallocated is what split incomes hold minus what their legs hold, so locations = buckets +
    unallocated = net holds by construction, even while an allocation task commits in between.
    """
    signs = dict.fromkeys(SIGN_KEYS.values(), ZERO)
    by_location: dict = defaultdict(lambda: ZERO)
    by_bucket: dict = defaultdict(lambda: ZERO)
    split_total = ZERO
    groups = (
        Transaction.objects.for_user(user)
        .order_by()
        .values_list("location_id", "bucket_id", "split_income", "category__sign")
        .annotate(total=_sum("signed_amount"))
    )
    for location_id, bucket_id, split_income, sign, total in groups:
        signs[SIGN_KEYS[sign]] += total
        by_location[location_id] += total
        if split_income:
            split_total += total
        else:
            by_bucket[bucket_id] += total
    legs_total = ZERO
    for bucket_id, total in (
        Allocation.objects.for_user(user).order_by().values_list("bucket_id").annotate(total=_sum("amount"))
    ):
        by_bucket[bucket_id] += total
        legs_total += total

    locations = list(Location.objects.for_user(user).values("id", "name", "is_archived"))
    buckets = list(Bucket.objects.for_user(user).values("id", "name", "is_archived"))
    return {
        "balance": {
            "positive": signs["positive"],
            "negative": -signs["negative"],
            "neutral": signs["neutral"],
            "net": signs["positive"] + signs["negative"] + signs["neutral"],
        },
        "locations": _places(locations, by_location),
        "locations_total": sum(by_location.values(), ZERO),
        "buckets": _places(buckets, by_bucket),
        "buckets_total": sum(by_bucket.values(), ZERO),
        "unallocated": split_total - legs_total,
    }
