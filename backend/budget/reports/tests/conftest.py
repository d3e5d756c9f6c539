"""Shared by the report API tests: the ledger fixtures, the report paths and one hand-built ledger.

The hand-built ledger (`book`) is small enough that every number the reports show can be worked
out by hand; the expected values live next to the tests that check them.
"""

import datetime
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest

from budget.ledger import services
from budget.ledger.models import Category, Location, Sign, Transaction, Transfer
from budget.ledger.tests.conftest import (  # noqa: F401
    Ledger,
    ledger,
    make_ledger,
    other_client,
    other_ledger,
    run_on_commit,
)

CURRENT = "/api/reports/current/"
MONTHLY = "/api/reports/monthly/"
YEARLY = "/api/reports/yearly/"
HISTORICAL = "/api/reports/historical/"

# The book's two busy months and its year; the reports of each, as paths with their query.
MARCH = f"{MONTHLY}?month=2024-03"
APRIL = f"{MONTHLY}?month=2024-04"
YEAR_2024 = f"{YEARLY}?year=2024"
REPORTS = [CURRENT, MARCH, YEAR_2024, HISTORICAL]

ZERO_BALANCE = {"positive": "0.00", "negative": "0.00", "neutral": "0.00", "net": "0.00"}
BALANCE_KEYS = {"positive", "negative", "neutral", "net"}
SIGN_KEYS = {"positive", "negative", "neutral"}
MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")


def assert_money(value) -> None:
    assert isinstance(value, str), value
    assert MONEY.fullmatch(value), value


def assert_id(value) -> None:
    assert isinstance(value, str), value
    assert str(uuid.UUID(value)) == value


def assert_generated(report: dict) -> None:
    """`generated_at` is an aware ISO datetime string and `cached` a bool."""
    assert isinstance(report["generated_at"], str)
    assert datetime.datetime.fromisoformat(report["generated_at"]).tzinfo is not None
    assert isinstance(report["cached"], bool)


def assert_balance(balance: dict) -> None:
    assert set(balance) == BALANCE_KEYS
    for value in balance.values():
        assert_money(value)


def assert_summary_block(block: dict, extra_keys=frozenset()) -> None:
    assert set(block) == {"categories", "balance", *extra_keys}
    assert set(block["categories"]) == SIGN_KEYS
    for rows in block["categories"].values():
        assert isinstance(rows, list)
        for row in rows:
            assert set(row) == {"id", "name", "amount"}
            assert_id(row["id"])
            assert isinstance(row["name"], str)
            assert_money(row["amount"])
    assert_balance(block["balance"])


def record(user, category, location, amount, date, *, bucket=None, split_income=False) -> Transaction:
    return services.transaction_create(
        user=user,
        date=date,
        description=f"{category.name} {amount}",
        amount=Decimal(amount),
        category=category,
        location=location,
        bucket=bucket,
        split_income=split_income,
    )


def get_report(client, path, **params) -> dict:
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


def content(report: dict) -> dict:
    """A report without what says when and how it was made."""
    return {key: value for key, value in report.items() if key not in {"generated_at", "cached"}}


def amounts(block: dict) -> dict:
    """A summary block as {sign: [(name, amount), ...] in the order served, "balance": {...}}."""
    return {
        **{
            sign: [(row["name"], row["amount"]) for row in rows] for sign, rows in block["categories"].items()
        },
        "balance": block["balance"],
    }


@dataclass
class Book:
    ledger: Ledger
    gifts: Category  # POSITIVE, used in 2021 only, archived since
    old_wallet: Location  # had money in 2024-04, empty and archived since
    transfer: Transfer
    allocated: Transaction  # a split income whose legs are written
    pending: Transaction  # a split income still waiting for its legs
    lunch: Transaction  # a plain expense in March 2024


def make_book(user) -> Book:
    """Transactions in 2021 and 2024 (none in 2022-2023), through the services like the API does.

    2021-06-30  Salary   +50.00    Cash / Necessities
    2021-12-31  Gifts    +25.00    Cash / Fun          (Gifts archived afterwards)
    2024-03-01  Salary +1000.01    Bank / split, allocated: 500.01 / 300.00 / 200.00
    2024-03-05  Salary  +200.00    Cash / Fun
    2024-03-10  Food     -42.50    Cash / Necessities
    2024-03-15  Loan    +300.00    Bank / Economy
    2024-03-20  Food      -7.50    Bank / Necessities
    2024-04-02  Loan    -120.00    Bank / Economy
    2024-04-10  Food     -30.00    Cash / Fun
    2024-04-12  Salary   +10.00    Old wallet / Fun, then Food -10.00 from it (Old wallet archived)
    2024-04-15  Transfer  100.00   Bank / Economy -> Cash / Necessities
    2024-04-20  Salary   +80.00    Bank / split, still pending
    """
    book = make_ledger(user)
    date = datetime.date
    gifts = services.category_create(user=user, name="Gifts", sign=Sign.POSITIVE)
    old_wallet = services.location_create(user=user, name="Old wallet")
    record(user, book.salary, book.cash, "50.00", date(2021, 6, 30), bucket=book.necessities)
    record(user, gifts, book.cash, "25.00", date(2021, 12, 31), bucket=book.fun)
    allocated = record(user, book.salary, book.bank, "1000.01", date(2024, 3, 1), split_income=True)
    services.income_allocate(transaction_id=allocated.pk)
    record(user, book.salary, book.cash, "200.00", date(2024, 3, 5), bucket=book.fun)
    lunch = record(user, book.food, book.cash, "42.50", date(2024, 3, 10), bucket=book.necessities)
    record(user, book.loan, book.bank, "300.00", date(2024, 3, 15), bucket=book.economy)
    record(user, book.food, book.bank, "7.50", date(2024, 3, 20), bucket=book.necessities)
    record(user, book.loan, book.bank, "-120.00", date(2024, 4, 2), bucket=book.economy)
    record(user, book.food, book.cash, "30.00", date(2024, 4, 10), bucket=book.fun)
    record(user, book.salary, old_wallet, "10.00", date(2024, 4, 12), bucket=book.fun)
    record(user, book.food, old_wallet, "10.00", date(2024, 4, 12), bucket=book.fun)
    transfer = services.transfer_create(
        user=user,
        date=date(2024, 4, 15),
        description="To the cash box",
        amount=Decimal("100.00"),
        from_location=book.bank,
        from_bucket=book.economy,
        to_location=book.cash,
        to_bucket=book.necessities,
    )
    pending = record(user, book.salary, book.bank, "80.00", date(2024, 4, 20), split_income=True)
    services.category_archive(category=gifts)
    services.location_archive(location=old_wallet)
    return Book(book, gifts, old_wallet, transfer, allocated, pending, lunch)


@pytest.fixture
def book(user) -> Book:
    return make_book(user)
