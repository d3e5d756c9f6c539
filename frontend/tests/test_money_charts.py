"""budget_ui.money (formatting and parsing amounts) and budget_ui.charts (Plotly figures)."""

from decimal import Decimal

import pytest

from budget_ui import charts
from budget_ui.money import money, number, parse_amount, plot_number, to_decimal
from tests import answers as a

# ---------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("value", "locale", "text"),
    [
        ("1381.37", "de_DE", "1.381,37\u00a0€"),
        ("1381.37", "en_US", "€1,381.37"),
        ("0.00", "en_US", "€0.00"),
        ("-0.50", "en_US", "-€0.50"),
        ("-1234567.05", "en_US", "-€1,234,567.05"),
        ("9999999999.99", "en_US", "€9,999,999,999.99"),
        (Decimal("12.5"), "en_US", "€12.50"),
        (7, "fr_FR", "7,00\u00a0€"),
    ],
)
def test_money_in_the_locale_and_currency(value, locale, text):
    assert money(value, "EUR", locale) == text


def test_money_defaults_to_american_english_outside_a_browser():
    assert money("1000", "RON") == "RON1,000.00"


def test_money_never_goes_through_float():
    assert money("12345678901234567.89") == "€12,345,678,901,234,567.89"


@pytest.mark.parametrize(
    ("value", "locale", "text"), [("-1234.5", "en_US", "-1,234.50"), ("1234", "de_DE", "1.234,00")]
)
def test_number_has_the_locale_separators(value, locale, text):
    assert number(value, locale) == text


def test_to_decimal_refuses_text():
    with pytest.raises(ValueError, match="Not an amount"):
        to_decimal("abc")


def test_plot_number_is_float():
    assert plot_number("1234.56") == 1234.56
    assert isinstance(plot_number("1"), float)


@pytest.mark.parametrize(
    ("typed", "locale", "sent"),
    [
        ("1,234", "en_US", "1234.00"),  # thousands, not 1.234
        ("1,234,567", "en_US", "1234567.00"),
        ("1 234,50", "en_US", "1234.50"),
        ("12", "en_US", "12.00"),
        ("-3.5", "en_US", "-3.50"),
        ("\u22123.5", "en_US", "-3.50"),
        ("12,5", "en_US", "12.50"),
        ("1,234.56", "en_US", "1234.56"),
        ("€12", "en_US", "12.00"),
        ("$ 7.1", "en_US", "7.10"),
        ("1\u00a0000", "en_US", "1000.00"),
        ("  42.00  ", "en_US", "42.00"),
        ("12.50 EUR", "en_US", "12.50"),
        ("1.234,50", "de_DE", "1234.50"),
        ("1.234", "de_DE", "1234.00"),
        ("1,5", "de_DE", "1.50"),
        ("1'234.50", "de_CH", "1234.50"),
    ],
)
def test_parse_amount_accepts_usual_spellings(typed, locale, sent):
    assert parse_amount(typed, locale) == sent


@pytest.mark.parametrize(
    ("typed", "locale", "message"),
    [
        ("abc", "en_US", "is not an amount"),
        ("", "en_US", "is not an amount"),
        ("NaN", "en_US", "is not an amount"),
        ("Infinity", "en_US", "is not an amount"),
        ("1,5,5", "en_US", "is not an amount"),
        ("1.234", "en_US", "more than two decimals"),
        ("1,234", "de_DE", "more than two decimals"),
        ("0.001", "en_US", "more than two decimals"),
    ],
)
def test_parse_amount_refuses(typed, locale, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(typed, locale)


def test_parse_amount_compares_as_decimal():
    assert Decimal(parse_amount("0.1")) + Decimal(parse_amount("0.2")) == Decimal("0.30")


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
    assert list(bar.text) == ["€3,000.00", "€1,234.56", "-€50.00", "€1,715.44"]  # separators on bars
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
        {"name": "Food", "amount": "200.50"},
    ]
    pie = charts.donut(rows, "EUR", "Expenses").data[0]
    assert list(pie.labels) == ["Rent", "Food"]
    assert list(pie.values) == [1000.0, 200.5]
    assert list(pie.text) == ["€1,000.00", "€200.50"]


def test_donut_folds_small_and_many_slices_into_other():
    """Symptom 10: twelve categories, small ones under 3 %, become seven slices and "Other"."""
    rows = [{"name": f"Big {n}", "amount": f"{1000 - n}.00"} for n in range(9)]
    rows += [{"name": f"Tiny {n}", "amount": "1.00"} for n in range(3)]
    pie = charts.donut(rows, "EUR", "Expenses").data[0]
    assert list(pie.labels) == [f"Big {n}" for n in range(7)] + ["Other"]
    assert pie.values[-1] == 993.0 + 992.0 + 3.0
    assert sum(pie.values) == sum(float(r["amount"]) for r in rows)


def test_donut_keeps_a_single_small_slice_by_name():
    rows = [{"name": "Rent", "amount": "1000.00"}, {"name": "Stamps", "amount": "1.00"}]
    assert list(charts.donut(rows, "EUR", "Expenses").data[0].labels) == ["Rent", "Stamps"]


def test_income_expenses_bars_and_net_line():
    periods = [{"balance": a.balance("10.00", "4.00")}, {"balance": a.balance("0.00", "6.50")}]
    income, expenses, net = charts.income_expenses(periods, ["2023", "2024"], "EUR", "By year").data
    assert (income.type, expenses.type, net.type) == ("bar", "bar", "scatter")
    assert list(income.y) == [10.0, 0.0]
    assert list(expenses.y) == [4.0, 6.5]
    assert list(net.y) == [6.0, -6.5]
    assert list(net.x) == ["2023", "2024"]
    # Symptom 8: years are names on a category axis, never 2,023.5.
    assert figure_axis_type(periods) == "category"


def figure_axis_type(periods) -> str:
    return charts.income_expenses(periods, ["2023", "2024"], "EUR", "By year").layout.xaxis.type


def test_category_heatmaps_one_scale_per_sign():
    """Symptom 10: expenses get their own colour scale, not income's where they look near-white."""
    report = a.yearly(
        months={
            1: {"positive": [("Salary", "3000.00")]},
            3: {"negative": [("Rent", "40.00")], "neutral": [("Loan", "-5.00")]},
        }
    )
    income, expenses, neutral = charts.category_heatmaps(report["months"], "EUR")
    assert [list(f.data[0].y) for f in (income, expenses, neutral)] == [["Salary"], ["Rent"], ["Loan"]]
    assert list(income.data[0].x) == charts.MONTHS
    assert list(income.data[0].z[0]) == [3000.0] + [0.0] * 11
    assert list(expenses.data[0].z[0]) == [0.0, 0.0, 40.0] + [0.0] * 9
    scales = [f.data[0].colorscale for f in (income, expenses, neutral)]
    assert len({str(scale) for scale in scales}) == 3
    assert neutral.data[0].zmid == 0


def test_category_heatmaps_leave_out_signs_without_money():
    report = a.yearly(months={1: {"positive": [("Salary", "1.00")], "negative": [("Rent", "0.00")]}})
    assert [f.layout.title.text for f in charts.category_heatmaps(report["months"], "EUR")] == [
        "Income by category and month"
    ]


@pytest.mark.parametrize(("total", "colour"), [("100.00", charts.GREEN), ("60.00", "#e9a23b")])
def test_allocation_gauge_value_and_colour(total, colour):
    gauge = charts.allocation_gauge(total).data[0]
    assert gauge.value == float(total)
    assert gauge.gauge.bar.color == colour
    assert list(gauge.gauge.axis.range) == [0, 100]


def test_allocation_gauge_leaves_room_for_its_last_label():
    """Symptom 10: the axis' "100" is not cut to "10"."""
    figure = charts.allocation_gauge("100.00")
    assert figure.layout.margin.r >= 40
    assert list(figure.data[0].gauge.axis.tickvals) == [0, 25, 50, 75, 100]


@pytest.mark.parametrize(
    "figure",
    [
        lambda: charts.balance_bars(a.balance("1.00"), "EUR", "May"),
        lambda: charts.named_bars([{"name": "ING", "balance": "1.00"}], "balance", "EUR", "Money"),
        lambda: charts.donut([{"name": "Rent", "amount": "1.00"}], "EUR", "Expenses"),
        lambda: charts.spending_against_last_month(
            [{"name": "Rent", "amount": "1.00", "previous": "2.00"}], "EUR"
        ),
        lambda: charts.income_expenses([{"balance": a.balance("1.00")}], ["2024"], "EUR", "By year"),
        lambda: charts.category_heatmaps(
            a.yearly(months={1: {"positive": [("Salary", "1.00")]}})["months"], "EUR"
        )[0],
        lambda: charts.allocation_gauge("100.00"),
    ],
    ids=["balance", "named", "donut", "spending", "periods", "heatmap", "gauge"],
)
def test_chart_titles_sit_below_plotlys_mode_bar(figure):
    """On a touch screen plotly shows its mode bar (top right, ~30 px) all the time: at 390 px it covered
    the left-aligned titles ("By category, again[icons]"). Each title starts below it, inside the margin."""
    layout = figure().layout
    assert (layout.title.yref, layout.title.y, layout.title.yanchor) == ("container", 1, "top")
    assert layout.title.pad.t >= charts.MODE_BAR_HEIGHT
    assert layout.margin.t >= layout.title.pad.t + 24  # the title's line, then the plot
