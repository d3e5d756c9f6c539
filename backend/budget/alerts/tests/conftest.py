"""A household of two (Ana owns it, Bob edits), with the ledger tests' small ledger."""

import datetime
from decimal import Decimal

import pytest

from budget.households.models import Membership, Role
from budget.ledger import services
from budget.ledger.tests.conftest import make_ledger

from ..models import Notification

DAY = datetime.date(2024, 5, 10)


@pytest.fixture
def ledger(user):
    return make_ledger(user)


@pytest.fixture
def household(user, other_user):
    Membership.objects.create(household_id=user.default_household_id, user=other_user, role=Role.EDITOR)
    return user.default_household


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run after-commit work (the alerts check, inline in sync mode) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def spend(user, ledger, amount, *, location=None, bucket=None, category=None):
    return services.transaction_create(
        user=user,
        date=DAY,
        description=f"Spent {amount}",
        amount=Decimal(amount),
        category=category or ledger.food,
        location=location or ledger.cash,
        bucket=bucket or ledger.fun,
    )


def earn(user, ledger, amount, *, location=None, bucket=None):
    return spend(user, ledger, amount, location=location, bucket=bucket, category=ledger.salary)


def kinds(user) -> list[tuple[str, str]]:
    """(kind, title) of the user's notifications, oldest first."""
    rows = (
        Notification.objects.filter(user=user).select_related("alert").order_by("created_at", "alert__title")
    )
    return [(n.alert.kind, n.alert.title) for n in rows]
