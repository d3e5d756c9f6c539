"""budget_ui.budgets: the Budgets page's form bodies, labels, tables and charts."""

import pytest

from budget_ui import budgets as logic

ROW = {
    "budget": "b1",
    "category": {"id": "c1", "name": "Food"},
    "start": "2025-01",
    "end": "2025-03",
    "budgeted": "300.00",
    "carried_over": "-20.00",
    "available": "280.00",
    "actual": "250.00",
    "remaining": "30.00",
    "used": "0.89",
    "status": "NEAR",
}
REPORT = {
    "period": {"year": 2025, "month": 2},
    "budgets": [ROW, {**ROW, "category": {"id": "c2", "name": "Rent"}, "used": None, "status": "OVER",
                      "start": "2025-02", "end": "2025-02", "carried_over": "0.00"}],
    "totals": {"budgeted": "600.00", "available": "560.00", "actual": "500.00", "remaining": "60.00"},
    "unbudgeted": [{"category": {"id": "c3", "name": "Fun"}, "actual": "12.50"}],
}  # fmt: skip


def test_new_body_parses_the_amount():
    body = logic.new_body(category="c1", period="QUARTER", amount="1,234.5", starts="2025-01", rollover=True)
    assert body == {
        "category": "c1",
        "period": "QUARTER",
        "amount": "1234.50",
        "starts": "2025-01",
        "rollover": True,
    }


@pytest.mark.parametrize(
    ("category", "amount", "message"),
    [(None, "10", "Choose the expense category"), ("c1", "0", "more than 0"), ("c1", "abc", "not an amount")],
)
def test_new_body_says_what_to_fix(category, amount, message):
    with pytest.raises(ValueError, match=message):
        logic.new_body(category=category, period="MONTH", amount=amount, starts="2025-01", rollover=False)


def test_edit_body_sends_only_what_changed():
    budget = {"rollover": False}
    assert logic.edit_body(budget, amount=" ", effective_from="2025-04", rollover=False) == {}
    assert logic.edit_body(budget, amount="80", effective_from="2025-04", rollover=True) == {
        "amount": "80.00",
        "effective_from": "2025-04",
        "rollover": True,
    }


def test_free_categories_are_active_expenses_without_a_budget():
    categories = [
        {"id": "c1", "sign": "NEGATIVE"},
        {"id": "c2", "sign": "NEGATIVE"},
        {"id": "c3", "sign": "POSITIVE"},
    ]
    assert logic.free_categories(categories, [{"category": "c1"}]) == [{"id": "c2", "sign": "NEGATIVE"}]


def test_labels_of_periods_and_carried_amounts():
    assert logic.period_label("2025-03", "2025-03") == "March 2025"
    assert logic.period_label("2025-01", "2025-03") == "Jan 2025 - Mar 2025"
    assert logic.carried_text(ROW, "EUR") == "-€20.00 overspent before, taken from this period"
    assert logic.carried_text({**ROW, "carried_over": "30.00"}, "EUR") == "+€30.00 carried over"
    assert logic.carried_text({**ROW, "carried_over": "0.00"}, "EUR") == ""


def test_table_and_unbudgeted_table():
    frame = logic.table(REPORT, "EUR")
    assert frame.to_dict("list")["Used"] == ["89 %", "—"]
    assert frame.iloc[0].to_dict() == {
        "Category": "Food",
        "Period": "Jan 2025 - Mar 2025",
        "Budgeted": "€300.00",
        "Carried over": "-€20.00",
        "Available": "€280.00",
        "Spent": "€250.00",
        "Remaining": "€30.00",
        "Used": "89 %",
        "Status": "Near the limit",
    }
    assert logic.unbudgeted_table(REPORT, "EUR").to_dict("list") == {"Category": ["Fun"], "Spent": ["€12.50"]}


def test_bars_colour_each_budget_by_status():
    figure = logic.bars(REPORT, "EUR")
    available, spent = figure.data
    assert list(spent.x) == [250.0, 250.0]
    assert list(spent.marker.color) == [logic.AMBER, logic.charts.RED]
    assert list(available.x) == [280.0, 280.0]
    assert spent.text[0] == "€250.00 of €280.00"


def test_history_chart_has_budgeted_spent_and_available_per_period():
    history = {"budget": "b1", "category": {"id": "c1", "name": "Food"}, "periods": [ROW]}
    budgeted, spent, available = logic.history_chart(history, "EUR").data
    assert list(budgeted.x) == ["Jan 2025 - Mar 2025"]
    assert (list(budgeted.y), list(spent.y), list(available.y)) == ([300.0], [250.0], [280.0])
