"""POST /api/locations/ with opening_balance: money already there, as one NEUTRAL transaction."""

import pytest

from budget.ledger.models import Category, Location, Sign, Transaction

URL = "/api/locations/"

pytestmark = pytest.mark.django_db


def opening(ledger, **fields):
    return {"amount": "1250.50", "date": "2024-01-01", "bucket": str(ledger.economy.pk), **fields}


@pytest.mark.parametrize("amount", ["1250.50", "-300.00"])
def test_an_opening_balance_is_the_new_locations_balance(api_client, user, ledger, amount):
    response = api_client.post(
        URL, {"name": "Revolut", "opening_balance": opening(ledger, amount=amount)}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["balance"] == amount
    assert "opening_balance" not in response.json()
    txn = Transaction.objects.get(location_id=response.json()["id"])
    assert (txn.category.name, txn.category.sign, txn.signed_amount, txn.bucket) == (
        "Opening balance",
        Sign.NEUTRAL,
        txn.amount,
        ledger.economy,
    )
    assert str(txn.amount) == amount


def test_the_opening_balance_category_is_made_once(api_client, user, ledger):
    for name in ("A", "B"):
        api_client.post(URL, {"name": name, "opening_balance": opening(ledger)}, format="json")

    assert Category.objects.for_user(user).filter(name="Opening balance").count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": "0.00"}, "opening_balance", "non-zero amount"),
        ({"amount": "1.001"}, "amount", "2 decimal places"),
        ({"date": "01/01/2024"}, "date", "format"),
        ({"bucket": None}, "bucket", "null"),
    ],
)
def test_a_bad_opening_balance_is_a_400_and_makes_no_location(api_client, ledger, fields, field, message):
    response = api_client.post(
        URL, {"name": "Revolut", "opening_balance": opening(ledger, **fields)}, format="json"
    )

    assert response.status_code == 400
    assert message in str(response.json()), response.json()
    assert field in str(response.json())
    assert not Location.objects.filter(name="Revolut").exists()
    assert not Transaction.objects.exists()


def test_an_opening_balance_into_another_users_bucket_is_a_404(api_client, ledger, other_ledger):
    body = {"name": "Revolut", "opening_balance": opening(ledger, bucket=str(other_ledger.fun.pk))}

    response = api_client.post(URL, body, format="json")

    assert response.status_code == 404
    assert not Location.objects.filter(name="Revolut").exists()


def test_an_opening_balance_into_an_archived_bucket_is_refused(api_client, ledger):
    api_client.delete(f"/api/buckets/{ledger.fun.pk}/")

    body = {"name": "Revolut", "opening_balance": opening(ledger, bucket=str(ledger.fun.pk))}
    response = api_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json() == {"opening_balance": ["Bucket 'Fun' is archived; pick an active one."]}


@pytest.mark.parametrize("method", ["put", "patch"])
def test_an_opening_balance_is_only_for_a_new_location(api_client, ledger, method):
    """Found by the fuzzer: it was passed on to the rename and answered 500."""
    body = {"name": "Purse", "opening_balance": opening(ledger)}

    response = getattr(api_client, method)(f"{URL}{ledger.cash.pk}/", body, format="json")

    assert response.status_code == 400
    assert "when the location is made" in response.json()["opening_balance"][0]
    assert not Transaction.objects.exists()
