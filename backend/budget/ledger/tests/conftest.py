"""A small ledger for `user` (and one for `other_user`), made through the services like the API does."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.ledger import services
from budget.ledger.models import Bucket, Category, Location, Sign


@dataclass
class Ledger:
    cash: Location
    bank: Location
    necessities: Bucket
    economy: Bucket
    fun: Bucket
    salary: Category
    food: Category
    loan: Category


def make_ledger(user) -> Ledger:
    return Ledger(
        cash=services.location_create(user=user, name="Cash"),
        bank=services.location_create(user=user, name="Bank"),
        necessities=services.bucket_create(user=user, name="Necessities", allocation_percentage=Decimal(50)),
        economy=services.bucket_create(user=user, name="Economy", allocation_percentage=Decimal(30)),
        fun=services.bucket_create(user=user, name="Fun", allocation_percentage=Decimal(20)),
        salary=services.category_create(user=user, name="Salary", sign=Sign.POSITIVE),
        food=services.category_create(user=user, name="Food", sign=Sign.NEGATIVE),
        loan=services.category_create(user=user, name="Loan", sign=Sign.NEUTRAL),
    )


@pytest.fixture
def ledger(user) -> Ledger:
    return make_ledger(user)


@pytest.fixture
def other_ledger(other_user) -> Ledger:
    return make_ledger(other_user)


@pytest.fixture
def other_client(other_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(other_user).access_token}")
    return client


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run after-commit work (the allocation task) inside a `db` test, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
