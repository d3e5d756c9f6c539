"""budget_ui.money (formatting and parsing amounts) and budget_ui.charts (Plotly figures)."""

from decimal import Decimal

import pytest

from budget_ui import charts
from budget_ui.money import money, parse_amount, plot_number, to_decimal
from tests import answers as a

# ---------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1234.56", "1,234.56 EUR"),
        ("0.00", "0.00 EUR"),
        ("-0.50", "-0.50 EUR"),
        ("-1234567.05", "-1,234,567.05 EUR"),
        ("9999999999.99", "9,999,999,999.99 EUR"),
        (Decimal("12.5"), "12.50 EUR"),
        (7, "7.00 EUR"),
    ],
)
def test_money_formats_with_thousands_and_two_decimals(value, text):
    assert money(value) == text


def test_money_uses_given_currency():
    assert money("1000", "RON") == "1,000.00 RON"


def test_money_never_goes_through_float():
    assert money("12345678901234567.89") == "12,345,678,901,234,567.89 EUR"


def test_to_decimal_refuses_text():
    with pytest.raises(ValueError, match="Not an amount"):
        to_decimal("abc")


def test_plot_number_is_float():
    assert plot_number("1234.56") == 1234.56
    assert isinstance(plot_number("1"), float)


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("1 234,50", "1234.50"),
        ("12", "12.00"),
        ("-3.5", "-3.50"),
        ("12,5", "12.50"),
        ("1,234.56", "1234.56"),
        ("€12", "12.00"),
        ("$ 7.1", "7.10"),
        ("1\u00a0000", "1000.00"),
        ("  42.00  ", "42.00"),
    ],
)
def test_parse_amount_accepts_usual_spellings(typed, sent):
    assert parse_amount(typed) == sent


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "is not an amount"),
        ("", "is not an amount"),
        ("NaN", "is not an amount"),
        ("Infinity", "is not an amount"),
        ("1.234", "more than two decimals"),
        ("1,234", "more than two decimals"),
        ("0.001", "more than two decimals"),
    ],
)
def test_parse_amount_refuses(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(typed)


@pytest.mark.parametrize("typed", ["1e400", "99999999999999999999999999999"])
def test_parse_amount_refuses_huge_amounts_with_value_error(typed):
    with pytest.raises(ValueError, match="amount"):
        parse_amount(typed)


# ---------------------------------------------------------------------- charts


def test_balance_bars_values_and_labels():
    figure = charts.balance_bars(a.balance("3000.00", "1234.56", "-50.00"), "EUR", "May")
    bar = figure.data[0]
    assert list(bar.x) == ["Income", "Expenses", "Neutral", "Net"]
    assert list(bar.y) == [3000.0, 1234.56, -50.0, 1715.44]
    assert list(bar.text) == ["3000.00", "1234.56", "-50.00", "1715.44"]
    assert figure.layout.title.text == "May"
    assert figure.layout.yaxis.title.text == "EUR"


def test_named_bars_colours_negative_red():
    rows = [{"name": "ING", "balance": "10.00"}, {"name": "Card", "balance": "-5.00"}]
    bar = charts.named_bars(rows, "balance", "EUR", "Money").data[0]
    assert list(bar.x) == ["ING", "Card"]
    assert list(bar.y) == [10.0, -5.0]
    assert list(bar.marker.color) == [charts.GREEN, charts.RED]


def test_donut_leaves_out_unused_categories():
    rows = [
        {"name": "Rent", "amount": "1000.00"},
        {"name": "Gifts", "amount": "0.00"},
        {"name": "Food", "amount": "2.50"},
    ]
    pie = charts.donut(rows, "EUR", "Expenses").data[0]
    assert list(pie.labels) == ["Rent", "Food"]
    assert list(pie.values) == [1000.0, 2.5]


def test_income_expenses_bars_and_net_line():
    periods = [{"balance": a.balance("10.00", "4.00")}, {"balance": a.balance("0.00", "6.50")}]
    income, expenses, net = charts.income_expenses(periods, ["2023", "2024"], "EUR", "By year").data
    assert (income.type, expenses.type, net.type) == ("bar", "bar", "scatter")
    assert list(income.y) == [10.0, 0.0]
    assert list(expenses.y) == [4.0, 6.5]
    assert list(net.y) == [6.0, -6.5]
    assert list(net.x) == ["2023", "2024"]


def test_category_heatmap_rows_by_sign_and_month():
    report = a.yearly(months={1: {"positive": [("Salary", "100.00")]}, 3: {"negative": [("Rent", "40.00")]}})
    heat = charts.category_heatmap(report["months"], "EUR", "Categories").data[0]
    assert list(heat.y) == ["+ Salary", "- Rent"]
    assert list(heat.x) == charts.MONTHS
    assert [list(row) for row in heat.z] == [
        [100.0] + [0.0] * 11,
        [0.0, 0.0, 40.0] + [0.0] * 9,
    ]


@pytest.mark.parametrize(("total", "colour"), [("100.00", charts.GREEN), ("60.00", "#e9a23b")])
def test_allocation_gauge_value_and_colour(total, colour):
    gauge = charts.allocation_gauge(total).data[0]
    assert gauge.value == float(total)
    assert gauge.gauge.bar.color == colour
    assert list(gauge.gauge.axis.range) == [0, 100]
