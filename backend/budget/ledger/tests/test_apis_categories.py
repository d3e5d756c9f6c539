"""Categories over HTTP: list, create, read, edit, archive, and when a sign may change."""

import uuid

import pytest
from django.urls import reverse

from budget.ledger.models import Category, Sign, Transaction
from budget.ledger.tests.helpers import names, record

pytestmark = pytest.mark.django_db

CATEGORIES = reverse("category-list")

CATEGORY_FIELDS = {"id", "household", "name", "sign", "is_archived", "created_at"}


def detail(name, pk):
    return reverse(f"{name}-detail", args=[pk])


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
    assert Category.objects.get(pk=body["id"]).household_id == user.default_household_id


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
