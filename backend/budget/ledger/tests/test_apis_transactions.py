"""/api/transactions/ and /{id}/: create, read, edit, delete; every rule; other users' ids; auth."""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from budget.ledger import services
from budget.ledger.models import Allocation, AllocationStatus, Transaction

pytestmark = pytest.mark.django_db

LIST = reverse("transaction-list")
BULK = reverse("transaction-bulk")
EXPORT = reverse("transaction-export")
FIELDS = {
    "id",
    "date",
    "description",
    "amount",
    "category",
    "location",
    "bucket",
    "split_income",
    "signed_amount",
    "category_name",
    "category_sign",
    "location_name",
    "bucket_name",
    "allocation_status",
    "allocations",
    "transfer",
    "created_at",
    "updated_at",
}


def detail(pk):
    return reverse("transaction-detail", args=[pk])


def expense_body(ledger, **fields):
    """A valid body for a NEGATIVE transaction; `fields` replace or add keys."""
    return {
        "date": "2024-03-15",
        "description": "Groceries",
        "amount": "42.50",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.necessities.pk),
        **fields,
    }


def split_body(ledger, **fields):
    """A valid body for a split income (no bucket)."""
    return {
        "date": "2024-03-01",
        "description": "March salary",
        "amount": "1000.01",
        "category": str(ledger.salary.pk),
        "location": str(ledger.bank.pk),
        "split_income": True,
        **fields,
    }


def make_expense(user, ledger, **fields):
    values = {
        "date": datetime.date(2024, 3, 15),
        "description": "Groceries",
        "amount": Decimal("42.50"),
        "category": ledger.food,
        "location": ledger.cash,
        "bucket": ledger.necessities,
        **fields,
    }
    return services.transaction_create(user=user, **values)


def make_split_income(user, ledger, run_on_commit, amount="1000.00"):
    """A split income whose allocation task has run."""
    with run_on_commit():
        txn = services.transaction_create(
            user=user,
            date=datetime.date(2024, 3, 1),
            description="March salary",
            amount=Decimal(amount),
            category=ledger.salary,
            location=ledger.bank,
            split_income=True,
        )
    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.ALLOCATED
    return txn


def legs(txn_id) -> dict[str, tuple[Decimal, Decimal]]:
    rows = Allocation.objects.filter(transaction_id=txn_id).select_related("bucket")
    return {leg.bucket.name: (leg.percentage, leg.amount) for leg in rows}


def leg(bucket, percentage: str, amount: str) -> dict:
    """One entry of `allocations` as the API shows it."""
    return {"bucket": str(bucket.pk), "bucket_name": bucket.name, "percentage": percentage, "amount": amount}


def snapshot(txn_id) -> dict:
    """Everything a write could change about a transaction, to prove that nothing did."""
    txn = Transaction.objects.get(pk=txn_id)
    fields = ("date", "description", "amount", "signed_amount", "category_id", "location_id", "bucket_id")
    return {
        **{field: getattr(txn, field) for field in fields},
        "split_income": txn.split_income,
        "allocation_status": txn.allocation_status,
        "updated_at": txn.updated_at,
        "legs": legs(txn_id),
    }


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


# --- Other users' rows, unknown ids, no credentials -------------------------------------


@pytest.fixture
def their_expense(other_user, other_ledger):
    return make_expense(other_user, other_ledger, description="Bob's lunch")


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_users_transaction_is_not_found(api_client, ledger, their_expense, method):
    before = snapshot(their_expense.pk)

    response = getattr(api_client, method)(detail(their_expense.pk), expense_body(ledger), format="json")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert snapshot(their_expense.pk) == before


def test_another_users_transaction_is_not_listed(api_client, user, ledger, their_expense):
    mine = make_expense(user, ledger)

    response = api_client.get(LIST)

    assert [row["id"] for row in response.json()["results"]] == [str(mine.pk)]


@pytest.mark.parametrize(("field", "theirs"), [("category", "food"), ("location", "cash"), ("bucket", "fun")])
def test_create_with_another_users_reference_is_not_found(api_client, ledger, other_ledger, field, theirs):
    body = expense_body(ledger, **{field: str(getattr(other_ledger, theirs).pk)})

    response = api_client.post(LIST, body, format="json")

    assert response.status_code == 404
    assert "not found" in response.json()["detail"].lower()
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(("field", "theirs"), [("category", "food"), ("location", "bank"), ("bucket", "fun")])
@pytest.mark.parametrize("method", ["patch", "put"])
def test_edit_with_another_users_reference_is_not_found(
    api_client, user, ledger, other_ledger, method, field, theirs
):
    txn = make_expense(user, ledger)
    before = snapshot(txn.pk)
    body = {field: str(getattr(other_ledger, theirs).pk)}
    if method == "put":
        body = expense_body(ledger, **body)

    response = getattr(api_client, method)(detail(txn.pk), body, format="json")

    assert response.status_code == 404
    assert snapshot(txn.pk) == before


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "pk", ["not-a-uuid", "123", str(uuid.uuid4()), "00000000-0000-0000-0000-00000000000g"]
)
def test_malformed_or_unknown_id_in_url_is_not_found(api_client, ledger, method, pk):
    response = getattr(api_client, method)(detail(pk), expense_body(ledger), format="json")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("post", LIST),
        ("get", reverse("transaction-detail", args=[uuid.uuid4()])),
        ("put", reverse("transaction-detail", args=[uuid.uuid4()])),
        ("patch", reverse("transaction-detail", args=[uuid.uuid4()])),
        ("delete", reverse("transaction-detail", args=[uuid.uuid4()])),
        ("post", BULK),
        ("get", EXPORT),
    ],
)
def test_transactions_need_authentication(anon_client, method, url):
    response = getattr(anon_client, method)(url, {}, format="json")

    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_a_bad_token_is_a_401(url):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    assert client.get(url).status_code == 401


# --- Read, edit, delete -------------------------------------------------------------------------


def test_detail_answers_the_same_shape_as_create(api_client, user, ledger):
    txn = make_expense(user, ledger)

    response = api_client.get(detail(txn.pk))

    assert response.status_code == 200
    assert set(response.json()) == FIELDS
    assert response.json()["signed_amount"] == "-42.50"


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        ({"date": "2024-04-01"}, "date", "2024-04-01"),
        ({"description": "Market"}, "description", "Market"),
        ({"amount": "10.05"}, "amount", "10.05"),
        ({"amount": 7}, "signed_amount", "-7.00"),
        ({"location": "bank"}, "location_name", "Bank"),
        ({"bucket": "fun"}, "bucket_name", "Fun"),
    ],
)
def test_patch_changes_one_field_alone(api_client, user, ledger, change, key, expected):
    txn = make_expense(user, ledger)
    before = snapshot(txn.pk)
    ((field, value),) = change.items()
    if field in ("location", "bucket"):
        value = str(getattr(ledger, value).pk)

    response = api_client.patch(detail(txn.pk), {field: value}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()[key] == expected
    after = snapshot(txn.pk)
    changed = {name for name in before if before[name] != after[name]} - {"updated_at"}
    expected_changes = {
        "amount": {"amount", "signed_amount"},
        "location": {"location_id"},
        "bucket": {"bucket_id"},
    }
    assert changed == expected_changes.get(field, {field})


def test_patch_category_of_the_same_sign(api_client, user, ledger):
    txn = make_expense(user, ledger)
    rent = services.category_create(user=user, name="Rent", sign="NEGATIVE")

    response = api_client.patch(detail(txn.pk), {"category": str(rent.pk)}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["category_name"] == "Rent"
    assert response.json()["signed_amount"] == "-42.50"


@pytest.mark.parametrize(("category", "signed"), [("salary", "42.50"), ("loan", "42.50")])
def test_patch_category_to_another_sign_recomputes_the_effect(api_client, user, ledger, category, signed):
    txn = make_expense(user, ledger)

    response = api_client.patch(
        detail(txn.pk), {"category": str(getattr(ledger, category).pk)}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["category_sign"] == getattr(ledger, category).sign
    assert response.json()["signed_amount"] == signed
    assert Transaction.objects.get(pk=txn.pk).signed_amount == Decimal(signed)


def test_patch_category_to_another_sign_checks_the_result(api_client, user, ledger):
    txn = make_expense(user, ledger, category=ledger.loan, amount=Decimal("-50.00"))
    before = snapshot(txn.pk)

    response = api_client.patch(detail(txn.pk), {"category": str(ledger.food.pk)}, format="json")

    assert response.status_code == 400
    assert "amount" in response.json()
    assert snapshot(txn.pk) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "-1.00"}, "amount"),
        ({"amount": "1.234"}, "amount"),
        ({"bucket": None}, "bucket"),
        ({"date": "2101-01-01"}, "date"),
        ({"description": ""}, "description"),
        ({"split_income": True}, "split_income"),
        ({"category": None}, "category"),
    ],
)
def test_patch_checks_the_rules_on_the_result(api_client, user, ledger, change, field):
    txn = make_expense(user, ledger)
    before = snapshot(txn.pk)

    response = api_client.patch(detail(txn.pk), change, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert snapshot(txn.pk) == before


@pytest.mark.parametrize("raw", ["[]", "null", "{not json", '{"amount": NaN}', '"x"'])
def test_patch_never_answers_500_to_garbage(api_client, user, ledger, raw):
    txn = make_expense(user, ledger)
    before = snapshot(txn.pk)

    response = api_client.generic("PATCH", detail(txn.pk), raw, content_type="application/json")

    assert response.status_code == 400, response.content
    assert snapshot(txn.pk) == before


def test_patch_split_income_on_clears_the_bucket_and_allocates(api_client, user, ledger, run_on_commit):
    txn = make_expense(user, ledger, category=ledger.salary, amount=Decimal("100.00"), bucket=ledger.economy)

    with run_on_commit():
        response = api_client.patch(detail(txn.pk), {"split_income": True}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["bucket"] is None
    assert response.json()["split_income"] is True
    assert response.json()["allocation_status"] == "PENDING"
    answer = api_client.get(detail(txn.pk)).json()
    assert answer["allocation_status"] == "ALLOCATED"
    assert [(leg["bucket_name"], leg["amount"]) for leg in answer["allocations"]] == [
        ("Necessities", "50.00"),
        ("Economy", "30.00"),
        ("Fun", "20.00"),
    ]


def test_patch_split_income_on_with_a_bucket_is_refused(api_client, user, ledger):
    txn = make_expense(user, ledger, category=ledger.salary, amount=Decimal("100.00"), bucket=ledger.economy)
    before = snapshot(txn.pk)

    response = api_client.patch(
        detail(txn.pk), {"split_income": True, "bucket": str(ledger.fun.pk)}, format="json"
    )

    assert response.status_code == 400
    assert "bucket" in response.json()
    assert snapshot(txn.pk) == before


def test_patch_split_income_off_needs_a_bucket(api_client, user, ledger, run_on_commit):
    txn = make_split_income(user, ledger, run_on_commit)
    before = snapshot(txn.pk)

    response = api_client.patch(detail(txn.pk), {"split_income": False}, format="json")

    assert response.status_code == 400
    assert "bucket" in response.json()
    assert snapshot(txn.pk) == before
    assert len(before["legs"]) == 3


def test_patch_split_income_off_removes_the_legs(api_client, user, ledger, run_on_commit):
    txn = make_split_income(user, ledger, run_on_commit)

    with run_on_commit():
        response = api_client.patch(
            detail(txn.pk), {"split_income": False, "bucket": str(ledger.economy.pk)}, format="json"
        )

    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["split_income"] is False
    assert answer["bucket_name"] == "Economy"
    assert answer["allocation_status"] == "NOT_SPLIT"
    assert answer["allocations"] == []
    assert not Allocation.objects.filter(transaction_id=txn.pk).exists()
    assert answer["signed_amount"] == "1000.00"


def test_put_replaces_every_field(api_client, user, ledger, run_on_commit):
    txn = make_expense(user, ledger)
    body = split_body(ledger, date="2024-05-31", description="Bonus", amount="300.00")

    with run_on_commit():
        response = api_client.put(detail(txn.pk), body, format="json")

    assert response.status_code == 200, response.json()
    answer = api_client.get(detail(txn.pk)).json()
    assert answer["id"] == str(txn.pk)
    assert answer["date"] == "2024-05-31"
    assert answer["description"] == "Bonus"
    assert answer["amount"] == answer["signed_amount"] == "300.00"
    assert answer["category_name"] == "Salary"
    assert answer["location_name"] == "Bank"
    assert answer["bucket"] is None
    assert answer["split_income"] is True
    assert answer["allocation_status"] == "ALLOCATED"
    assert [leg["amount"] for leg in answer["allocations"]] == ["150.00", "90.00", "60.00"]
    assert Transaction.objects.count() == 1


def test_put_leaves_out_optional_fields_as_their_defaults(api_client, user, ledger, run_on_commit):
    txn = make_split_income(user, ledger, run_on_commit)
    body = expense_body(ledger, category=str(ledger.salary.pk), amount="1000.00")  # no split_income: false

    response = api_client.put(detail(txn.pk), body, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["split_income"] is False
    assert response.json()["bucket_name"] == "Necessities"
    assert not Allocation.objects.exists()


@pytest.mark.parametrize("field", ["date", "description", "amount", "category", "location"])
def test_put_needs_every_required_field(api_client, user, ledger, field):
    txn = make_expense(user, ledger)
    before = snapshot(txn.pk)
    body = expense_body(ledger, description="Changed")
    del body[field]

    response = api_client.put(detail(txn.pk), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert snapshot(txn.pk) == before


def test_editing_split_amount_resplits_with_the_stored_percentages(api_client, user, ledger, run_on_commit):
    txn = make_split_income(user, ledger, run_on_commit)
    services.bucket_update(bucket=ledger.necessities, allocation_percentage=Decimal(40))
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(30))  # now 40 / 30 / 30

    with run_on_commit():
        response = api_client.patch(detail(txn.pk), {"amount": "2000.01"}, format="json")

    assert response.status_code == 200, response.json()
    assert legs(txn.pk) == {
        "Necessities": (Decimal("50.00"), Decimal("1000.01")),
        "Economy": (Decimal("30.00"), Decimal("600.00")),
        "Fun": (Decimal("20.00"), Decimal("400.00")),
    }
    answer = api_client.get(detail(txn.pk)).json()
    assert answer["allocation_status"] == "ALLOCATED"
    assert sum(Decimal(leg["amount"]) for leg in answer["allocations"]) == Decimal("2000.01")


def test_editing_split_description_does_not_resplit(api_client, user, ledger, run_on_commit):
    txn = make_split_income(user, ledger, run_on_commit)
    services.bucket_update(bucket=ledger.necessities, allocation_percentage=Decimal(20))
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(50))
    rows_before = list(
        Allocation.objects.filter(transaction_id=txn.pk).values("id", "amount", "percentage", "updated_at")
    )

    with run_on_commit() as callbacks:
        response = api_client.patch(detail(txn.pk), {"description": "Salary (March)"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["allocation_status"] == "ALLOCATED"
    assert response.json()["description"] == "Salary (March)"
    assert callbacks == []  # no allocation task enqueued
    rows_after = list(
        Allocation.objects.filter(transaction_id=txn.pk).values("id", "amount", "percentage", "updated_at")
    )
    assert rows_after == rows_before


def test_delete_removes_the_transaction(api_client, user, ledger):
    txn = make_expense(user, ledger)
    kept = make_expense(user, ledger, description="Kept")

    response = api_client.delete(detail(txn.pk))

    assert response.status_code == 204
    assert api_client.get(detail(txn.pk)).status_code == 404
    assert list(Transaction.objects.values_list("pk", flat=True)) == [kept.pk]


def test_delete_removes_a_split_income_and_its_legs(api_client, user, ledger, run_on_commit):
    txn = make_split_income(user, ledger, run_on_commit)
    other = make_split_income(user, ledger, run_on_commit, amount="10.00")

    response = api_client.delete(detail(txn.pk))

    assert response.status_code == 204
    assert not Transaction.objects.filter(pk=txn.pk).exists()
    assert not Allocation.objects.filter(transaction_id=txn.pk).exists()
    assert Allocation.objects.filter(transaction_id=other.pk).count() == 3


def test_a_transfer_leg_shows_its_transfer_and_cannot_be_changed_alone(api_client, user, ledger):
    transfer = services.transfer_create(
        user=user,
        date=datetime.date(2024, 3, 1),
        description="To the bank",
        amount=Decimal("100.00"),
        from_location=ledger.cash,
        from_bucket=ledger.fun,
        to_location=ledger.bank,
    )
    leg = transfer.legs.get(amount=Decimal("-100.00"))
    before = snapshot(leg.pk)

    assert api_client.get(detail(leg.pk)).json()["transfer"] == str(transfer.pk)
    patched = api_client.patch(detail(leg.pk), {"description": "Mine now"}, format="json")
    deleted = api_client.delete(detail(leg.pk))

    assert patched.status_code == 400
    assert deleted.status_code == 400
    assert snapshot(leg.pk) == before
    assert transfer.legs.count() == 2


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
