"""Monthly, yearly and historical reports over HTTP: the period asked for, the shape, the numbers."""

import datetime

import pytest
from django.utils import timezone

from budget.ledger import services
from budget.ledger.models import Sign

from .conftest import (
    APRIL,
    HISTORICAL,
    MARCH,
    MONTHLY,
    YEARLY,
    ZERO_BALANCE,
    amounts,
    assert_generated,
    assert_summary_block,
    content,
    get_report,
    record,
)

pytestmark = pytest.mark.django_db

# The book's summary blocks (see make_book), worked out by hand. Transfer is an active NEUTRAL
# category (made by the first transfer), so it shows everywhere; its two legs cancel out.
QUIET = {
    "positive": [("Salary", "0.00")],
    "negative": [("Food", "0.00")],
    "neutral": [("Loan", "0.00"), ("Transfer", "0.00")],
    "balance": ZERO_BALANCE,
}
JUNE_2021 = {
    **QUIET,
    "positive": [("Salary", "50.00")],
    "balance": {"positive": "50.00", "negative": "0.00", "neutral": "0.00", "net": "50.00"},
}
# Gifts is archived, so it shows only where it has transactions.
DECEMBER_2021 = {
    **QUIET,
    "positive": [("Gifts", "25.00"), ("Salary", "0.00")],
    "balance": {"positive": "25.00", "negative": "0.00", "neutral": "0.00", "net": "25.00"},
}
YEAR_2021 = {
    **QUIET,
    "positive": [("Salary", "50.00"), ("Gifts", "25.00")],
    "balance": {"positive": "75.00", "negative": "0.00", "neutral": "0.00", "net": "75.00"},
}
# A split income counts in full in its category, allocated (1000.01) or pending (80.00).
MARCH_2024 = {
    "positive": [("Salary", "1200.01")],
    "negative": [("Food", "50.00")],
    "neutral": [("Loan", "300.00"), ("Transfer", "0.00")],
    "balance": {"positive": "1200.01", "negative": "50.00", "neutral": "300.00", "net": "1450.01"},
}
APRIL_2024 = {
    "positive": [("Salary", "90.00")],
    "negative": [("Food", "40.00")],
    "neutral": [("Transfer", "0.00"), ("Loan", "-120.00")],
    "balance": {"positive": "90.00", "negative": "40.00", "neutral": "-120.00", "net": "-70.00"},
}
YEAR_2024 = {
    "positive": [("Salary", "1290.01")],
    "negative": [("Food", "90.00")],
    "neutral": [("Loan", "180.00"), ("Transfer", "0.00")],
    "balance": {"positive": "1290.01", "negative": "90.00", "neutral": "180.00", "net": "1380.01"},
}
ALL_TIME = {
    "positive": [("Salary", "1340.01"), ("Gifts", "25.00")],
    "negative": [("Food", "90.00")],
    "neutral": [("Loan", "180.00"), ("Transfer", "0.00")],
    "balance": {"positive": "1365.01", "negative": "90.00", "neutral": "180.00", "net": "1455.01"},
}
NO_CATEGORIES = {"positive": [], "negative": [], "neutral": [], "balance": ZERO_BALANCE}


# --- Query parameters -------------------------------------------------------------------------

BAD_MONTHS = [
    "2024-13",
    "2024-00",
    "2024-1",
    "2024-3",
    "24-01",
    "abcd",
    "2024/03",
    "0000-05",
    "2024-03-01",
    "202403",
    "03-2024",
    "-2024-03",
    "2024--3",
    "2024-+3",
    "99999-01",
    "2024-03x",
    "NaN",
    "9" * 1000,
    "２０２４-０３",  # fullwidth digits  # noqa: RUF001
    "٢٠٢٤-٠٣",  # Arabic-Indic digits
    "2024-٠٣",
    "২০২৪-০৩",  # Bengali digits
]
BAD_YEARS = [
    "24",
    "20245",
    "abc",
    "0000",
    "-2024",
    "+2024",
    "2024.0",
    "2024-03",
    "1e3",
    "NaN",
    "9" * 1000,
    "２０２４",  # noqa: RUF001
    "٢٠٢٤",
    "২০২৪",
]


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_monthly_report_refuses_a_malformed_month(api_client, user, month):
    response = api_client.get(MONTHLY, {"month": month})

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"month"}
    assert len(body["month"]) == 1
    assert "YYYY-MM" in body["month"][0]


@pytest.mark.parametrize("year", BAD_YEARS)
def test_yearly_report_refuses_a_malformed_year(api_client, user, year):
    response = api_client.get(YEARLY, {"year": year})

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"year"}
    assert len(body["year"]) == 1
    assert "YYYY" in body["year"][0]
    assert "YYYY-MM" not in body["year"][0]


@pytest.mark.parametrize(
    ("param", "value", "path"), [("month", "2024-03\x00", MONTHLY), ("year", "2024\x00", YEARLY)]
)
def test_report_refuses_a_null_character_in_the_period(api_client, user, param, value, path):
    response = api_client.get(path, {param: value})

    assert response.status_code == 400
    assert set(response.json()) == {param}


@pytest.mark.parametrize(
    ("param", "value", "path", "fmt"),
    [("month", "2024-03\x00", MONTHLY, "YYYY-MM"), ("year", "2024\x00", YEARLY, "YYYY")],
)
def test_report_names_the_format_for_a_null_character_too(api_client, user, param, value, path, fmt):
    response = api_client.get(path, {param: value})

    assert response.status_code == 400
    assert fmt in response.json()[param][0]


@pytest.mark.parametrize(
    ("month", "period"),
    [("0001-01", (1, 1)), ("1900-01", (1900, 1)), ("2100-12", (2100, 12)), ("9999-12", (9999, 12))],
)
def test_monthly_report_of_a_far_month_is_empty_not_an_error(api_client, book, month, period):
    report = get_report(api_client, MONTHLY, month=month)

    assert report["period"] == {"year": period[0], "month": period[1]}
    assert amounts(report) == QUIET


@pytest.mark.parametrize("year", ["0001", "1900", "2100", "9999"])
def test_yearly_report_of_a_far_year_is_empty_not_an_error(api_client, book, year):
    report = get_report(api_client, YEARLY, year=year)

    assert report["period"] == {"year": int(year)}
    assert [month["month"] for month in report["months"]] == list(range(1, 13))
    assert all(amounts(month) == QUIET for month in report["months"])
    assert amounts(report["summary"]) == QUIET


@pytest.mark.parametrize("query", [{}, {"month": ""}, {"month": "  "}])
def test_monthly_report_defaults_to_this_month(api_client, user, ledger, query):
    today = timezone.localdate()
    record(user, ledger.food, ledger.cash, "12.34", today, bucket=ledger.necessities)

    report = get_report(api_client, MONTHLY, **query)

    assert report["period"] == {"year": today.year, "month": today.month}
    assert amounts(report)["negative"] == [("Food", "12.34")]
    assert content(report) == content(get_report(api_client, MONTHLY, month=f"{today:%Y-%m}"))


@pytest.mark.parametrize("query", [{}, {"year": ""}, {"year": "  "}])
def test_yearly_report_defaults_to_this_year(api_client, user, ledger, query):
    today = timezone.localdate()
    record(user, ledger.food, ledger.cash, "12.34", today, bucket=ledger.necessities)

    report = get_report(api_client, YEARLY, **query)

    assert report["period"] == {"year": today.year}
    assert amounts(report["months"][today.month - 1])["negative"] == [("Food", "12.34")]
    assert amounts(report["summary"])["negative"] == [("Food", "12.34")]
    assert content(report) == content(get_report(api_client, YEARLY, year=str(today.year)))


# --- Shapes -----------------------------------------------------------------------------------


def test_monthly_report_shape(api_client, book):
    report = get_report(api_client, MARCH)

    assert set(report) == {"period", "categories", "balance", "generated_at", "cached"}
    assert report["period"] == {"year": 2024, "month": 3}
    assert_generated(report)
    assert_summary_block(report, extra_keys={"period", "generated_at", "cached"})


def test_yearly_report_shape(api_client, book):
    report = get_report(api_client, YEARLY, year="2024")

    assert set(report) == {"period", "months", "summary", "generated_at", "cached"}
    assert report["period"] == {"year": 2024}
    assert_generated(report)
    assert [month["month"] for month in report["months"]] == list(range(1, 13))
    for month in report["months"]:
        assert_summary_block(month, extra_keys={"month"})
    assert_summary_block(report["summary"])


def test_historical_report_shape(api_client, book):
    report = get_report(api_client, HISTORICAL)

    assert set(report) == {"years", "summary", "generated_at", "cached"}
    assert_generated(report)
    assert [year["year"] for year in report["years"]] == [2021, 2022, 2023, 2024]
    for year in report["years"]:
        assert_summary_block(year, extra_keys={"year"})
    assert_summary_block(report["summary"])


# --- Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        ("2024-03", MARCH_2024),
        ("2024-04", APRIL_2024),
        ("2024-05", QUIET),
        ("2024-02", QUIET),
        ("2021-06", JUNE_2021),
        ("2021-12", DECEMBER_2021),
        ("2021-11", QUIET),
        ("2022-07", QUIET),
    ],
)
def test_monthly_report_numbers(api_client, book, month, expected):
    report = get_report(api_client, MONTHLY, month=month)

    assert amounts(report) == expected


def test_monthly_report_categories_carry_their_ids(api_client, book):
    report = get_report(api_client, MONTHLY, month="2021-12")

    ledger = book.ledger
    transfer = book.transfer.legs.first().category
    assert {sign: [row["id"] for row in rows] for sign, rows in report["categories"].items()} == {
        "positive": [str(book.gifts.pk), str(ledger.salary.pk)],
        "negative": [str(ledger.food.pk)],
        "neutral": [str(ledger.loan.pk), str(transfer.pk)],
    }


def test_monthly_report_of_a_ledger_without_categories_is_all_zero(api_client, user):
    report = get_report(api_client, MARCH)

    assert report["period"] == {"year": 2024, "month": 3}
    assert amounts(report) == NO_CATEGORIES


def test_monthly_report_counts_an_edited_date_in_its_new_month(api_client, book):
    services.transaction_update(txn=book.lunch, date=datetime.date(2024, 4, 30))

    assert amounts(get_report(api_client, MARCH))["negative"] == [("Food", "7.50")]
    assert amounts(get_report(api_client, APRIL))["negative"] == [("Food", "82.50")]


def test_yearly_report_numbers(api_client, book):
    report = get_report(api_client, YEARLY, year="2024")

    expected = {3: MARCH_2024, 4: APRIL_2024}
    assert [amounts(month) for month in report["months"]] == [
        expected.get(number, QUIET) for number in range(1, 13)
    ]
    assert amounts(report["summary"]) == YEAR_2024


def test_yearly_report_shows_an_archived_category_only_in_its_months(api_client, book):
    report = get_report(api_client, YEARLY, year="2021")

    expected = {6: JUNE_2021, 12: DECEMBER_2021}
    assert [amounts(month) for month in report["months"]] == [
        expected.get(number, QUIET) for number in range(1, 13)
    ]
    assert amounts(report["summary"]) == YEAR_2021


def test_yearly_report_of_a_year_without_transactions_is_all_zero(api_client, book):
    report = get_report(api_client, YEARLY, year="2022")

    assert report["period"] == {"year": 2022}
    assert [amounts(month) for month in report["months"]] == [QUIET] * 12
    assert amounts(report["summary"]) == QUIET


@pytest.mark.parametrize("year", [2021, 2024])
def test_yearly_report_months_match_the_monthly_reports(api_client, book, year):
    report = get_report(api_client, YEARLY, year=str(year))

    for month in report["months"]:
        monthly = get_report(api_client, MONTHLY, month=f"{year}-{month['month']:02d}")
        assert {key: value for key, value in month.items() if key != "month"} == {
            "categories": monthly["categories"],
            "balance": monthly["balance"],
        }


def test_historical_report_numbers(api_client, book):
    report = get_report(api_client, HISTORICAL)

    assert [year["year"] for year in report["years"]] == [2021, 2022, 2023, 2024]
    assert [amounts(year) for year in report["years"]] == [YEAR_2021, QUIET, QUIET, YEAR_2024]
    assert amounts(report["summary"]) == ALL_TIME


@pytest.mark.parametrize("year", [2021, 2024])
def test_historical_report_years_match_the_yearly_summaries(api_client, book, year):
    years = {row["year"]: row for row in get_report(api_client, HISTORICAL)["years"]}

    summary = get_report(api_client, YEARLY, year=str(year))["summary"]

    assert {key: value for key, value in years[year].items() if key != "year"} == summary


def test_historical_report_summary_balances_like_the_current_report(api_client, book):
    historical = get_report(api_client, HISTORICAL)
    current = get_report(api_client, "/api/reports/current/")

    assert historical["summary"]["balance"] == current["balance"]


def test_historical_report_of_an_empty_ledger(api_client, user):
    report = get_report(api_client, HISTORICAL)

    assert report["years"] == []
    assert amounts(report["summary"]) == NO_CATEGORIES


def test_historical_report_of_a_ledger_without_transactions(api_client, ledger):
    report = get_report(api_client, HISTORICAL)

    assert report["years"] == []
    assert amounts(report["summary"]) == {
        "positive": [("Salary", "0.00")],
        "negative": [("Food", "0.00")],
        "neutral": [("Loan", "0.00")],
        "balance": ZERO_BALANCE,
    }


def test_historical_report_of_one_year(api_client, user, ledger):
    record(user, ledger.food, ledger.cash, "3.00", datetime.date(2023, 1, 1), bucket=ledger.fun)
    record(user, ledger.food, ledger.cash, "4.00", datetime.date(2023, 12, 31), bucket=ledger.fun)

    report = get_report(api_client, HISTORICAL)

    assert [year["year"] for year in report["years"]] == [2023]
    assert amounts(report["years"][0])["negative"] == [("Food", "7.00")]
    assert amounts(report["summary"])["balance"] == {
        "positive": "0.00",
        "negative": "7.00",
        "neutral": "0.00",
        "net": "-7.00",
    }


# --- Categories: order, unused and archived ---------------------------------------------------


def test_summary_sorts_categories_by_amount_then_name(api_client, user, ledger):
    march = datetime.date(2024, 3, 10)
    made = {
        name: services.category_create(user=user, name=name, sign=sign)
        for name, sign in [
            ("Zeta", Sign.POSITIVE),
            ("Interest", Sign.POSITIVE),
            ("Bonus", Sign.POSITIVE),
            ("Coupons", Sign.POSITIVE),
            ("Allowance", Sign.POSITIVE),
            ("Old job", Sign.POSITIVE),
            ("Rent", Sign.NEGATIVE),
            ("Books", Sign.NEGATIVE),
            ("Apps", Sign.NEGATIVE),
            ("Savings", Sign.NEUTRAL),
            ("Debts", Sign.NEUTRAL),
        ]
    }
    for name, amount in [
        ("Zeta", "30.00"),
        ("Bonus", "10.00"),
        ("Allowance", "10.00"),
        ("Old job", "5.00"),
        ("Rent", "500.00"),
        ("Books", "20.00"),
        ("Apps", "20.00"),
        ("Debts", "-20.00"),
    ]:
        record(user, made[name], ledger.cash, amount, march, bucket=ledger.fun)
    record(user, ledger.loan, ledger.cash, "50.00", march, bucket=ledger.fun)
    services.category_archive(category=made["Old job"])

    report = get_report(api_client, MARCH)

    assert amounts(report) == {
        "positive": [
            ("Zeta", "30.00"),
            ("Allowance", "10.00"),
            ("Bonus", "10.00"),
            ("Old job", "5.00"),
            ("Coupons", "0.00"),
            ("Interest", "0.00"),
            ("Salary", "0.00"),
        ],
        "negative": [("Rent", "500.00"), ("Apps", "20.00"), ("Books", "20.00"), ("Food", "0.00")],
        "neutral": [("Loan", "50.00"), ("Savings", "0.00"), ("Debts", "-20.00")],
        "balance": {"positive": "55.00", "negative": "540.00", "neutral": "30.00", "net": "-455.00"},
    }


def test_archived_unused_category_is_left_out_everywhere(api_client, user, ledger):
    services.category_archive(category=ledger.loan)
    record(user, ledger.food, ledger.cash, "1.00", datetime.date(2024, 3, 1), bucket=ledger.fun)

    monthly = get_report(api_client, MARCH)
    yearly = get_report(api_client, YEARLY, year="2024")
    historical = get_report(api_client, HISTORICAL)

    blocks = [monthly, *yearly["months"], yearly["summary"], *historical["years"], historical["summary"]]
    for block in blocks:
        assert amounts(block)["neutral"] == []


def test_archived_category_whose_amounts_cancel_out_still_shows_where_used(api_client, user, ledger):
    debts = services.category_create(user=user, name="Old debts", sign=Sign.NEUTRAL)
    record(user, debts, ledger.cash, "5.00", datetime.date(2024, 3, 2), bucket=ledger.fun)
    record(user, debts, ledger.cash, "-5.00", datetime.date(2024, 3, 3), bucket=ledger.fun)
    services.category_archive(category=debts)

    assert amounts(get_report(api_client, MARCH))["neutral"] == [("Loan", "0.00"), ("Old debts", "0.00")]
    assert amounts(get_report(api_client, APRIL))["neutral"] == [("Loan", "0.00")]


def test_archived_category_keeps_its_money_in_the_balance(api_client, user, book):
    services.category_archive(category=book.ledger.food)

    report = get_report(api_client, MARCH)

    assert amounts(report) == MARCH_2024
    assert amounts(get_report(api_client, MONTHLY, month="2024-05"))["negative"] == []
