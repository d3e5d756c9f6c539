"""GET /api/reports/summary/: the Overview's numbers, worked out by hand on the book (see conftest)."""

import datetime

import pytest
from django.utils import timezone

from .conftest import CURRENT, content, get_report
from .test_apis_queries import big_ledger, small_ledger

pytestmark = pytest.mark.django_db

SUMMARY = "/api/reports/summary/"


def _rows(rows: list[dict]) -> list[tuple]:
    return [(row["date"], row["description"], row["signed_amount"], row["location_name"]) for row in rows]


def test_summary_needs_a_token(anon_client):
    assert anon_client.get(SUMMARY).status_code == 401


@pytest.mark.parametrize("month", ["2024-13", "24-03", "March", "2024-00"])
def test_summary_refuses_a_bad_month(api_client, month):
    response = api_client.get(SUMMARY, {"month": month})

    assert response.status_code == 400
    assert "YYYY-MM" in response.json()["month"][0]


def test_summary_defaults_to_this_month(api_client):
    today = timezone.localdate()

    report = get_report(api_client, SUMMARY)

    assert report["period"] == {"year": today.year, "month": today.month}
    assert report["savings_rate"] == {"month": None, "year": None}
    assert report["recent"] == report["largest_expenses"] == report["spending"] == []


def test_summary_april_by_hand(api_client, book):
    """April 2024: income 10 + 80, food 30 + 10; March: income 1000.01 + 200, food 42.50 + 7.50."""
    report = get_report(api_client, SUMMARY, month="2024-04")

    assert report["period"] == {"year": 2024, "month": 4}
    assert report["month"] == {"income": "90.00", "expenses": "40.00", "net": "50.00"}
    assert report["previous_month"] == {"income": "1200.01", "expenses": "50.00"}
    assert [(r["name"], r["amount"], r["previous"]) for r in report["spending"]] == [
        ("Food", "40.00", "50.00")
    ]
    # 50 / 90 kept this month; 1200.01 / 1290.01 from January to April.
    assert report["savings_rate"] == {"month": "55.56", "year": "93.02"}
    # January-March spent 50.00 (/3); April 2023-March 2024 the same 50.00 (/12).
    assert report["average_spending"] == {"months_3": "16.67", "months_12": "4.17"}
    assert _rows(report["largest_expenses"]) == [
        ("2024-04-10", "Food 30.00", "-30.00", "Cash"),
        ("2024-04-12", "Food 10.00", "-10.00", "Old wallet"),
    ]
    recent = _rows(report["recent"])
    assert len(recent) == 10
    assert recent[0] == ("2024-04-20", "Salary 80.00", "80.00", "Bank")
    assert [date for date, *_ in recent] == sorted((date for date, *_ in recent), reverse=True)
    assert recent[-1][0] == "2024-03-10"
    assert report["recent"][0]["bucket_name"] is None  # a split income has no bucket of its own
    assert report["current"] == content(get_report(api_client, CURRENT))


def test_summary_month_without_income_and_averages(api_client, book):
    """May 2024: nothing recorded; February-April spent 0 + 50 + 40, the last 12 months 90."""
    report = get_report(api_client, SUMMARY, month="2024-05")

    assert report["month"] == {"income": "0.00", "expenses": "0.00", "net": "0.00"}
    assert report["savings_rate"] == {"month": None, "year": "93.02"}
    assert report["average_spending"] == {"months_3": "30.00", "months_12": "7.50"}
    assert [(r["name"], r["amount"], r["previous"]) for r in report["spending"]] == [
        ("Food", "0.00", "40.00")
    ]
    assert report["largest_expenses"] == []


def test_summary_january_looks_back_into_last_year(api_client, ledger, user):
    from .conftest import record

    record(user, ledger.food, ledger.cash, "120.00", datetime.date(2023, 12, 31), bucket=ledger.fun)
    record(user, ledger.salary, ledger.cash, "100.00", datetime.date(2024, 1, 2), bucket=ledger.fun)

    report = get_report(api_client, SUMMARY, month="2024-01")

    assert report["previous_month"] == {"income": "0.00", "expenses": "120.00"}
    assert report["savings_rate"] == {"month": "100.00", "year": "100.00"}
    assert report["average_spending"] == {"months_3": "40.00", "months_12": "10.00"}


def test_summary_shows_only_the_users_own_money(other_client, book, other_ledger):
    report = get_report(other_client, SUMMARY, month="2024-04")

    assert report["month"] == {"income": "0.00", "expenses": "0.00", "net": "0.00"}
    assert report["recent"] == report["largest_expenses"] == report["spending"] == []
    assert report["current"]["locations_total"] == "0.00"


def test_summary_is_cached_until_the_next_write(api_client, book):
    assert get_report(api_client, SUMMARY, month="2024-04")["cached"] is False
    assert get_report(api_client, SUMMARY, month="2024-04")["cached"] is True


# The user, ledger version and cache read; on a miss the grouped months, the category names, the
# two lists, the current report's five and the database cache's write (3 + 4 + 5 + 5).
UNCACHED_CAP = 18  # with the membership check
CACHED_CAP = 4  # the token's user, the membership, the ledger version, the cache read


@pytest.mark.parametrize("cached", [False, True])
def test_summary_queries_do_not_grow_with_the_ledger(
    api_client, other_client, user, other_user, django_assert_max_num_queries, cached
):
    small_ledger(user)
    big_ledger(other_user)
    if cached:
        get_report(api_client, SUMMARY, month="2024-03")
        get_report(other_client, SUMMARY, month="2024-03")

    with django_assert_max_num_queries(CACHED_CAP if cached else UNCACHED_CAP) as small:
        small_report = get_report(api_client, SUMMARY, month="2024-03")
    with django_assert_max_num_queries(CACHED_CAP if cached else UNCACHED_CAP) as big:
        big_report = get_report(other_client, SUMMARY, month="2024-03")

    assert small_report["cached"] is big_report["cached"] is cached
    assert len(small) == len(big)
    assert len(big_report["recent"]) == 10
