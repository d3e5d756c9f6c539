"""POST /api/transactions/: create, and every rule a new transaction must pass.

Reading, editing and deleting one, other users' ids and auth: test_apis_transactions_edit.py.
"""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Allocation, Transaction
from budget.ledger.tests.helpers import FIELDS, expense_body, split_body

pytestmark = pytest.mark.django_db

LIST = reverse("transaction-list")


def detail(pk):
    return reverse("transaction-detail", args=[pk])


def leg(bucket, percentage: str, amount: str) -> dict:
    """One entry of `allocations` as the API shows it."""
    return {"bucket": str(bucket.pk), "bucket_name": bucket.name, "percentage": percentage, "amount": amount}


# --- Create: happy paths ----------------------------------------------------------


def test_create_expense_answers_every_field(api_client, ledger):
    response = api_client.post(LIST, expense_body(ledger), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == FIELDS
    txn = Transaction.objects.get()
    assert body["id"] == str(txn.pk)
    assert body["date"] == "2024-03-15"
    assert body["description"] == "Groceries"
    assert body["amount"] == "42.50"
    assert body["signed_amount"] == "-42.50"
    assert body["category"] == str(ledger.food.pk)
    assert body["category_name"] == "Food"
    assert body["category_sign"] == "NEGATIVE"
    assert body["location"] == str(ledger.cash.pk)
    assert body["location_name"] == "Cash"
    assert body["bucket"] == str(ledger.necessities.pk)
    assert body["bucket_name"] == "Necessities"
    assert body["split_income"] is False
    assert body["allocation_status"] == "NOT_SPLIT"
    assert body["allocations"] == []
    assert body["transfer"] is None
    assert datetime.datetime.fromisoformat(body["created_at"]) == txn.created_at
    assert datetime.datetime.fromisoformat(body["updated_at"]) == txn.updated_at
    assert txn.signed_amount == Decimal("-42.50")


def test_create_income_into_one_bucket_adds_to_the_balance(api_client, ledger):
    body = expense_body(
        ledger,
        category=str(ledger.salary.pk),
        amount=1500,
        bucket=str(ledger.economy.pk),
        location=str(ledger.bank.pk),
    )

    response = api_client.post(LIST, body, format="json")

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["amount"] == "1500.00"
    assert answer["signed_amount"] == "1500.00"
    assert answer["category_sign"] == "POSITIVE"
    assert answer["bucket_name"] == "Economy"
    assert answer["location_name"] == "Bank"
    assert answer["allocation_status"] == "NOT_SPLIT"
    assert answer["allocations"] == []


def test_create_split_income_is_pending_then_allocated_to_the_cent(api_client, ledger, run_on_commit):
    with run_on_commit():
        response = api_client.post(LIST, split_body(ledger), format="json")

    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["split_income"] is True
    assert created["bucket"] is None
    assert created["bucket_name"] is None
    assert created["signed_amount"] == "1000.01"
    assert created["allocation_status"] == "PENDING"
    assert created["allocations"] == []

    answer = api_client.get(detail(created["id"])).json()
    assert answer["allocation_status"] == "ALLOCATED"
    assert answer["allocations"] == [
        leg(ledger.necessities, "50.00", "500.01"),
        leg(ledger.economy, "30.00", "300.00"),
        leg(ledger.fun, "20.00", "200.00"),
    ]
    assert answer["amount"] == "1000.01"  # the income row itself is never zeroed
    assert answer["description"] == "March salary"


@pytest.mark.parametrize(
    ("amount", "signed"), [("-250.00", "-250.00"), ("250.00", "250.00"), (-0.5, "-0.50")]
)
def test_create_neutral_keeps_the_sign_entered(api_client, ledger, amount, signed):
    response = api_client.post(
        LIST, expense_body(ledger, category=str(ledger.loan.pk), amount=amount), format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["amount"] == signed
    assert response.json()["signed_amount"] == signed
    assert response.json()["category_sign"] == "NEUTRAL"
    assert Transaction.objects.get().signed_amount == Decimal(signed)


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        ("12.50", "12.50"),
        (" 12.5 ", "12.50"),
        (12.5, "12.50"),
        (12, "12.00"),
        ("0.01", "0.01"),
        ("1e2", "100.00"),
    ],
)
def test_create_accepts_amount_as_string_or_number(api_client, ledger, amount, stored):
    response = api_client.post(LIST, expense_body(ledger, amount=amount), format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["amount"] == stored
    assert Transaction.objects.get().amount == Decimal(stored)


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        ({"amount": "9999999999.99"}, "amount", "9999999999.99"),
        ({"date": "1900-01-01"}, "date", "1900-01-01"),
        ({"date": "2100-12-31"}, "date", "2100-12-31"),
        ({"description": "x" * 255}, "description", "x" * 255),
        ({"description": "  Rent  "}, "description", "Rent"),
    ],
)
def test_create_accepts_values_at_the_limits(api_client, ledger, fields, key, expected):
    response = api_client.post(LIST, expense_body(ledger, **fields), format="json")

    assert response.status_code == 201, response.json()
    assert response.json()[key] == expected


def test_create_accepts_the_largest_negative_neutral_amount(api_client, ledger):
    body = expense_body(ledger, category=str(ledger.loan.pk), amount="-9999999999.99")

    response = api_client.post(LIST, body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["signed_amount"] == "-9999999999.99"


# --- Create: every rule, each a 400 that names the field ----------------------------


def assert_refused(response, field):
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert not Transaction.objects.exists()


@pytest.mark.parametrize("category", ["salary", "food"])
@pytest.mark.parametrize("amount", ["0", "0.00", "-5.00", -1])
def test_create_refuses_income_or_expense_amount_not_above_zero(api_client, ledger, category, amount):
    body = expense_body(ledger, category=str(getattr(ledger, category).pk), amount=amount)

    response = api_client.post(LIST, body, format="json")

    assert_refused(response, "amount")
    assert "above zero" in response.json()["amount"][0]


@pytest.mark.parametrize("amount", ["0", "-0.00", 0])
def test_create_refuses_zero_neutral_amount(api_client, ledger, amount):
    response = api_client.post(
        LIST, expense_body(ledger, category=str(ledger.loan.pk), amount=amount), format="json"
    )

    assert_refused(response, "amount")
    assert "non-zero" in response.json()["amount"][0]


@pytest.mark.parametrize("category", ["food", "loan"])
@pytest.mark.parametrize("bucket", ["missing", None])
def test_create_refuses_expense_or_neutral_without_bucket(api_client, ledger, category, bucket):
    body = expense_body(ledger, category=str(getattr(ledger, category).pk), bucket=bucket)
    if bucket == "missing":
        del body["bucket"]

    response = api_client.post(LIST, body, format="json")

    assert_refused(response, "bucket")


def test_create_refuses_income_without_bucket_unless_split(api_client, ledger):
    body = split_body(ledger, split_income=False)

    response = api_client.post(LIST, body, format="json")

    assert_refused(response, "bucket")
    assert "split" in response.json()["bucket"][0]


def test_create_refuses_split_income_with_a_bucket(api_client, ledger, run_on_commit):
    with run_on_commit():
        response = api_client.post(LIST, split_body(ledger, bucket=str(ledger.economy.pk)), format="json")

    assert_refused(response, "bucket")
    assert not Allocation.objects.exists()


@pytest.mark.parametrize("category", ["food", "loan"])
def test_create_refuses_split_income_on_expense_or_neutral(api_client, ledger, run_on_commit, category):
    body = split_body(ledger, category=str(getattr(ledger, category).pk))

    with run_on_commit():
        response = api_client.post(LIST, body, format="json")

    assert_refused(response, "split_income")


def test_create_refuses_split_income_when_allocation_is_incomplete(api_client, ledger, run_on_commit):
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(0))  # 50 + 30 + 0 = 80 %

    with run_on_commit():
        response = api_client.post(LIST, split_body(ledger), format="json")

    assert_refused(response, "split_income")
    assert "80.00%" in response.json()["split_income"][0]


@pytest.mark.parametrize(
    ("field", "archive"),
    [
        ("category", lambda ledger: services.category_archive(category=ledger.food)),
        ("location", lambda ledger: services.location_archive(location=ledger.cash)),
        ("bucket", lambda ledger: services.bucket_archive(bucket=ledger.necessities)),
    ],
)
def test_create_refuses_archived_references(api_client, ledger, field, archive):
    archive(ledger)

    response = api_client.post(LIST, expense_body(ledger), format="json")

    assert_refused(response, field)
    assert "archived" in response.json()[field][0]


@pytest.mark.parametrize("amount", ["12.345", 12.345, "0.001", 0.1 + 0.2])
def test_create_refuses_amount_with_more_than_two_decimals(api_client, ledger, amount):
    response = api_client.post(LIST, expense_body(ledger, amount=amount), format="json")

    assert_refused(response, "amount")


@pytest.mark.parametrize(
    ("category", "amount"),
    [
        ("food", "10000000000.00"),
        ("food", 10000000000),
        ("salary", "99999999999999"),
        ("loan", "-10000000000"),
    ],
)
def test_create_refuses_amount_above_the_largest(api_client, ledger, category, amount):
    body = expense_body(ledger, category=str(getattr(ledger, category).pk), amount=amount)
    if category == "salary":
        body["bucket"] = str(ledger.economy.pk)

    response = api_client.post(LIST, body, format="json")

    assert_refused(response, "amount")


@pytest.mark.parametrize("date", ["1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"])
def test_create_refuses_dates_outside_1900_to_2100(api_client, ledger, date):
    response = api_client.post(LIST, expense_body(ledger, date=date), format="json")

    assert_refused(response, "date")


@pytest.mark.parametrize("description", ["", "   ", "x" * 256, "a\x00b"])
def test_create_refuses_empty_too_long_or_binary_description(api_client, ledger, description):
    response = api_client.post(LIST, expense_body(ledger, description=description), format="json")

    assert_refused(response, "description")


@pytest.mark.parametrize("field", ["date", "description", "amount", "category", "location"])
def test_create_refuses_a_missing_required_field(api_client, ledger, field):
    body = expense_body(ledger)
    del body[field]

    response = api_client.post(LIST, body, format="json")

    assert_refused(response, field)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", None),
        ("amount", ""),
        ("amount", "abc"),
        ("amount", [12]),
        ("amount", {"value": 12}),
        ("amount", True),
        ("amount", "NaN"),
        ("amount", "Infinity"),
        ("amount", "-Infinity"),
        ("amount", "1e400"),
        ("amount", 10**40),
        ("amount", 1e300),
        ("amount", "1" * 400),
        ("date", None),
        ("date", 20240315),
        ("date", "15/03/2024"),
        ("date", "2024-02-30"),
        ("date", "2024-03-15T10:00:00"),
        ("date", ["2024-03-15"]),
        ("description", None),
        ("description", ["Groceries"]),
        ("description", {"text": "Groceries"}),
        ("category", None),
        ("category", "not-a-uuid"),
        ("category", 12),
        ("category", [str(uuid.uuid4())]),
        ("category", {"id": 1}),
        ("location", ""),
        ("location", True),
        ("bucket", "x"),
        ("split_income", "maybe"),
        ("split_income", None),
        ("split_income", [True]),
    ],
)
def test_create_refuses_values_of_the_wrong_type(api_client, ledger, field, value):
    response = api_client.post(LIST, expense_body(ledger, **{field: value}), format="json")

    assert_refused(response, field)


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"[]",
        b"[{}]",
        b"null",
        b"42",
        b'"text"',
        b'{"date": {"year": 2024}}',
        b"\xff\xfe{}",
        b"{" * 10000,
    ],
)
def test_create_never_answers_500_to_a_garbage_body(api_client, ledger, raw):
    response = api_client.generic("POST", LIST, raw, content_type="application/json")

    assert response.status_code == 400, response.content
    assert response.json()
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(
    ("field", "literal"),
    [
        ("amount", "NaN"),
        ("amount", "Infinity"),
        ("amount", "-Infinity"),
        ("amount", "1e400"),
        ("amount", "-1e400"),
        ("amount", "1e-400"),
        ("amount", "9" * 5000),
        ("amount", "[[[[1]]]]"),
        ("description", '"\\ud800"'),
        ("date", '"\\u0000"'),
        ("category", '"\\u0000"'),
    ],
)
def test_create_never_answers_500_to_a_garbage_value(api_client, ledger, field, literal):
    raw = json.dumps(expense_body(ledger, **{field: "GARBAGE"})).replace('"GARBAGE"', literal)

    response = api_client.generic("POST", LIST, raw, content_type="application/json")

    assert response.status_code == 400, response.content
    assert response.json()
    assert not Transaction.objects.exists()


def test_create_refuses_malformed_json_with_a_detail(api_client, ledger):
    response = api_client.generic("POST", LIST, '{"amount": 12,', content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize(("field", "theirs"), [("category", "food"), ("location", "cash"), ("bucket", "fun")])
def test_create_with_another_users_reference_is_not_found(api_client, ledger, other_ledger, field, theirs):
    body = expense_body(ledger, **{field: str(getattr(other_ledger, theirs).pk)})

    response = api_client.post(LIST, body, format="json")

    assert response.status_code == 404
    assert "not found" in response.json()["detail"].lower()
    assert not Transaction.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("date", ["20240315", "2024-03-15T10:00:00", "15/03/2024"])
def test_create_accepts_only_yyyy_mm_dd_dates(api_client, ledger, date):
    body = {
        "date": date,
        "description": "Lunch",
        "amount": "5.00",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.fun.pk),
    }

    response = api_client.post(reverse("transaction-list"), body, format="json")

    assert response.status_code == 400
    assert "date" in response.json()
