"""Budgets written by parallel requests: one active budget per category, no 5xx, whole histories."""

import pytest

from budget.ledger import services as ledger_services
from budget.ledger.models import Sign
from budget.ledger.tests.conftest import make_ledger
from budget.ledger.tests.invariants import check_invariants
from budget.ledger.tests.races import Racer, server_errors
from budget.plans.models import Budget, BudgetAmount

from .conftest import BUDGETS

ROUNDS = 8

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def racer(live_server, user):
    return Racer(live_server, user)


def body(category_id, **fields):
    return {
        "category": str(category_id),
        "period": "MONTH",
        "amount": "100.00",
        "starts": "2024-01",
        **fields,
    }


def test_two_creates_for_one_category_make_one_budget(racer, user):
    answers = []
    for round_ in range(ROUNDS):
        category = ledger_services.category_create(user=user, name=f"Food {round_}", sign=Sign.NEGATIVE)
        pair = racer.race(
            ("POST", BUDGETS, body(category.pk)), ("POST", BUDGETS, body(category.pk, period="YEAR"))
        )
        assert sorted(answer.status_code for answer in pair) == [201, 400], [a.text for a in pair]
        refused = next(answer for answer in pair if answer.status_code == 400)
        assert "already has a budget" in refused.json()["category"][0]
        assert Budget.objects.filter(category=category, is_archived=False).count() == 1
        answers += pair
    assert server_errors(answers) == []


def test_amount_changes_archive_and_create_at_once(racer, user):
    ledger = make_ledger(user)
    expense = {
        "date": "2024-03-15",
        "description": "Race",
        "amount": "10.00",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.necessities.pk),
    }
    answers = []
    for _ in range(ROUNDS):
        budget = racer.call("POST", BUDGETS, body(ledger.food.pk)).json()
        url = f"{BUDGETS}{budget['id']}/"
        answers += racer.race(
            ("PATCH", url, {"amount": "120.00", "effective_from": "2024-03"}),
            ("PATCH", url, {"amount": "130.00", "effective_from": "2024-03"}),
            ("PATCH", url, {"amount": "90.00", "effective_from": "2024-06"}),
            ("DELETE", url),
            ("POST", BUDGETS, body(ledger.food.pk)),
            ("POST", "/api/transactions/", expense),
        )
        # Whatever won, the category ends with at most one active budget, so the next round can start.
        for row in Budget.objects.filter(category=ledger.food, is_archived=False):
            racer.call("DELETE", f"{BUDGETS}{row.pk}/")
    assert server_errors(answers) == []
    assert {answer.status_code for answer in answers} <= {200, 201, 204, 400}
    for budget in Budget.objects.all():
        amounts = list(BudgetAmount.objects.filter(budget=budget))
        assert amounts
        assert min(row.from_month for row in amounts) == budget.starts
    check_invariants(user)
