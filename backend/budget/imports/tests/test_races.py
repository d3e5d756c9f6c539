"""Commits raced as real parallel requests (PostgreSQL interleaves them; SQLite serializes the same
code): no 5xx, every row once, every invariant afterwards."""

import pytest

from budget.imports.models import Status
from budget.ledger.models import Transaction
from budget.ledger.tests.conftest import make_ledger
from budget.ledger.tests.invariants import check_invariants
from budget.ledger.tests.races import Racer, server_errors

from .conftest import categorize, parsed

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_statement_committed_from_two_imports_at_once_lands_once(live_server, user):
    ledger = make_ledger(user)
    racer = Racer(live_server, user)
    answers = []
    for name in ("ing_comma.csv", "bank_ofx1.ofx", "ing_overlap.csv"):
        imports = [parsed(user, ledger, name) for _ in range(3)]
        for statement in imports:
            categorize(statement, ledger)
        calls = [("POST", f"/api/imports/{statement.pk}/commit/") for statement in imports for _ in range(2)]
        calls += [("POST", "/api/transactions/", _expense(ledger)) for _ in range(4)]
        answers += racer.race(*calls)
        created = [racer.call("GET", f"/api/imports/{s.pk}/").json()["created"] for s in imports]
        assert sorted(created)[:2] == [0, 0]  # one import made the rows; the others found them made
    assert server_errors(answers) == []
    assert {a.status_code for a in answers} == {201, 202}
    imported = Transaction.objects.filter(import_id__isnull=False)
    assert imported.count() == 4 + 3 + 1  # ing_comma, the OFX, and the one new row of the overlap
    assert imported.values("import_id", "location").distinct().count() == imported.count()
    assert set(imported.values_list("location", flat=True)) == {ledger.bank.pk}
    check_invariants(user)


def test_a_commit_and_a_discard_at_once_never_leave_half_an_import(live_server, user):
    ledger = make_ledger(user)
    racer = Racer(live_server, user)
    answers = []
    for _ in range(5):
        statement = parsed(user, ledger, "ing_comma.csv", location=ledger.cash)
        categorize(statement, ledger)
        answers += racer.race(
            ("POST", f"/api/imports/{statement.pk}/commit/"), ("DELETE", f"/api/imports/{statement.pk}/")
        )
        statement = type(statement).objects.filter(pk=statement.pk).first()
        assert statement is None or statement.status == Status.COMMITTED
    assert server_errors(answers) == []
    assert Transaction.objects.filter(location=ledger.cash).count() in (0, 4)
    check_invariants(user)


def _expense(ledger):
    return {
        "date": "2024-03-01",
        "description": "Coffee Bar",
        "amount": "3.50",
        "category": str(ledger.food.pk),
        "location": str(
            ledger.cash.pk
        ),  # elsewhere: hand-typed rows in the bank would be POSSIBLE duplicates
        "bucket": str(ledger.necessities.pk),
    }
