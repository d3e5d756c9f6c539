import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.households.models import ActivityEntry
from budget.plans import services
from budget.plans.models import BudgetAmount
from budget.reports.services import ledger_version

from .conftest import make_budget

pytestmark = pytest.mark.django_db
D = Decimal


def amounts(budget):
    return [(f"{row.from_month:%Y-%m}", row.amount) for row in BudgetAmount.objects.filter(budget=budget)]


def test_budget_create_starts_on_the_first_of_its_month(user, ledger):
    budget = make_budget(user, ledger.food, starts=datetime.date(2024, 5, 17))
    assert budget.starts == datetime.date(2024, 5, 1)
    assert amounts(budget) == [("2024-05", D("100.00"))]


def test_budget_update_replaces_later_amounts_and_keeps_earlier_ones(user, ledger):
    budget = make_budget(user, ledger.food, "100.00", period="YEAR", starts=datetime.date(2022, 7, 1))
    services.budget_update(
        budget=budget, user=user, amount=D("200"), effective_from=datetime.date(2024, 7, 1)
    )
    services.budget_update(
        budget=budget, user=user, amount=D("150"), effective_from=datetime.date(2023, 9, 1)
    )
    # September 2023 lies in the year from July 2023: from there on 150, the 2024 change replaced.
    assert amounts(budget) == [("2022-07", D("100.00")), ("2023-07", D("150.00"))]


def test_budget_update_without_a_change_records_nothing(user, ledger):
    budget = make_budget(user, ledger.food, "100.00")
    services.budget_update(
        budget=budget, user=user, amount=D("100.00"), effective_from=datetime.date(2024, 1, 1)
    )
    services.budget_update(budget=budget, user=user, rollover=False)
    assert list(ActivityEntry.objects.filter(object_type="budget").values_list("action", flat=True)) == [
        "budget.created"
    ]


def test_budget_writes_change_the_report_version_and_are_logged(user, ledger):
    household_id = user.default_household_id
    before = ledger_version(household_id=household_id)
    budget = make_budget(user, ledger.food)
    created = ledger_version(household_id=household_id)
    services.budget_update(budget=budget, user=user, amount=D("5"))
    updated = ledger_version(household_id=household_id)
    services.budget_archive(budget=budget, user=user)
    assert len({before, created, updated, ledger_version(household_id=household_id)}) == 4
    entry = ActivityEntry.objects.get(action="budget.updated")
    assert entry.summary == "Changed the budget of 'Food'"
    assert entry.changes["amount"] == ["100.00", "5.00"]


def test_an_archived_budget_keeps_its_history_and_takes_no_changes(user, ledger):
    budget = make_budget(user, ledger.food)
    services.budget_archive(budget=budget, user=user)
    services.budget_archive(budget=budget, user=user)  # again: nothing more happens
    with pytest.raises(ValidationError, match="archived"):
        services.budget_update(budget=budget, user=user, amount=D("1"))
    assert amounts(budget) == [("2024-01", D("100.00"))]
    assert ActivityEntry.objects.filter(action="budget.archived").count() == 1


def test_a_household_with_budgets_can_be_deleted(user, ledger):
    from budget.households.services import household_delete

    budget = make_budget(user, ledger.food)
    services.budget_update(budget=budget, user=user, amount=D("5"), effective_from=datetime.date(2024, 3, 1))
    household_delete(household_id=user.default_household_id, actor=user, confirm="Personal")
    assert not BudgetAmount.objects.exists()


def test_an_account_whose_household_holds_budgets_can_be_deleted(user, ledger, password):
    from budget.users.services import user_delete

    make_budget(user, ledger.food)
    user_delete(user=user, password=password)
    assert not BudgetAmount.objects.exists()
