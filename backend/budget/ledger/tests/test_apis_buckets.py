"""Buckets and the allocation summary (/api/buckets/allocation/) over HTTP."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Allocation, Bucket
from budget.ledger.tests.helpers import DAY, names, record

pytestmark = pytest.mark.django_db

LOCATIONS = reverse("location-list")
BUCKETS = reverse("bucket-list")
ALLOCATION = reverse("bucket-allocation")

BUCKET_FIELDS = {
    "household",
    "id",
    "name",
    "allocation_percentage",
    "allocation_status",
    "goal_amount",
    "goal_date",
    "goal",
    "is_archived",
    "balance",
    "created_at",
}


def detail(name, pk):
    return reverse(f"{name}-detail", args=[pk])


# --- Buckets: happy paths --------------------------------------------------------------------


def test_bucket_list_shows_percentages_status_and_balances(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.fun, amount="75.00")

    response = api_client.get(BUCKETS)

    assert response.status_code == 200
    assert response.json()["count"] == 3
    rows = response.json()["results"]
    assert [
        (row["name"], row["allocation_percentage"], row["allocation_status"], row["balance"]) for row in rows
    ] == [
        ("Economy", "30.00", "COMPLETE", "0.00"),
        ("Fun", "20.00", "COMPLETE", "75.00"),
        ("Necessities", "50.00", "COMPLETE", "0.00"),
    ]
    for row in rows:
        assert set(row) == BUCKET_FIELDS
        assert row["is_archived"] is False


def test_bucket_balance_counts_own_transactions_and_split_income_shares(
    api_client, user, ledger, run_on_commit
):
    with run_on_commit():
        income = record(
            user, category=ledger.salary, location=ledger.bank, amount="1000.00", split_income=True
        )
    assert Allocation.objects.filter(transaction=income).count() == 3
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.necessities, amount="150.00")
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.fun, amount="0.01")
    record(user, category=ledger.loan, location=ledger.cash, bucket=ledger.economy, amount="-300.00")

    balances = {row["name"]: row["balance"] for row in api_client.get(BUCKETS).json()["results"]}

    assert balances == {"Necessities": "350.00", "Economy": "0.00", "Fun": "200.01"}
    assert api_client.get(detail("bucket", ledger.necessities.pk)).json()["balance"] == "350.00"
    locations = {row["name"]: row["balance"] for row in api_client.get(LOCATIONS).json()["results"]}
    assert locations == {"Bank": "1000.00", "Cash": "-449.99"}


def test_bucket_create_answers_the_new_row(api_client, user):
    response = api_client.post(BUCKETS, {"name": "Travel", "allocation_percentage": "12.5"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == BUCKET_FIELDS
    assert body["name"] == "Travel"
    assert body["allocation_percentage"] == "12.50"
    assert body["allocation_status"] == "INCOMPLETE"
    assert body["balance"] == "0.00"
    assert body["is_archived"] is False
    assert Bucket.objects.get(pk=body["id"]).allocation_percentage == Decimal("12.50")


def test_bucket_create_without_a_percentage_uses_zero(api_client, ledger):
    response = api_client.post(BUCKETS, {"name": "Gifts"}, format="json")

    assert response.status_code == 201
    assert response.json()["allocation_percentage"] == "0.00"
    assert response.json()["allocation_status"] == "COMPLETE"


def test_bucket_create_that_completes_the_allocation_says_complete(api_client, user):
    services.bucket_create(user=user, name="Necessities", allocation_percentage=Decimal(60))

    response = api_client.post(BUCKETS, {"name": "Fun", "allocation_percentage": 40}, format="json")

    assert response.status_code == 201
    assert response.json()["allocation_status"] == "COMPLETE"


def test_bucket_create_ignores_read_only_fields(api_client):
    response = api_client.post(
        BUCKETS,
        {
            "name": "Travel",
            "allocation_status": "COMPLETE",
            "is_archived": True,
            "balance": "50.00",
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["allocation_status"] == "INCOMPLETE"
    assert body["is_archived"] is False
    assert body["balance"] == "0.00"


def test_bucket_retrieve(api_client, ledger):
    response = api_client.get(detail("bucket", ledger.economy.pk))

    assert response.status_code == 200
    assert response.json()["id"] == str(ledger.economy.pk)
    assert response.json()["allocation_percentage"] == "30.00"
    assert response.json()["allocation_status"] == "COMPLETE"


def test_bucket_put_changes_name_and_percentage(api_client, ledger):
    response = api_client.put(
        detail("bucket", ledger.fun.pk), {"name": "Leisure", "allocation_percentage": "5.25"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Leisure"
    assert response.json()["allocation_percentage"] == "5.25"
    assert response.json()["allocation_status"] == "INCOMPLETE"
    ledger.fun.refresh_from_db()
    assert (ledger.fun.name, ledger.fun.allocation_percentage) == ("Leisure", Decimal("5.25"))


def test_bucket_patch_of_the_name_keeps_the_percentage(api_client, ledger):
    response = api_client.patch(detail("bucket", ledger.fun.pk), {"name": "Leisure"}, format="json")

    assert response.status_code == 200
    assert response.json()["allocation_percentage"] == "20.00"
    assert response.json()["allocation_status"] == "COMPLETE"


def test_bucket_patch_may_keep_its_percentage_when_the_total_is_full(api_client, ledger):
    response = api_client.patch(
        detail("bucket", ledger.necessities.pk), {"allocation_percentage": "50.00"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["allocation_status"] == "COMPLETE"


def test_bucket_delete_archives_the_row(api_client, ledger):
    response = api_client.delete(detail("bucket", ledger.fun.pk))

    assert response.status_code == 204
    ledger.fun.refresh_from_db()
    assert ledger.fun.is_archived is True
    assert names(api_client.get(BUCKETS)) == ["Economy", "Necessities"]
    assert names(api_client.get(BUCKETS, {"include_archived": "true"})) == ["Economy", "Fun", "Necessities"]
    retrieved = api_client.get(detail("bucket", ledger.fun.pk))
    assert retrieved.status_code == 200
    assert retrieved.json()["is_archived"] is True
    assert retrieved.json()["allocation_status"] == "INCOMPLETE"


def test_bucket_search_matches_names_case_insensitively(api_client, ledger):
    assert names(api_client.get(BUCKETS, {"search": "ECO"})) == ["Economy"]
    assert names(api_client.get(BUCKETS, {"search": "n"})) == ["Economy", "Fun", "Necessities"]


# --- Buckets: allocation -------------------------------------------------------------------


def test_allocation_summary_of_a_complete_allocation(api_client, ledger):
    response = api_client.get(ALLOCATION)

    assert response.status_code == 200
    assert response.json() == {
        "total_percentage": "100.00",
        "remaining_percentage": "0.00",
        "is_complete": True,
    }


def test_allocation_summary_without_buckets(api_client):
    assert api_client.get(ALLOCATION).json() == {
        "total_percentage": "0.00",
        "remaining_percentage": "100.00",
        "is_complete": False,
    }


def test_allocation_summary_counts_only_the_users_own_buckets(api_client, user, other_ledger):
    services.bucket_create(user=user, name="Everything", allocation_percentage=Decimal("33.33"))

    assert api_client.get(ALLOCATION).json() == {
        "total_percentage": "33.33",
        "remaining_percentage": "66.67",
        "is_complete": False,
    }


@pytest.mark.parametrize(
    "percentages",
    [
        ["33.33", "33.33", "33.34"],
        ["12.34", "23.45", "34.56", "29.65"],
        ["0.10"] * 10 + ["0.20"] * 5 + ["98.00"],
    ],
)
def test_allocation_of_awkward_percentages_sums_to_exactly_100(api_client, percentages):
    for index, percentage in enumerate(percentages):
        response = api_client.post(
            BUCKETS, {"name": f"Bucket {index}", "allocation_percentage": percentage}, format="json"
        )
        assert response.status_code == 201, response.json()

    assert api_client.get(ALLOCATION).json() == {
        "total_percentage": "100.00",
        "remaining_percentage": "0.00",
        "is_complete": True,
    }
    assert {row["allocation_status"] for row in api_client.get(BUCKETS).json()["results"]} == {"COMPLETE"}
    response = api_client.post(BUCKETS, {"name": "One more", "allocation_percentage": "0.01"}, format="json")
    assert response.status_code == 400


def test_bucket_patch_over_the_total_says_how_much_is_left(api_client, ledger):
    response = api_client.patch(
        detail("bucket", ledger.fun.pk), {"allocation_percentage": "30"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "allocation_percentage": [
            "Total allocation would be 110.00%; 0.00% is left. This bucket can go up to 20.00%."
        ]
    }
    ledger.fun.refresh_from_db()
    assert ledger.fun.allocation_percentage == Decimal("20.00")


def test_bucket_create_over_the_total_is_refused(api_client, ledger):
    response = api_client.post(BUCKETS, {"name": "Travel", "allocation_percentage": "10"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"allocation_percentage": ["Total allocation would be 110.00%; 0.00% is left."]}
    assert not Bucket.objects.filter(name="Travel").exists()


def test_bucket_create_over_the_total_says_how_much_is_left(api_client, user):
    services.bucket_create(user=user, name="Necessities", allocation_percentage=Decimal(80))

    response = api_client.post(BUCKETS, {"name": "Fun", "allocation_percentage": "30"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "allocation_percentage": ["Total allocation would be 110.00%; 20.00% is left."]
    }


def test_bucket_create_up_to_exactly_the_total_is_allowed(api_client, user):
    services.bucket_create(user=user, name="Necessities", allocation_percentage=Decimal("99.99"))

    refused = api_client.post(BUCKETS, {"name": "Fun", "allocation_percentage": "0.02"}, format="json")
    allowed = api_client.post(BUCKETS, {"name": "Fun", "allocation_percentage": "0.01"}, format="json")

    assert refused.status_code == 400
    assert refused.json()["allocation_percentage"] == ["Total allocation would be 100.01%; 0.01% is left."]
    assert allowed.status_code == 201
    assert allowed.json()["allocation_status"] == "COMPLETE"


def test_bucket_patch_below_the_total_makes_the_allocation_incomplete(api_client, ledger):
    response = api_client.patch(
        detail("bucket", ledger.fun.pk), {"allocation_percentage": "10"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["allocation_status"] == "INCOMPLETE"
    assert {row["allocation_status"] for row in api_client.get(BUCKETS).json()["results"]} == {"INCOMPLETE"}
    assert api_client.get(ALLOCATION).json() == {
        "total_percentage": "90.00",
        "remaining_percentage": "10.00",
        "is_complete": False,
    }


def test_archived_buckets_do_not_count_toward_the_allocation(api_client, ledger):
    assert api_client.delete(detail("bucket", ledger.fun.pk)).status_code == 204
    assert api_client.get(ALLOCATION).json() == {
        "total_percentage": "80.00",
        "remaining_percentage": "20.00",
        "is_complete": False,
    }

    response = api_client.post(BUCKETS, {"name": "Travel", "allocation_percentage": "20"}, format="json")

    assert response.status_code == 201
    assert response.json()["allocation_status"] == "COMPLETE"
    assert api_client.get(ALLOCATION).json()["is_complete"] is True


@pytest.mark.parametrize(
    ("percentage", "fragment"),
    [
        ("-0.01", "greater than or equal to 0"),
        ("-5", "greater than or equal to 0"),
        ("100.01", "less than or equal to 100"),
        ("250", "less than or equal to 100"),
        ("10.125", "2 decimal places"),
        (12.345, "2 decimal places"),
        ("abc", "valid number"),
        ("NaN", "valid number"),
        ("Infinity", "valid number"),
        (1e30, "digits"),
        (None, "null"),
        (True, "valid number"),
        ([10], "valid number"),
    ],
)
def test_bucket_create_refuses_a_bad_percentage(api_client, user, percentage, fragment):
    response = api_client.post(
        BUCKETS, {"name": "Travel", "allocation_percentage": percentage}, format="json"
    )

    assert response.status_code == 400
    assert fragment in response.json()["allocation_percentage"][0]
    assert not Bucket.objects.exists()


def test_bucket_patch_refuses_a_percentage_over_100_on_its_own(api_client, user):
    response = api_client.post(BUCKETS, {"name": "All", "allocation_percentage": "100.00"}, format="json")

    assert response.status_code == 201
    response = api_client.patch(
        detail("bucket", response.json()["id"]), {"allocation_percentage": "101"}, format="json"
    )
    assert response.status_code == 400
    assert "allocation_percentage" in response.json()


# --- Buckets: names and archiving -----------------------------------------------------------


def test_bucket_create_refuses_an_active_name_in_any_case(api_client, ledger):
    response = api_client.post(BUCKETS, {"name": "fUN"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": ["You already have an active bucket named 'fUN'."]}


def test_bucket_name_of_an_archived_row_can_be_used_again(api_client, ledger):
    assert api_client.delete(detail("bucket", ledger.fun.pk)).status_code == 204

    response = api_client.post(BUCKETS, {"name": "fun", "allocation_percentage": "20"}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("name", ["", "   ", None])
def test_bucket_create_refuses_a_blank_name(api_client, name):
    response = api_client.post(BUCKETS, {"name": name}, format="json")

    assert response.status_code == 400
    assert response.json()["name"][0]


def test_bucket_delete_is_refused_while_it_holds_money(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.fun, amount="1234.50")

    response = api_client.delete(detail("bucket", ledger.fun.pk))

    assert response.status_code == 400
    message = str(response.json())
    assert "1,234.50" in message
    assert "Fun" in message
    ledger.fun.refresh_from_db()
    assert ledger.fun.is_archived is False


def test_bucket_delete_is_refused_while_it_holds_a_split_income_share(
    api_client, user, ledger, run_on_commit
):
    with run_on_commit():
        record(user, category=ledger.salary, location=ledger.cash, amount="10.00", split_income=True)

    response = api_client.delete(detail("bucket", ledger.fun.pk))

    assert response.status_code == 400
    assert "2.00" in str(response.json())
    ledger.fun.refresh_from_db()
    assert ledger.fun.is_archived is False


def test_bucket_delete_works_once_the_money_is_transferred_out(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.fun, amount="60.00")
    services.transfer_create(
        user=user,
        date=DAY,
        description="Fun to savings",
        amount=Decimal("60.00"),
        from_location=ledger.cash,
        from_bucket=ledger.fun,
        to_bucket=ledger.economy,
    )

    assert api_client.delete(detail("bucket", ledger.fun.pk)).status_code == 204
    ledger.fun.refresh_from_db()
    assert ledger.fun.is_archived is True
    assert api_client.delete(detail("bucket", ledger.economy.pk)).status_code == 400


def test_bucket_delete_works_once_the_money_is_spent(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.fun, amount="60.00")
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="60.00")

    assert api_client.delete(detail("bucket", ledger.fun.pk)).status_code == 204
