"""Locations, buckets, categories and the allocation summary over HTTP."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Allocation, Bucket, Category, Location, Sign, Transaction

pytestmark = pytest.mark.django_db

LOCATIONS = reverse("location-list")
BUCKETS = reverse("bucket-list")
CATEGORIES = reverse("category-list")
ALLOCATION = reverse("bucket-allocation")
DAY = datetime.date(2024, 5, 10)

LOCATION_FIELDS = {"id", "name", "is_archived", "balance", "created_at"}
BUCKET_FIELDS = {
    "id",
    "name",
    "allocation_percentage",
    "allocation_status",
    "is_archived",
    "balance",
    "created_at",
}
CATEGORY_FIELDS = {"id", "name", "sign", "is_archived", "created_at"}

# resource -> (url name, ledger attribute of one of its rows, model, a valid PUT body)
RESOURCES = {
    "location": ("location", "bank", Location, {"name": "Renamed"}),
    "bucket": ("bucket", "fun", Bucket, {"name": "Renamed", "allocation_percentage": "20.00"}),
    "category": ("category", "loan", Category, {"name": "Renamed", "sign": "NEUTRAL"}),
}


def detail(name, pk):
    return reverse(f"{name}-detail", args=[pk])


def record(user, *, category, location, bucket=None, amount="100.00", split_income=False):
    return services.transaction_create(
        user=user,
        date=DAY,
        description=f"{category.name} {amount}",
        amount=Decimal(amount),
        category=category,
        location=location,
        bucket=bucket,
        split_income=split_income,
    )


def names(response):
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


# --- Locations: happy paths ------------------------------------------------------------


def test_location_list_shows_active_rows_with_balances_sorted_by_name(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.necessities, amount="1000.00")
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.necessities, amount="150.00")
    record(user, category=ledger.loan, location=ledger.bank, bucket=ledger.fun, amount="-40.50")

    response = api_client.get(LOCATIONS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["next"] is None
    assert body["previous"] is None
    assert [(row["name"], row["balance"]) for row in body["results"]] == [
        ("Bank", "-40.50"),
        ("Cash", "850.00"),
    ]
    for row in body["results"]:
        assert set(row) == LOCATION_FIELDS
        assert row["is_archived"] is False


def test_location_create_answers_the_new_row(api_client, user):
    response = api_client.post(LOCATIONS, {"name": "Wallet"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == LOCATION_FIELDS
    assert body["name"] == "Wallet"
    assert body["balance"] == "0.00"
    assert body["is_archived"] is False
    location = Location.objects.get(pk=body["id"])
    assert location.user == user
    assert location.name == "Wallet"


def test_location_create_ignores_read_only_fields(api_client):
    sent_id = str(uuid.uuid4())
    response = api_client.post(
        LOCATIONS,
        {
            "id": sent_id,
            "name": "Wallet",
            "is_archived": True,
            "balance": "999.00",
            "created_at": "2000-01-01T00:00:00Z",
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["id"] != sent_id
    assert body["is_archived"] is False
    assert body["balance"] == "0.00"
    assert not body["created_at"].startswith("2000")
    assert not Location.objects.filter(pk=sent_id).exists()
    assert Location.objects.get(pk=body["id"]).is_archived is False


def test_location_retrieve_shows_its_balance(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.bank, bucket=ledger.economy, amount="1234.50")

    response = api_client.get(detail("location", ledger.bank.pk))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == LOCATION_FIELDS
    assert body["id"] == str(ledger.bank.pk)
    assert body["name"] == "Bank"
    assert body["balance"] == "1234.50"


def test_location_put_renames(api_client, ledger):
    response = api_client.put(detail("location", ledger.bank.pk), {"name": "Savings bank"}, format="json")

    assert response.status_code == 200
    assert response.json()["name"] == "Savings bank"
    assert response.json()["balance"] == "0.00"
    ledger.bank.refresh_from_db()
    assert ledger.bank.name == "Savings bank"


def test_location_put_without_a_name_is_refused(api_client, ledger):
    response = api_client.put(detail("location", ledger.bank.pk), {}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()


def test_location_patch_renames_and_ignores_read_only_fields(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.bank, bucket=ledger.economy, amount="10.00")

    response = api_client.patch(
        detail("location", ledger.bank.pk),
        {"name": "Main bank", "is_archived": True, "balance": "0.00"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Main bank"
    assert response.json()["is_archived"] is False
    assert response.json()["balance"] == "10.00"
    ledger.bank.refresh_from_db()
    assert (ledger.bank.name, ledger.bank.is_archived) == ("Main bank", False)


def test_location_rename_to_its_own_name_in_another_case_is_allowed(api_client, ledger):
    response = api_client.patch(detail("location", ledger.cash.pk), {"name": "CASH"}, format="json")

    assert response.status_code == 200
    assert response.json()["name"] == "CASH"


def test_location_delete_archives_the_row(api_client, ledger):
    response = api_client.delete(detail("location", ledger.bank.pk))

    assert response.status_code == 204
    ledger.bank.refresh_from_db()
    assert ledger.bank.is_archived is True
    assert names(api_client.get(LOCATIONS)) == ["Cash"]
    with_archived = api_client.get(LOCATIONS, {"include_archived": "true"}).json()["results"]
    assert [(row["name"], row["is_archived"]) for row in with_archived] == [("Bank", True), ("Cash", False)]
    retrieved = api_client.get(detail("location", ledger.bank.pk))
    assert retrieved.status_code == 200
    assert retrieved.json()["is_archived"] is True


def test_location_delete_of_an_archived_row_stays_a_204(api_client, ledger):
    api_client.delete(detail("location", ledger.bank.pk))

    assert api_client.delete(detail("location", ledger.bank.pk)).status_code == 204
    ledger.bank.refresh_from_db()
    assert ledger.bank.is_archived is True


def test_location_search_matches_names_case_insensitively(api_client, user, ledger):
    services.location_create(user=user, name="Piggy BANK")

    assert names(api_client.get(LOCATIONS, {"search": "bank"})) == ["Bank", "Piggy BANK"]
    assert names(api_client.get(LOCATIONS, {"search": "CAS"})) == ["Cash"]
    assert names(api_client.get(LOCATIONS, {"search": "nothing like it"})) == []


def test_location_search_combines_with_include_archived(api_client, ledger):
    api_client.delete(detail("location", ledger.bank.pk))

    assert names(api_client.get(LOCATIONS, {"search": "ban"})) == []
    assert names(api_client.get(LOCATIONS, {"search": "ban", "include_archived": "true"})) == ["Bank"]


def test_location_list_include_archived_false_shows_active_rows(api_client, ledger):
    api_client.delete(detail("location", ledger.bank.pk))

    assert names(api_client.get(LOCATIONS, {"include_archived": "false"})) == ["Cash"]


@pytest.mark.parametrize(
    "params",
    [
        {"search": "\x00"},
        {"search": "x" * 5000},
        {"include_archived": "maybe"},
        {"page": "abc"},
        {"page_size": "-1"},
    ],
)
def test_location_list_survives_odd_query_parameters(api_client, ledger, params):
    response = api_client.get(LOCATIONS, params)

    assert response.status_code < 500
    assert response.json()


# --- Locations: rules ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cash", "CASH", "Cash"])
def test_location_create_refuses_an_active_name_in_any_case(api_client, ledger, name):
    response = api_client.post(LOCATIONS, {"name": name}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": [f"You already have an active location named '{name}'."]}
    assert Location.objects.filter(name__iexact="cash").count() == 1


def test_location_rename_to_another_active_name_is_refused(api_client, ledger):
    response = api_client.patch(detail("location", ledger.bank.pk), {"name": "cASH"}, format="json")

    assert response.status_code == 400
    assert "already have an active location" in response.json()["name"][0]
    ledger.bank.refresh_from_db()
    assert ledger.bank.name == "Bank"


@pytest.mark.parametrize(("first", "second"), [("Școală", "școală"), ("Économies", "économies")])
def test_location_names_are_unique_ignoring_case_beyond_ascii(api_client, first, second):
    assert api_client.post(LOCATIONS, {"name": first}, format="json").status_code == 201

    response = api_client.post(LOCATIONS, {"name": second}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": [f"You already have an active location named '{second}'."]}
    assert Location.objects.count() == 1


def test_location_search_ignores_case_beyond_ascii(api_client, user):
    services.location_create(user=user, name="Școală")

    assert names(api_client.get(LOCATIONS, {"search": "școa"})) == ["Școală"]


def test_location_name_of_an_archived_row_can_be_used_again(api_client, ledger):
    assert api_client.delete(detail("location", ledger.cash.pk)).status_code == 204

    response = api_client.post(LOCATIONS, {"name": "cash"}, format="json")

    assert response.status_code == 201
    assert response.json()["id"] != str(ledger.cash.pk)
    assert Location.objects.filter(name__iexact="cash").count() == 2


def test_location_name_taken_by_another_user_is_free(api_client, ledger, other_user):
    services.location_create(user=other_user, name="Wallet")

    assert api_client.post(LOCATIONS, {"name": "wallet"}, format="json").status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": None},
        {"name": "x" * 101},
        {"name": ["Cash"]},
        {"name": {"value": "Cash"}},
        {"name": "Null\x00byte"},
    ],
)
def test_location_create_refuses_a_bad_name(api_client, body):
    response = api_client.post(LOCATIONS, body, format="json")

    assert response.status_code == 400
    assert response.json()["name"][0]
    assert not Location.objects.exists()


def test_location_create_refuses_a_lone_surrogate_in_the_name(api_client):
    # Escaped in the JSON text: the client could not encode the character itself.
    body = '{"name": "Lone \\ud800 surrogate"}'

    response = api_client.post(LOCATIONS, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["name"][0]
    assert not Location.objects.exists()


def test_location_create_refuses_a_body_that_is_not_an_object(api_client):
    response = api_client.post(LOCATIONS, ["Wallet"], format="json")

    assert response.status_code == 400
    assert not Location.objects.exists()


def test_location_delete_is_refused_while_it_holds_money(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.necessities, amount="1234.50")

    response = api_client.delete(detail("location", ledger.cash.pk))

    assert response.status_code == 400
    message = str(response.json())
    assert "1,234.50" in message
    assert "Cash" in message
    assert "transfer" in message
    ledger.cash.refresh_from_db()
    assert ledger.cash.is_archived is False
    assert "Cash" in names(api_client.get(LOCATIONS))


def test_location_delete_is_refused_while_it_is_overdrawn(api_client, user, ledger):
    record(user, category=ledger.food, location=ledger.bank, bucket=ledger.fun, amount="30.25")

    response = api_client.delete(detail("location", ledger.bank.pk))

    assert response.status_code == 400
    assert "-30.25" in str(response.json())
    ledger.bank.refresh_from_db()
    assert ledger.bank.is_archived is False


def test_location_delete_works_once_the_money_is_transferred_out(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.necessities, amount="300.00")
    services.transfer_create(
        user=user,
        date=DAY,
        description="To the bank",
        amount=Decimal("300.00"),
        from_location=ledger.cash,
        to_location=ledger.bank,
        from_bucket=ledger.necessities,
    )

    assert api_client.delete(detail("location", ledger.cash.pk)).status_code == 204
    ledger.cash.refresh_from_db()
    assert ledger.cash.is_archived is True
    assert api_client.delete(detail("location", ledger.bank.pk)).status_code == 400


def test_location_delete_works_once_the_money_is_spent(api_client, user, ledger):
    record(user, category=ledger.salary, location=ledger.cash, bucket=ledger.fun, amount="80.00")
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="80.00")

    assert api_client.delete(detail("location", ledger.cash.pk)).status_code == 204


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


# --- Categories -----------------------------------------------------------------------------


def test_category_list_shows_active_rows_sorted_by_name(api_client, ledger):
    response = api_client.get(CATEGORIES)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["name"], row["sign"]) for row in rows] == [
        ("Food", "NEGATIVE"),
        ("Loan", "NEUTRAL"),
        ("Salary", "POSITIVE"),
    ]
    for row in rows:
        assert set(row) == CATEGORY_FIELDS
        assert row["is_archived"] is False


def test_category_list_filters_by_sign(api_client, ledger):
    assert names(api_client.get(CATEGORIES, {"sign": "NEGATIVE"})) == ["Food"]


@pytest.mark.parametrize("sign", ["POSITIVE", "NEGATIVE", "NEUTRAL"])
def test_category_create_answers_the_new_row(api_client, user, sign):
    response = api_client.post(
        CATEGORIES,
        {"name": "Bonus", "sign": sign, "is_archived": True, "id": str(uuid.uuid4())},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == CATEGORY_FIELDS
    assert (body["name"], body["sign"], body["is_archived"]) == ("Bonus", sign, False)
    assert Category.objects.get(pk=body["id"]).user == user


@pytest.mark.parametrize("sign", ["positive", "SIDEWAYS", "", None, ["POSITIVE"], 1])
def test_category_create_refuses_an_invalid_sign(api_client, sign):
    response = api_client.post(CATEGORIES, {"name": "Bonus", "sign": sign}, format="json")

    assert response.status_code == 400
    assert response.json()["sign"][0]
    assert not Category.objects.exists()


def test_category_create_needs_a_sign(api_client):
    response = api_client.post(CATEGORIES, {"name": "Bonus"}, format="json")

    assert response.status_code == 400
    assert "sign" in response.json()


def test_category_create_refuses_an_active_name_in_any_case(api_client, ledger):
    response = api_client.post(CATEGORIES, {"name": "FOOD", "sign": "NEGATIVE"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": ["You already have an active category named 'FOOD'."]}


@pytest.mark.parametrize("name", ["", "   "])
def test_category_create_refuses_a_blank_name(api_client, name):
    response = api_client.post(CATEGORIES, {"name": name, "sign": "NEGATIVE"}, format="json")

    assert response.status_code == 400
    assert response.json()["name"][0]


def test_category_retrieve(api_client, ledger):
    response = api_client.get(detail("category", ledger.salary.pk))

    assert response.status_code == 200
    assert response.json()["id"] == str(ledger.salary.pk)
    assert response.json()["sign"] == "POSITIVE"


def test_category_sign_can_change_before_it_is_used(api_client, ledger):
    response = api_client.patch(detail("category", ledger.loan.pk), {"sign": "NEGATIVE"}, format="json")

    assert response.status_code == 200
    assert response.json()["sign"] == "NEGATIVE"
    ledger.loan.refresh_from_db()
    assert ledger.loan.sign == Sign.NEGATIVE


def test_category_sign_cannot_change_once_used(api_client, user, ledger):
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="12.00")

    response = api_client.patch(detail("category", ledger.food.pk), {"sign": "POSITIVE"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "sign": [
            "'Food' is used by 1 transaction, so its sign cannot change. Make a new category instead.",
        ]
    }
    ledger.food.refresh_from_db()
    assert ledger.food.sign == Sign.NEGATIVE


def test_category_sign_cannot_change_by_put_once_used(api_client, user, ledger):
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="12.00")
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="13.00")

    response = api_client.put(
        detail("category", ledger.food.pk), {"name": "Groceries", "sign": "NEUTRAL"}, format="json"
    )

    assert response.status_code == 400
    assert "used by 2 transactions" in response.json()["sign"][0]
    ledger.food.refresh_from_db()
    assert (ledger.food.name, ledger.food.sign) == ("Food", Sign.NEGATIVE)


def test_category_used_can_be_renamed_with_the_same_sign(api_client, user, ledger):
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="12.00")

    response = api_client.put(
        detail("category", ledger.food.pk), {"name": "Groceries", "sign": "NEGATIVE"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["sign"]) == ("Groceries", "NEGATIVE")


def test_category_delete_archives_even_when_used(api_client, user, ledger):
    record(user, category=ledger.food, location=ledger.cash, bucket=ledger.fun, amount="12.00")

    response = api_client.delete(detail("category", ledger.food.pk))

    assert response.status_code == 204
    ledger.food.refresh_from_db()
    assert ledger.food.is_archived is True
    assert Transaction.objects.filter(category=ledger.food).count() == 1
    assert names(api_client.get(CATEGORIES)) == ["Loan", "Salary"]
    assert "Food" in names(api_client.get(CATEGORIES, {"include_archived": "true"}))
    assert api_client.get(detail("category", ledger.food.pk)).json()["is_archived"] is True


def test_category_name_of_an_archived_row_can_be_used_again(api_client, ledger):
    api_client.delete(detail("category", ledger.food.pk))

    response = api_client.post(CATEGORIES, {"name": "food", "sign": "NEUTRAL"}, format="json")

    assert response.status_code == 201


def test_category_search_matches_names_case_insensitively(api_client, ledger):
    assert names(api_client.get(CATEGORIES, {"search": "SAL"})) == ["Salary"]
    assert names(api_client.get(CATEGORIES, {"search": "o"})) == ["Food", "Loan"]


# --- Other users and bad ids ----------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_users_row_is_not_found(api_client, ledger, other_ledger, resource, method):
    name, attribute, model, body = RESOURCES[resource]
    theirs = getattr(other_ledger, attribute)
    before = model.objects.filter(pk=theirs.pk).values().get()

    response = getattr(api_client, method)(detail(name, theirs.pk), body, format="json")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert theirs.name not in response.content.decode()
    assert model.objects.filter(pk=theirs.pk).values().get() == before


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", str(uuid.uuid4())])
def test_a_malformed_or_unknown_id_is_not_found(api_client, ledger, resource, method, bad_id):
    name, _, _, body = RESOURCES[resource]

    response = getattr(api_client, method)(detail(name, bad_id), body, format="json")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize("url", [LOCATIONS, BUCKETS, CATEGORIES])
def test_lists_never_show_another_users_rows(api_client, ledger, other_user, other_ledger, url):
    services.location_create(user=other_user, name="Bob's secret stash")
    services.bucket_create(user=other_user, name="Bob's secret fund")
    services.category_create(user=other_user, name="Bob's secret", sign=Sign.NEUTRAL)
    services.location_archive(location=other_ledger.bank)
    theirs = {
        str(pk)
        for model in (Location, Bucket, Category)
        for pk in model.objects.filter(user=other_user).values_list("pk", flat=True)
    }

    for params in ({}, {"include_archived": "true"}, {"search": "secret"}):
        rows = api_client.get(url, params).json()["results"]
        assert not {row["id"] for row in rows} & theirs
        assert not any("Bob" in row["name"] for row in rows)


def test_other_users_do_not_see_my_rows(other_client, ledger, other_user):
    for url in (LOCATIONS, BUCKETS, CATEGORIES):
        assert other_client.get(url).json()["count"] == 0


# --- Authentication -------------------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_list_endpoints_need_a_token(anon_client, resource, method):
    name = RESOURCES[resource][0]

    response = getattr(anon_client, method)(reverse(f"{name}-list"), {"name": "Anon"}, format="json")

    assert response.status_code == 401
    assert not Location.objects.exists()
    assert not Bucket.objects.exists()
    assert not Category.objects.exists()


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_detail_endpoints_need_a_token(anon_client, ledger, resource, method):
    name, attribute, _, body = RESOURCES[resource]
    row = getattr(ledger, attribute)

    response = getattr(anon_client, method)(detail(name, row.pk), body, format="json")

    assert response.status_code == 401
    row.refresh_from_db()
    assert row.name != "Renamed"
    assert row.is_archived is False


def test_allocation_endpoint_needs_a_token(anon_client):
    assert anon_client.get(ALLOCATION).status_code == 401


def test_a_bad_token_is_a_401(anon_client, ledger):
    anon_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-jwt")

    assert anon_client.get(LOCATIONS).status_code == 401


# --- Query counts ---------------------------------------------------------------------------


def fill_ledger(user, size):
    """`size` locations, buckets and categories, each used by a transaction, and a split income."""
    locations = Location.objects.bulk_create(
        Location(user=user, name=f"Location {i:03}") for i in range(size)
    )
    buckets = Bucket.objects.bulk_create(Bucket(user=user, name=f"Bucket {i:03}") for i in range(size))
    categories = Category.objects.bulk_create(
        Category(user=user, name=f"Category {i:03}", sign=Sign.NEGATIVE) for i in range(size)
    )
    salary = Category.objects.create(user=user, name="Salary", sign=Sign.POSITIVE)
    Transaction.objects.bulk_create(
        Transaction(
            user=user,
            date=DAY,
            description="Expense",
            amount=Decimal("10.00"),
            signed_amount=Decimal("-10.00"),
            category=category,
            location=location,
            bucket=bucket,
        )
        for location, bucket, category in zip(locations, buckets, categories, strict=True)
    )
    income = Transaction.objects.create(
        user=user,
        date=DAY,
        description="Split salary",
        amount=Decimal(size),
        signed_amount=Decimal(size),
        category=salary,
        location=locations[0],
        split_income=True,
        allocation_status="ALLOCATED",
    )
    Allocation.objects.bulk_create(
        Allocation(user=user, transaction=income, bucket=bucket, percentage=Decimal(1), amount=Decimal(1))
        for bucket in buckets
    )


# The user, the count and the page; buckets add the allocation total. None of them grows with rows.
@pytest.mark.parametrize("size", [5, 500])
@pytest.mark.parametrize(
    ("url", "queries", "balance"),
    [(LOCATIONS, 3, "-10.00"), (BUCKETS, 4, "-9.00"), (CATEGORIES, 3, None)],
)
def test_list_queries_do_not_grow_with_rows(
    api_client, user, django_assert_max_num_queries, size, url, queries, balance
):
    fill_ledger(user, size)

    with django_assert_max_num_queries(queries):
        response = api_client.get(url, {"page_size": 500})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) >= size
    if balance is not None:
        assert rows[-1]["balance"] == balance
