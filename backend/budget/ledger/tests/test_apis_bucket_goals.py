"""Bucket goals over HTTP: the writable goal_amount and goal_date, the computed `goal` block."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.ledger import services
from budget.ledger.goals import month_index

pytestmark = pytest.mark.django_db

BUCKETS = reverse("bucket-list")


def detail(pk):
    return reverse("bucket-detail", args=[pk])


def months_ago(count: int) -> datetime.date:
    today = timezone.localdate()
    index = month_index(today.year, today.month) - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def deposit(user, ledger, bucket, amount, date):
    services.transaction_create(
        user=user,
        date=date,
        description="Saving",
        amount=Decimal(amount),
        category=ledger.salary,
        location=ledger.bank,
        bucket=bucket,
    )


def test_goal_is_null_without_an_amount(api_client, ledger):
    row = api_client.get(detail(ledger.fun.pk)).json()

    assert (row["goal_amount"], row["goal_date"], row["goal"]) == (None, None, None)


def test_goal_block_from_balance_and_the_pace_of_the_last_three_months(api_client, user, ledger):
    # 300 over the last three full months (100 a month), 50 this month (not in the pace).
    for count in (1, 2, 3):
        deposit(user, ledger, ledger.economy, "100.00", months_ago(count))
    deposit(user, ledger, ledger.economy, "50.00", months_ago(0))
    deposit(user, ledger, ledger.economy, "1000.00", months_ago(4))  # before the pace's months

    response = api_client.patch(detail(ledger.economy.pk), {"goal_amount": "1500.00"}, format="json")

    assert response.status_code == 200, response.json()
    goal = response.json()["goal"]
    # 1350 of 1500: 150 missing at 100 a month is 2 months, this one and the next.
    next_month = months_ago(-1)
    end_of_next = (next_month.replace(day=28) + datetime.timedelta(days=4)).replace(
        day=1
    ) - datetime.timedelta(days=1)
    assert goal == {
        "amount": "1500.00",
        "date": None,
        "balance": "1350.00",
        "progress": "0.90",
        "monthly_needed": None,
        "projected_date": end_of_next.isoformat(),
        "status": "NO_DATE",
    }


def test_goal_date_gives_monthly_needed_and_a_status(api_client, ledger):
    date = months_ago(-12)  # the first of a month a year ahead: 12 months end before it
    response = api_client.patch(
        detail(ledger.fun.pk), {"goal_amount": "1200", "goal_date": date.isoformat()}, format="json"
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["goal_amount"], body["goal_date"]) == ("1200.00", date.isoformat())
    assert body["goal"]["monthly_needed"] == "100.00"
    assert (body["goal"]["status"], body["goal"]["projected_date"]) == ("BEHIND", None)


def test_goal_reached(api_client, user, ledger):
    deposit(user, ledger, ledger.fun, "80.00", months_ago(0))
    response = api_client.post(BUCKETS, {"name": "Trip", "goal_amount": "80.00"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["goal"]["status"] == "NO_DATE"

    goal = api_client.patch(detail(ledger.fun.pk), {"goal_amount": "80"}, format="json").json()["goal"]

    assert (goal["status"], goal["progress"], goal["monthly_needed"]) == ("REACHED", "1.00", None)


def test_clearing_the_amount_clears_the_date(api_client, ledger):
    api_client.patch(detail(ledger.fun.pk), {"goal_amount": "10", "goal_date": "2030-01-31"}, format="json")

    body = api_client.patch(detail(ledger.fun.pk), {"goal_amount": None}, format="json").json()

    assert (body["goal_amount"], body["goal_date"], body["goal"]) == (None, None, None)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"goal_amount": "0"}, "goal_amount"),
        ({"goal_amount": "-5.00"}, "goal_amount"),
        ({"goal_amount": "1.001"}, "goal_amount"),
        ({"goal_date": "2030-01-31"}, "goal_date"),
        ({"goal_amount": "5", "goal_date": "31.01.2030"}, "goal_date"),
    ],
)
def test_goal_input_errors_are_400s(api_client, ledger, payload, field):
    response = api_client.patch(detail(ledger.fun.pk), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("count", [2, 40])
def test_bucket_list_with_goals_costs_the_same_queries(api_client, user, django_assert_num_queries, count):
    for number in range(count):
        services.bucket_create(
            user=user, name=f"Goal {number}", goal_amount=Decimal(100 + number), goal_date=months_ago(-3)
        )

    with django_assert_num_queries(5):  # user, membership, count, page, allocation total
        response = api_client.get(BUCKETS, {"page_size": 500})

    assert response.status_code == 200
    assert all(row["goal"]["status"] == "BEHIND" for row in response.json()["results"])
