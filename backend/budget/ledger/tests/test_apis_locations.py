"""Locations over HTTP: list, create, read, rename, archive, and the rules on names and money."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Location
from budget.ledger.tests.helpers import DAY, names, record

pytestmark = pytest.mark.django_db

LOCATIONS = reverse("location-list")

LOCATION_FIELDS = {"id", "household", "name", "is_archived", "balance", "created_at"}


def detail(name, pk):
    return reverse(f"{name}-detail", args=[pk])


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
    assert location.household_id == user.default_household_id
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
