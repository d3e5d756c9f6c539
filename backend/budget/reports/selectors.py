"""The numbers behind every report.

Each report is a fixed number of grouped SQL aggregates plus the household's names, whatever the number of
transactions, categories, months or years. They read the stored monthly totals (`ledger.totals`,
kept by every write), never the transactions, so a report costs the same at 10k and at 1M rows;
Python only arranges the grouped rows (one per category and month at most). The grouped amounts are
read before the names: categories are never deleted, so every category an amount names is then found.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from budget.core.fields import MoneySumField
from budget.ledger.models import Bucket, Category, Location, MonthlyTotal, Sign

ZERO = Decimal("0.00")
SIGN_KEYS = {Sign.POSITIVE: "positive", Sign.NEGATIVE: "negative", Sign.NEUTRAL: "neutral"}


def _sum(field: str) -> Sum:
    return Sum(field, output_field=MoneySumField())


# --- Summary blocks (monthly, yearly, historical) ------------------------------


def _categories(household) -> list[dict]:
    return list(Category.objects.for_household(household).values("id", "name", "sign", "is_archived"))


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


def _amounts_by_month(household, **month_filter) -> dict[int, dict]:
    """{yyyymm: {category id: sum of amounts}} in one grouped query.

    The totals' (household, year_month, category, leg, amount) index lets the database group while
    walking it; years are folded from months here.
    """
    rows = (
        MonthlyTotal.objects.filter(household=household, leg=False)
        .filter(**month_filter)
        .order_by()
        .values_list("year_month", "category_id")
        .annotate(total=_sum("amount"))
    )
    grouped: dict[int, dict] = defaultdict(dict)
    for year_month, category_id, total in rows:
        grouped[year_month][category_id] = total
    return grouped


def _merge(groups) -> dict:
    merged: dict = defaultdict(lambda: ZERO)
    for amounts in groups:
        for category_id, total in amounts.items():
            merged[category_id] += total
    return dict(merged)


def report_monthly(*, household, year: int, month: int) -> dict:
    amounts = _amounts_by_month(household, year_month=year * 100 + month).get(year * 100 + month, {})
    return {"period": {"year": year, "month": month}, **_summary(_categories(household), amounts)}


def report_yearly(*, household, year: int) -> dict:
    by_month = _amounts_by_month(household, year_month__range=(year * 100 + 1, year * 100 + 12))
    categories = _categories(household)
    return {
        "period": {"year": year},
        "months": [
            {"month": month, **_summary(categories, by_month.get(year * 100 + month, {}))}
            for month in range(1, 13)
        ],
        "summary": _summary(categories, _merge(by_month.values())),
    }


def report_historical(*, household) -> dict:
    by_month = _amounts_by_month(household)
    by_year: dict[int, list] = defaultdict(list)
    for year_month, amounts in by_month.items():
        by_year[year_month // 100].append(amounts)
    categories = _categories(household)
    years = range(min(by_year), max(by_year) + 1) if by_year else range(0)
    return {
        "years": [{"year": year, **_summary(categories, _merge(by_year.get(year, [])))} for year in years],
        "summary": _summary(categories, _merge(by_month.values())),
    }


# --- Where the money is now ----------------------------------------------------


def _places(rows: list[dict], balances: dict) -> list[dict]:
    """Active places, and archived ones only while they still hold money."""
    return [
        {"id": row["id"], "name": row["name"], "balance": balances.get(row["id"], ZERO)}
        for row in rows
        if not row["is_archived"] or balances.get(row["id"])
    ]


def report_current(*, household) -> dict:
    """Balances over all time: one aggregate of the totals (rows and split legs) and the names.

    Unallocated is what split incomes hold minus what their legs hold, so locations = buckets +
    unallocated = net holds by construction.
    """
    signs = dict.fromkeys(SIGN_KEYS.values(), ZERO)
    by_location: dict = defaultdict(lambda: ZERO)
    by_bucket: dict = defaultdict(lambda: ZERO)
    split_total = legs_total = ZERO
    # In the order of the totals' (household, category, location, bucket, leg, signed_amount) index.
    groups = list(
        MonthlyTotal.objects.filter(household=household)
        .order_by()
        .values_list("category_id", "location_id", "bucket_id", "leg")
        .annotate(total=_sum("signed_amount"))
    )
    sign_of = dict(Category.objects.for_household(household).values_list("id", "sign"))
    for category_id, location_id, bucket_id, leg, total in groups:
        if leg:
            by_bucket[bucket_id] += total
            legs_total += total
            continue
        signs[SIGN_KEYS[sign_of[category_id]]] += total
        by_location[location_id] += total
        if bucket_id is None:  # a split income: its buckets are its legs'
            split_total += total
        else:
            by_bucket[bucket_id] += total

    locations = list(Location.objects.for_household(household).values("id", "name", "is_archived"))
    buckets = list(Bucket.objects.for_household(household).values("id", "name", "is_archived"))
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
