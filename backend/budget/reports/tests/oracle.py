"""The reports worked out the plain way: Python loops over a user's rows, never the reports code."""

import dataclasses
import re
from decimal import Decimal
from uuid import UUID

from budget.ledger.models import Allocation, Bucket, Category, Location, Sign, Transaction

ZERO = Decimal("0.00")
KEYS = {Sign.POSITIVE: "positive", Sign.NEGATIVE: "negative", Sign.NEUTRAL: "neutral"}
MONEY = re.compile(r"-?\d+\.\d{2}")


# --- The rows and the oracle ---------------------------------------------------------------------


@dataclasses.dataclass
class Rows:
    categories: list[dict]
    locations: list[dict]
    buckets: list[dict]
    transactions: list[dict]
    legs: list[dict]


def load_rows(*users) -> Rows:
    def named(model):
        return list(
            model.objects.filter(household__memberships__user__in=users).values("id", "name", "is_archived")
        )

    return Rows(
        categories=list(
            Category.objects.filter(household__memberships__user__in=users).values(
                "id", "name", "sign", "is_archived"
            )
        ),
        locations=named(Location),
        buckets=named(Bucket),
        transactions=list(
            Transaction.objects.filter(household__memberships__user__in=users).values(
                "id",
                "date",
                "amount",
                "signed_amount",
                "category_id",
                "location_id",
                "bucket_id",
                "split_income",
            )
        ),
        legs=list(
            Allocation.objects.filter(household__memberships__user__in=users).values(
                "transaction_id", "bucket_id", "amount"
            )
        ),
    )


def category_order(row):
    return (-row["amount"], row["name"].casefold())


def place_order(row):
    return (row["name"].casefold(),)


def expected_summary(rows: Rows, in_period) -> dict:
    sign_of = {category["id"]: category["sign"] for category in rows.categories}
    amounts, balance = {}, dict.fromkeys(KEYS.values(), ZERO)
    for txn in rows.transactions:
        if in_period(txn["date"]):
            amounts[txn["category_id"]] = amounts.get(txn["category_id"], ZERO) + txn["amount"]
            balance[KEYS[sign_of[txn["category_id"]]]] += txn["amount"]
    balance["net"] = balance["positive"] - balance["negative"] + balance["neutral"]
    listed = {key: [] for key in KEYS.values()}
    for category in rows.categories:
        if not category["is_archived"] or category["id"] in amounts:
            amount = amounts.get(category["id"], ZERO)
            listed[KEYS[category["sign"]]].append(
                {"id": category["id"], "name": category["name"], "amount": amount}
            )
    for key, categories in listed.items():
        categories.sort(key=category_order)
        assert sum((row["amount"] for row in categories), ZERO) == balance[key]  # the oracle's own check
    return {"categories": listed, "balance": balance}


def expected_monthly(rows: Rows, year: int, month: int) -> dict:
    summary = expected_summary(rows, lambda date: (date.year, date.month) == (year, month))
    return {"period": {"year": year, "month": month}, **summary}


def expected_yearly(rows: Rows, year: int) -> dict:
    return {
        "period": {"year": year},
        "months": [
            {
                "month": month,
                **expected_summary(rows, lambda date, m=month: (date.year, date.month) == (year, m)),
            }
            for month in range(1, 13)
        ],
        "summary": expected_summary(rows, lambda date: date.year == year),
    }


def expected_historical(rows: Rows) -> dict:
    years = sorted({txn["date"].year for txn in rows.transactions})
    return {
        "years": [
            {"year": year, **expected_summary(rows, lambda date, y=year: date.year == y)}
            for year in (range(years[0], years[-1] + 1) if years else [])
        ],
        "summary": expected_summary(rows, lambda date: True),
    }


def expected_current(rows: Rows) -> dict:
    sign_of = {category["id"]: category["sign"] for category in rows.categories}
    by_sign = dict.fromkeys(KEYS.values(), ZERO)
    by_location = {row["id"]: ZERO for row in rows.locations}
    by_bucket = {row["id"]: ZERO for row in rows.buckets}
    unallocated = ZERO
    for txn in rows.transactions:
        by_sign[KEYS[sign_of[txn["category_id"]]]] += txn["signed_amount"]
        by_location[txn["location_id"]] += txn["signed_amount"]
        if txn["split_income"]:
            assert txn["bucket_id"] is None
            unallocated += txn["signed_amount"]
        else:
            by_bucket[txn["bucket_id"]] += txn["signed_amount"]
    for leg in rows.legs:
        by_bucket[leg["bucket_id"]] += leg["amount"]
        unallocated -= leg["amount"]

    def places(all_rows, balances):
        shown = [
            {"id": row["id"], "name": row["name"], "balance": balances[row["id"]]}
            for row in all_rows
            if not row["is_archived"] or balances[row["id"]] != 0
        ]
        return sorted(shown, key=place_order)

    return {
        "balance": {
            "positive": by_sign["positive"],
            "negative": -by_sign["negative"],
            "neutral": by_sign["neutral"],
            "net": by_sign["positive"] + by_sign["negative"] + by_sign["neutral"],
        },
        "locations": places(rows.locations, by_location),
        "locations_total": sum(by_location.values(), ZERO),
        "buckets": places(rows.buckets, by_bucket),
        "buckets_total": sum(by_bucket.values(), ZERO),
        "unallocated": unallocated,
    }


def assert_same(actual, expected, path="report") -> None:
    """Equal structures; rows that tie on the contract's order (amount, then name but for case) may swap."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: {actual!r} is not a dict"
        assert sorted(actual) == sorted(expected), f"{path}: keys {sorted(actual)} != {sorted(expected)}"
        for key, value in expected.items():
            assert_same(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: {actual!r} is not a list"
        names = [row.get("name") if isinstance(row, dict) else row for row in actual]
        expected_names = [row.get("name") if isinstance(row, dict) else row for row in expected]
        assert len(actual) == len(expected), f"{path}: {names} != {expected_names}"
        if expected and isinstance(expected[0], dict) and "name" in expected[0]:
            order = category_order if "amount" in expected[0] else place_order
            keys = [order(row) for row in actual]
            assert keys == sorted(keys), f"{path}: out of order: {names}"
            actual, expected = (
                sorted(rows, key=lambda row: (order(row), row["name"], str(row["id"])))
                for rows in (actual, expected)
            )
        for index, (item, expected_item) in enumerate(zip(actual, expected, strict=True)):
            assert_same(item, expected_item, f"{path}[{index}]")
    else:
        assert type(actual) is type(expected), f"{path}: {actual!r} is not a {type(expected).__name__}"
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


def from_json(value, key=None):
    """The API's JSON back to Decimals and UUIDs, checking the money format on the way."""
    if isinstance(value, dict):
        return {name: from_json(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [from_json(item, key) for item in value]
    if isinstance(value, str) and key == "id":
        assert str(UUID(value)) == value
        return UUID(value)
    if isinstance(value, str) and key != "name":
        assert MONEY.fullmatch(value), f"{key}: {value!r} is not money"
        assert value != "-0.00", f"{key}: negative zero"
        return Decimal(value)
    return value
