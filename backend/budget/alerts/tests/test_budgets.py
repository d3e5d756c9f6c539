"""Budget alerts: NEAR at 80 % used, OVER past the available amount, once per budget and period."""

import datetime
from decimal import Decimal

import pytest

from budget.ledger import services
from budget.plans.services import budget_create, budget_update

from ..models import Alert
from ..services import alerts_check
from .conftest import kinds

pytestmark = pytest.mark.django_db

MAY = datetime.date(2024, 5, 1)
NEAR = ("budget.near", "Budget nearly used: 'Food'")
OVER = ("budget.over", "Budget over: 'Food'")


@pytest.fixture
def food_budget(user, household, ledger):
    services.transaction_create(  # money enough that no balance goes below zero
        user=user,
        date=MAY,
        description="Salary",
        amount=Decimal("1000.00"),
        category=ledger.salary,
        location=ledger.cash,
        bucket=ledger.fun,
    )
    return budget_create(
        user=user, category=ledger.food, period="MONTH", amount=Decimal("100.00"), starts=MAY
    )


def buy(user, ledger, amount, day=MAY):
    return services.transaction_create(
        user=user,
        date=day,
        description="Groceries",
        amount=Decimal(amount),
        category=ledger.food,
        location=ledger.cash,
        bucket=ledger.fun,
    )


def check(household, day=MAY):
    return alerts_check(household_id=household.pk, today=day)


def test_near_at_80_percent_then_over_past_the_available_amount(
    user, other_user, household, ledger, food_budget
):
    buy(user, ledger, "79.00")
    check(household)
    assert kinds(user) == []

    buy(user, ledger, "1.00")  # used 0.80
    check(household)
    buy(user, ledger, "20.00")  # 100 of 100: used up, not over
    check(household)
    assert kinds(user) == [NEAR]

    buy(user, ledger, "0.01")
    check(household)
    buy(user, ledger, "50.00")
    check(household)

    assert kinds(user) == [NEAR, OVER]
    assert kinds(other_user) == [NEAR, OVER]
    over = Alert.objects.get(kind="budget.over")
    assert (over.subject_type, over.subject_id, over.period) == ("budget", food_budget.pk, "2024-05")
    assert over.body == "'Food' has spent 100.01 of 100.00 available in 2024-05."


@pytest.mark.parametrize("how", ["create", "edit", "budget amount"])
def test_near_crossed_by(how, user, household, ledger, food_budget):
    txn = buy(user, ledger, "50.00")
    check(household)
    if how == "create":
        buy(user, ledger, "35.00")
    elif how == "edit":
        services.transaction_update(txn=txn, user=user, amount=Decimal("85.00"))
    else:
        budget_update(budget=food_budget, user=user, amount=Decimal("60.00"), effective_from=MAY)

    check(household)

    assert kinds(user) == [NEAR]


def test_straight_to_over_is_told_once_as_over(user, household, ledger, food_budget):
    buy(user, ledger, "150.00")
    check(household)
    check(household)

    assert kinds(user) == [OVER]


def test_once_per_period(user, household, ledger, food_budget):
    buy(user, ledger, "90.00")
    check(household)
    june = datetime.date(2024, 6, 1)
    check(household, june)  # a new period, nothing spent in it yet
    assert kinds(user) == [NEAR]

    buy(user, ledger, "85.00", day=june)
    check(household, june)

    assert kinds(user) == [NEAR, NEAR]
    assert sorted(Alert.objects.values_list("period", flat=True)) == ["2024-05", "2024-06"]
