"""Budgets on the small ledger of `budget.ledger.tests.conftest`."""

import datetime
from decimal import Decimal

import pytest

from budget.ledger import services as ledger_services
from budget.ledger.models import Sign
from budget.ledger.tests.conftest import Ledger, ledger, make_ledger, other_client, other_ledger  # noqa: F401
from budget.plans import services

BUDGETS = "/api/budgets/"
REPORT = "/api/reports/budgets/"


def spend(user, book: Ledger, amount, day: datetime.date, *, category=None):
    return ledger_services.transaction_create(
        user=user,
        date=day,
        description=f"spent {amount}",
        amount=Decimal(amount),
        category=category or book.food,
        location=book.cash,
        bucket=book.necessities,
    )


def make_budget(
    user, category, amount="100.00", *, period="MONTH", starts=datetime.date(2024, 1, 1), **extra
):
    return services.budget_create(
        user=user, category=category, period=period, amount=Decimal(amount), starts=starts, **extra
    )


@pytest.fixture
def rent(user):
    return ledger_services.category_create(user=user, name="Rent", sign=Sign.NEGATIVE)
