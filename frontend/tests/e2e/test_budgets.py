"""The Budgets page against the real API: add a budget, spend into it, watch it go NEAR then OVER,
change its amount from a month on, read its history and the spending without a budget."""

import datetime

from budget.ledger.models import Category
from budget.plans.models import Budget, BudgetAmount

THIS_MONTH = f"{datetime.date.today():%Y-%m}"


def setup_ledger(ui) -> None:
    ui.sign_up("ana@example.com", "Ana Popescu")
    ui.open("setup")
    ui.add_location("Cash")
    ui.add_bucket("Necessities", "100")
    ui.add_category("Groceries", "NEGATIVE")
    ui.add_category("Rent", "NEGATIVE")


def add_budget(ui, category: str, amount: str) -> None:
    ui.open("budgets")
    ui.choose("budgets_add_category", category, ui.row_id(Category, category))
    ui.at.text_input(key="budgets_add_amount").input(amount)
    ui.submit("Add budget")
    ui.assert_no_error()
    assert f"Added the budget of “{category}”." in ui.texts("success")


def status_of(ui, category: str) -> dict:
    ui.open("budgets")
    frame = ui.tables()[0]
    return frame[frame["Category"] == category].iloc[0].to_dict()


def test_a_budget_goes_near_then_over(ui):
    setup_ledger(ui)
    ui.open("budgets")
    assert "No budget covers this month. Add one below for an expense category." in ui.texts("info")
    add_budget(ui, "Groceries", "100")
    row = status_of(ui, "Groceries")
    assert (row["Available"], row["Spent"], row["Status"]) == ("€100.00", "€0.00", "Under")

    ui.open("transactions")
    ui.add_transaction("Groceries", "85.00", "Market", "Cash", bucket="Necessities")
    ui.add_transaction("Rent", "500.00", "Flat", "Cash", bucket="Necessities")
    row = status_of(ui, "Groceries")
    assert (row["Spent"], row["Remaining"], row["Used"], row["Status"]) == (
        "€85.00",
        "€15.00",
        "85 %",
        "Near the limit",
    )
    assert ui.metrics() == {"Available": "€100.00", "Spent": "€85.00", "Remaining": "€15.00"}
    unbudgeted = ui.tables()[1]
    assert unbudgeted.to_dict("list") == {"Category": ["Rent"], "Spent": ["€500.00"]}
    bars = ui.at.get("plotly_chart")[0].proto.spec
    assert "85" in bars

    ui.open("transactions")
    ui.add_transaction("Groceries", "20.00", "Bakery", "Cash", bucket="Necessities")
    row = status_of(ui, "Groceries")
    assert (row["Spent"], row["Remaining"], row["Status"]) == ("€105.00", "-€5.00", "Over")


def test_changing_the_amount_from_a_month_keeps_the_months_before(ui):
    setup_ledger(ui)
    add_budget(ui, "Groceries", "100")
    ui.open("budgets")
    ui.at.selectbox(key="month").set_value(f"{int(THIS_MONTH[:4]) + 1}-01")
    ui.run()
    ui.at.text_input(key="budgets_edit_amount").input("150")
    ui.at.checkbox(key="budgets_edit_rollover").check()
    ui.submit("Save budget")
    ui.assert_no_error()
    assert "Saved the budget of “Groceries”." in ui.texts("success")
    budget = Budget.objects.get()
    assert budget.rollover is True
    assert [
        (f"{row.from_month:%Y-%m}", str(row.amount)) for row in BudgetAmount.objects.filter(budget=budget)
    ] == [
        (THIS_MONTH, "100.00"),
        (f"{int(THIS_MONTH[:4]) + 1}-01", "150.00"),
    ]
    row = status_of(ui, "Groceries")
    assert row["Budgeted"] == "€150.00"
    # The history chart: budgeted against spent per period, up to the month shown.
    history = ui.at.get("plotly_chart")[1].proto.spec
    assert "Budgeted" in history
    assert "Spent" in history

    ui.at.button(key="budgets_archive").click()
    ui.run()
    ui.assert_no_error()
    assert Budget.objects.get().is_archived is True
