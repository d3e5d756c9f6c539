"""`manage.py clear` (behind `make clear`): every account but the superusers goes, with its ledger."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from budget.ledger import services
from budget.ledger.models import Bucket, Location, Transaction, Transfer
from budget.ledger.tests.conftest import make_ledger
from budget.users.models import User


def fill(user):
    ledger = make_ledger(user)
    services.transaction_create(
        user=user, date=datetime.date(2026, 1, 1), description="Pay", amount=Decimal(100),
        category=ledger.salary, location=ledger.bank, split_income=True,
    )  # fmt: skip
    services.transfer_create(
        user=user, date=datetime.date(2026, 1, 2), description="Move", amount=Decimal(5),
        from_location=ledger.bank, to_location=ledger.cash, from_bucket=ledger.fun,
    )  # fmt: skip


@pytest.mark.django_db
def test_clear_deletes_everything_but_superusers(user, other_user, monkeypatch):
    admin = User.objects.create_superuser(email="admin@example.com", password="a-long-admin-password")
    fill(user)
    fill(other_user)
    cache.set("something", 1)

    out = StringIO()
    call_command("clear", "--yes", stdout=out)

    assert list(User.objects.all()) == [admin]
    for model in (Transaction, Transfer, Location, Bucket):
        assert not model.objects.exists()
    assert cache.get("something") is None
    assert "Deleted 2 account(s)" in out.getvalue()


@pytest.mark.django_db
def test_clear_asks_first_and_keeps_everything_unless_told_yes(user, monkeypatch):
    fill(user)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Nothing was deleted"):
        call_command("clear")

    assert User.objects.filter(pk=user.pk).exists()
    assert Transaction.objects.exists()

    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("clear", stdout=StringIO())
    assert not User.objects.exists()
