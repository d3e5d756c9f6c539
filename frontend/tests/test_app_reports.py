"""The Monthly, Yearly and Historical report pages."""

import datetime

import pytest

from tests import answers as a
from tests.helpers import USER, app, assert_clean, button, calls, charts, metric, open_page, query, texts, url

MAY = {"positive": [("Salary", "3000.00")], "negative": [("Rent", "1000.00"), ("Food", "234.56")]}


def _last(api, kind):
    return query(calls(api, "GET", f"reports/{kind}/")[-1])


# ---------------------------------------------------------------------- monthly


def test_monthly_defaults_to_this_month(api):
    api.get(url("reports/monthly/"), json=a.monthly(**MAY))
    at = open_page("monthly")
    assert_clean(at)
    assert texts(at.title) == ["Monthly report"]
    assert at.selectbox(key="month").value == a.THIS_MONTH
    assert _last(api, "monthly") == {"month": a.THIS_MONTH}


def test_monthly_shows_summary(api):
    api.get(url("reports/monthly/"), json=a.monthly(**MAY, neutral=[("Loan", "-50.00")]))
    at = open_page("monthly")
    assert_clean(at)
    assert metric(at, "Income") == "€3,000.00"
    assert metric(at, "Expenses") == "€1,234.56"
    assert metric(at, "Neutral") == "-€50.00"
    assert metric(at, "Net") == "€1,715.44"
    income, expenses, neutral = (frame.value for frame in at.table)
    assert expenses.to_dict("list") == {
        "Category": ["Rent", "Food", "Total"],
        "Amount": ["€1,000.00", "€234.56", "€1,234.56"],
    }
    assert income["Amount"].tolist() == ["€3,000.00", "€3,000.00"]
    assert neutral["Amount"].tolist() == ["-€50.00", "-€50.00"]
    bars, donut = charts(at)
    assert bars["data"][0]["y"] == [3000.0, 1234.56, -50.0, 1715.44]
    assert donut["data"][0]["labels"] == ["Rent", "Food"]
    assert donut["data"][0]["values"] == [1000.0, 234.56]


def test_monthly_choosing_another_month_requests_it(api):
    api.get(url("reports/monthly/"), json=a.monthly(**MAY))
    at = open_page("monthly")
    at = at.selectbox(key="month").set_value("2023-02").run()
    assert_clean(at)
    assert _last(api, "monthly") == {"month": "2023-02"}
    assert "February 2023" in texts(at.subheader)


def test_monthly_empty_period_info(api):
    api.get(
        url("reports/monthly/"), json=a.monthly(positive=[("Salary", "0.00")], negative=[("Rent", "0.00")])
    )
    at = open_page("monthly")
    at = at.selectbox(key="month").set_value(f"2020-{a.TODAY.month:02d}").run()
    assert_clean(at)
    month_name = datetime.date(2020, a.TODAY.month, 1).strftime("%B")
    assert texts(at.info) == [
        f"No transactions in {month_name} 2020. Pick another month, or add some on the Transactions page."
    ]
    assert not at.metric
    assert not charts(at)


def test_monthly_income_only_says_no_expenses(api):
    api.get(
        url("reports/monthly/"), json=a.monthly(positive=[("Salary", "10.00")], negative=[("Rent", "0.00")])
    )
    at = open_page("monthly")
    assert_clean(at)
    assert texts(at.info) == ["No expenses in this period."]
    assert len(charts(at)) == 1


def test_monthly_no_categories_of_a_sign_caption(api):
    api.get(url("reports/monthly/"), json=a.monthly(positive=[("Salary", "10.00")]))
    at = open_page("monthly")
    assert "No neutral categories yet." in texts(at.main.caption)
    assert "No expenses categories yet." in texts(at.main.caption)


def test_monthly_bad_period_shows_api_message(api):
    api.get(url("reports/monthly/"), status=400, json={"month": ["Use the format YYYY-MM."]})
    at = open_page("monthly")
    assert not at.exception
    assert texts(at.error) == ["Month: Use the format YYYY-MM."]


# ---------------------------------------------------------------------- yearly


def test_yearly_defaults_to_this_year(api):
    api.get(url("reports/yearly/"), json=a.yearly(months={5: MAY}))
    at = open_page("yearly")
    assert_clean(at)
    assert texts(at.title) == ["Yearly report"]
    assert _last(api, "yearly") == {"year": str(a.TODAY.year)}


def test_yearly_year_input_requests_that_year(api):
    api.get(url("reports/yearly/"), json=a.yearly(2022, months={5: MAY}))
    at = open_page("yearly").number_input(key="year").set_value(2022).run()
    assert_clean(at)
    assert _last(api, "yearly") == {"year": "2022"}
    assert "The whole of 2022" in texts(at.subheader)


def test_yearly_charts_and_months_table(api):
    api.get(url("reports/yearly/"), json=a.yearly(months={1: {"positive": [("Salary", "100.00")]}, 5: MAY}))
    at = open_page("yearly")
    assert_clean(at)
    income_expenses, income, expenses, *_ = charts(at)
    assert income_expenses["data"][0]["y"] == [100.0, 0, 0, 0, 3000.0] + [0] * 7
    assert income_expenses["data"][1]["y"] == [0, 0, 0, 0, 1234.56] + [0] * 7
    # Symptom 10: income and expenses each on their own colour scale.
    assert [h["data"][0]["type"] for h in (income, expenses)] == ["heatmap", "heatmap"]
    assert income["data"][0]["y"] == ["Salary"]
    assert expenses["data"][0]["y"] == ["Rent", "Food"]
    assert income["data"][0]["z"][0][:5] == [100.0, 0.0, 0.0, 0.0, 3000.0]
    assert income["data"][0]["colorscale"] != expenses["data"][0]["colorscale"]
    months = at.table[0].value
    assert months["Month"].tolist()[:2] == ["Jan", "Feb"]
    assert len(months) == 12
    assert months.loc[4, "Net"] == "€1,765.44"
    assert metric(at, "Income") == "€3,100.00"


def test_yearly_empty_year_info(api):
    api.get(url("reports/yearly/"), json=a.yearly(2001))
    at = open_page("yearly").number_input(key="year").set_value(2001).run()
    assert_clean(at)
    assert texts(at.info) == [
        "No transactions in 2001. Pick another year, or add some on the Transactions page."
    ]
    assert not charts(at)


# ---------------------------------------------------------------------- historical


def test_historical_years_and_all_time(api):
    api.get(
        url("reports/historical/"),
        json=a.historical({2022: {"positive": [("Salary", "1000.00")]}, 2023: {}, 2024: MAY}),
    )
    at = open_page("historical")
    assert_clean(at)
    assert texts(at.title) == ["Historical report"]
    assert _last(api, "historical") == {}
    years = at.table[0].value
    assert years.to_dict("list") == {
        "Year": ["2022", "2023", "2024"],
        "Income": ["€1,000.00", "€0.00", "€3,000.00"],
        "Expenses": ["€0.00", "€0.00", "€1,234.56"],
        "Neutral": ["€0.00", "€0.00", "€0.00"],
        "Net": ["€1,000.00", "€0.00", "€1,765.44"],
    }
    assert "All time (2022-2024)" in texts(at.subheader)
    assert metric(at, "Net") == "€2,765.44"
    by_year = charts(at)[0]
    assert by_year["data"][0]["x"] == ["2022", "2023", "2024"]
    assert by_year["data"][2]["y"] == [1000.0, 0.0, 1765.44]


def test_historical_without_years_info(api):
    api.get(url("reports/historical/"), json=a.historical())
    at = open_page("historical")
    assert_clean(at)
    assert texts(at.info) == ["No transactions yet. Once you record some, every year appears here."]
    assert not charts(at)
    assert not at.metric


REPORTS = {
    "monthly": a.monthly(**MAY),
    "yearly": a.yearly(months={5: MAY}),
    "historical": a.historical({2024: MAY}),
}


@pytest.mark.parametrize("page", list(REPORTS))
def test_reports_use_profile_currency(api, page):
    api.get(url(f"reports/{page}/"), json=REPORTS[page])
    at = open_page(page, user={**USER, "currency": "RON"})
    assert_clean(at)
    assert metric(at, "Income") == "RON3,000.00"
    assert metric(at, "Expenses") == "RON1,234.56"


# ---------------------------------------------------------------------- issue 14: links and steps


def test_monthly_opens_the_month_in_the_link(api):
    """A shared link /monthly?month=2025-07 opens July 2025."""
    api.get(url("reports/monthly/"), json=a.monthly(2025, 7, **MAY))
    at = app(USER)
    at.query_params["month"] = "2025-07"
    at = at.switch_page("app_pages/monthly.py").run()
    assert_clean(at)
    assert _last(api, "monthly") == {"month": "2025-07"}
    assert "July 2025" in texts(at.subheader)


@pytest.mark.parametrize(("label", "month"), [("← Previous", "2024-12"), ("Next →", "2025-02")])
def test_monthly_previous_and_next_month(api, label, month):
    api.get(url("reports/monthly/"), json=a.monthly(**MAY))
    at = app(USER)
    at.query_params["month"] = "2025-01"
    at = at.switch_page("app_pages/monthly.py").run()
    at = button(at, label).click().run()
    assert_clean(at)
    assert at.selectbox(key="month").value == month
    assert _last(api, "monthly") == {"month": month}


@pytest.mark.parametrize(("label", "year"), [("← Previous", "2023"), ("Next →", "2025")])
def test_yearly_link_and_previous_next_year(api, label, year):
    api.get(url("reports/yearly/"), json=a.yearly(2024, months={5: MAY}))
    at = app(USER)
    at.query_params["year"] = "2024"
    at = at.switch_page("app_pages/yearly.py").run()
    assert _last(api, "yearly") == {"year": "2024"}
    at = button(at, label).click().run()
    assert_clean(at)
    assert _last(api, "yearly") == {"year": year}


def test_report_tables_show_every_row_without_scrolling(api):
    """Symptom 9: 14 expense categories and their total fit the table's height."""
    many = {"negative": [(f"Cost {n}", f"{n + 1}.00") for n in range(14)]}
    api.get(url("reports/monthly/"), json=a.monthly(**many))
    at = open_page("monthly")
    assert_clean(at)
    assert not at.dataframe  # a dataframe scrolls inside itself past ~10 rows
    [expenses] = at.table
    assert expenses.value["Category"].tolist()[-2:] == ["Cost 13", "Total"]


def test_historical_years_are_whole_numbers_on_the_axis(api):
    """Symptom 8: years are categories on the axis, never 2,023.5."""
    api.get(
        url("reports/historical/"),
        json=a.historical(
            {2023: {"positive": [("Salary", "1.00")]}, 2024: {"positive": [("Salary", "2.00")]}}
        ),
    )
    at = open_page("historical")
    assert_clean(at)
    bars = charts(at)[0]
    assert bars["layout"]["xaxis"]["type"] == "category"
    assert bars["data"][0]["x"] == ["2023", "2024"]
