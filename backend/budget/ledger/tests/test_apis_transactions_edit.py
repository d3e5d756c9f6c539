"""/api/transactions/{id}/: read, edit (PUT/PATCH), delete; other users' ids, unknown ids, no credentials.

Creating one and its rules: test_apis_transactions.py.
"""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from budget.ledger import services
from budget.ledger.models import Allocation, AllocationStatus, Transaction
from budget.ledger.services.transactions import ALLOCATE_TASK
from budget.ledger.tests.helpers import FIELDS, expense_body, split_body

pytestmark = pytest.mark.django_db

LIST = reverse("transaction-list")
BULK = reverse("transaction-bulk")
EXPORT = reverse("transaction-export")


def detail(pk):
    return reverse("transaction-detail", args=[pk])


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


def test_editing_split_description_does_not_resplit(api_client, user, ledger, run_on_commit, tasks_enqueued):
    txn = make_split_income(user, ledger, run_on_commit)
    services.bucket_update(bucket=ledger.necessities, allocation_percentage=Decimal(20))
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(50))
    rows_before = list(
        Allocation.objects.filter(transaction_id=txn.pk).values("id", "amount", "percentage", "updated_at")
    )

    tasks_enqueued.clear()
    with run_on_commit():
        response = api_client.patch(detail(txn.pk), {"description": "Salary (March)"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["allocation_status"] == "ALLOCATED"
    assert response.json()["description"] == "Salary (March)"
    assert ALLOCATE_TASK not in tasks_enqueued
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
