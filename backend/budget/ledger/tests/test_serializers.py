"""The transaction list's hand-written representation says exactly what DRF's generic one says."""

import datetime
from decimal import Decimal

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from budget.ledger import services
from budget.ledger.selectors import transaction_list
from budget.ledger.serializers import TransactionSerializer

pytestmark = pytest.mark.django_db


def as_json(data) -> bytes:
    return JSONRenderer().render(data)


def generic(txn) -> dict:
    return serializers.ModelSerializer.to_representation(TransactionSerializer(), txn)


def test_transaction_representation_matches_drf_for_every_kind_of_row(user, ledger):
    day = datetime.date(2024, 2, 29)
    income = services.transaction_create(
        user=user, date=day, description="Salary", amount=Decimal("1000.01"), category=ledger.salary,
        location=ledger.bank, split_income=True,
    )  # fmt: skip
    services.income_allocate(transaction_id=income.pk)
    services.transaction_create(
        user=user, date=day, description="Bonus, pending", amount=Decimal("5.00"), category=ledger.salary,
        location=ledger.bank, split_income=True,
    )  # fmt: skip
    services.transaction_create(
        user=user, date=day, description="Lunch", amount=Decimal("12.30"), category=ledger.food,
        location=ledger.cash, bucket=ledger.fun,
    )  # fmt: skip
    services.transaction_create(
        user=user, date=day, description="Loan back", amount=Decimal("-40.00"), category=ledger.loan,
        location=ledger.cash, bucket=ledger.economy,
    )  # fmt: skip
    services.transfer_create(
        user=user, date=day, description="ATM", amount=Decimal("50.00"), from_location=ledger.bank,
        from_bucket=ledger.necessities, to_location=ledger.cash,
    )  # fmt: skip

    rows = list(transaction_list(member=user))
    fast = TransactionSerializer(rows, many=True).data

    assert len(rows) == 6
    assert {row["allocation_status"] for row in fast} == {"ALLOCATED", "PENDING", "NOT_SPLIT"}
    assert any(row["transfer"] for row in fast)
    assert any(row["allocations"] for row in fast)
    for txn, row in zip(rows, fast, strict=True):
        assert as_json(row) == as_json(generic(txn))  # same keys, order, values and formats
