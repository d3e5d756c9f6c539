import datetime
from decimal import Decimal

import pytest

from budget.plans import services
from budget.plans.selectors import budget_history, budget_report

from .conftest import make_budget, spend

pytestmark = pytest.mark.django_db
D = Decimal
MARCH = datetime.date(2024, 3, 1)


def test_budget_report_numbers_of_a_monthly_budget(user, ledger):
    budget = make_budget(user, ledger.food, "100.00")
    spend(user, ledger, "85.00", datetime.date(2024, 3, 10))
    spend(user, ledger, "5.00", datetime.date(2024, 4, 1))
    report = budget_report(user.default_household, MARCH)
    assert report["period"] == {"year": 2024, "month": 3}
    (row,) = report["budgets"]
    assert row == {
        "budget": budget.pk,
        "category": {"id": ledger.food.pk, "name": "Food"},
        "start": "2024-03",
        "end": "2024-03",
        "budgeted": D("100.00"),
        "carried_over": D("0.00"),
        "available": D("100.00"),
        "actual": D("85.00"),
        "remaining": D("15.00"),
        "used": D("0.85"),
        "status": "NEAR",
    }
    assert report["totals"] == {
        "budgeted": D("100.00"),
        "available": D("100.00"),
        "actual": D("85.00"),
        "remaining": D("15.00"),
    }
    assert report["unbudgeted"] == []


def test_budget_report_rollover_carries_savings_and_overspending(user, ledger):
    make_budget(user, ledger.food, "100.00", rollover=True)
    spend(user, ledger, "70.00", datetime.date(2024, 1, 5))  # +30
    spend(user, ledger, "150.00", datetime.date(2024, 2, 5))  # -50
    (row,) = budget_report(user.default_household, MARCH)["budgets"]
    assert row["carried_over"] == D("-20.00")
    assert row["available"] == D("80.00")
    assert row["status"] == "UNDER"


def test_budget_report_quarter_counts_all_its_months_and_the_amount_in_force(user, ledger):
    budget = make_budget(user, ledger.food, "300.00", period="QUARTER", starts=datetime.date(2024, 2, 1))
    services.budget_update(
        budget=budget, user=user, amount=D("600.00"), effective_from=datetime.date(2024, 6, 1)
    )
    spend(user, ledger, "100.00", datetime.date(2024, 5, 2))
    spend(user, ledger, "700.00", datetime.date(2024, 7, 31))
    (row,) = budget_report(user.default_household, datetime.date(2024, 5, 20))["budgets"]
    assert (row["start"], row["end"], row["budgeted"], row["actual"]) == (
        "2024-05",
        "2024-07",
        D("600.00"),
        D("800.00"),
    )
    assert row["status"] == "OVER"
    assert row["used"] == D("1.33")
    history = budget_history(budget, first=datetime.date(2024, 1, 1), last=datetime.date(2024, 12, 1))
    assert [(p["start"], p["budgeted"]) for p in history] == [
        ("2024-02", D("300.00")),
        ("2024-05", D("600.00")),
        ("2024-08", D("600.00")),
        ("2024-11", D("600.00")),
    ]


def test_budget_report_lists_spending_without_a_budget(user, ledger, rent):
    spend(user, ledger, "500.00", MARCH, category=rent)
    spend(user, ledger, "20.00", MARCH)
    make_budget(user, ledger.food, starts=datetime.date(2024, 4, 1))  # not begun in March
    report = budget_report(user.default_household, MARCH)
    assert report["budgets"] == []
    assert [(row["category"]["name"], row["actual"]) for row in report["unbudgeted"]] == [
        ("Rent", D("500.00")),
        ("Food", D("20.00")),
    ]


@pytest.mark.parametrize("size", [1, 5])
def test_budget_report_and_history_queries_are_constant(user, ledger, size, django_assert_num_queries):
    """Three queries for the report and two for a history, whatever the number of budgets, periods,
    amounts and transactions."""
    from budget.ledger import services as ledger_services
    from budget.ledger.models import Sign

    budgets = []
    for index in range(size):
        category = ledger_services.category_create(user=user, name=f"Cat {index}", sign=Sign.NEGATIVE)
        period = ["MONTH", "QUARTER", "YEAR"][index % 3]
        budget = make_budget(
            user, category, period=period, rollover=True, starts=datetime.date(2020 - index, 1, 1)
        )
        for step in range(size):
            services.budget_update(
                budget=budget, user=user, amount=D(50 + step), effective_from=datetime.date(2021 + step, 1, 1)
            )
            for month in range(1, 1 + 2 * size):
                spend(user, ledger, "10.00", datetime.date(2020 + step, month, 3), category=category)
        budgets.append(budget)
    spend(user, ledger, "10.00", MARCH)  # unbudgeted
    with django_assert_num_queries(3):
        report = budget_report(user.default_household, MARCH)
    assert len(report["budgets"]) == size
    with django_assert_num_queries(2):
        budget_history(budgets[-1], first=datetime.date(2015, 1, 1), last=datetime.date(2024, 12, 1))
