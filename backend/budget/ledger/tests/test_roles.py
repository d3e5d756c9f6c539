"""Every ledger and report endpoint x method x role: owner, editor, viewer, non-member.

Readers (any member) may read; editors and owners may write; a viewer's write is a 403 that names
the role it needs; a non-member gets the 404 a missing id gets, and no answer of any role holds a
row of another household.
"""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households.models import Membership, Role
from budget.ledger import services
from budget.ledger.models import Category

from .conftest import make_ledger

pytestmark = pytest.mark.django_db

DAY = "2024-05-10"


@pytest.fixture
def world(make_user):
    owner = make_user("owner@example.com")
    household = owner.default_household
    members = {"owner": owner}
    for role in ("editor", "viewer"):
        members[role] = make_user(f"{role}@example.com")
        Membership.objects.create(household=household, user=members[role], role=Role[role.upper()])
    members["stranger"] = make_user("stranger@example.com")
    ledger = make_ledger(owner)
    expense = services.transaction_create(
        user=owner, date=datetime.date(2024, 5, 10), description="Groceries", amount=Decimal("10.00"),
        category=ledger.food, location=ledger.cash, bucket=ledger.necessities,
    )  # fmt: skip
    transfer = services.transfer_create(
        user=owner, date=datetime.date(2024, 5, 10), description="Move", amount=Decimal("1.00"),
        from_location=ledger.bank, to_location=ledger.cash, from_bucket=ledger.economy,
    )  # fmt: skip
    # The stranger's own ledger: none of it may show in any answer to the others.
    stranger = make_ledger(members["stranger"])
    services.transaction_create(
        user=members["stranger"], date=datetime.date(2024, 5, 10), description="Secret",
        amount=Decimal("7.00"), category=stranger.food, location=stranger.cash, bucket=stranger.fun,
    )  # fmt: skip
    return {
        "household": household,
        "members": members,
        "ledger": ledger,
        "expense": expense,
        "transfer": transfer,
    }


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def calls(world, serial: int):
    """(method, path, body, kind) for every operation; `serial` keeps names unique per role."""
    h, ledger = world["household"], world["ledger"]
    q = f"?household={h.pk}"
    expense = {
        "date": DAY, "description": "Lunch", "amount": "5.00", "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk), "bucket": str(ledger.fun.pk),
    }  # fmt: skip
    transfer = {
        "date": DAY, "description": "Move", "amount": "1.00", "from_location": str(ledger.bank.pk),
        "to_location": str(ledger.cash.pk), "from_bucket": str(ledger.economy.pk),
    }  # fmt: skip
    txn, move = world["expense"], world["transfer"]
    return [
        ("get", f"/api/locations/{q}", None, "read"),
        ("get", f"/api/locations/{ledger.cash.pk}/", None, "read"),
        ("post", f"/api/locations/{q}", {"name": f"Wallet {serial}"}, "write"),
        ("patch", f"/api/locations/{ledger.cash.pk}/", {"name": f"Cash {serial}"}, "write"),
        ("get", f"/api/buckets/{q}", None, "read"),
        ("get", f"/api/buckets/allocation/{q}", None, "read"),
        ("post", f"/api/buckets/{q}", {"name": f"Jar {serial}"}, "write"),
        ("patch", f"/api/buckets/{ledger.fun.pk}/", {"name": f"Fun {serial}"}, "write"),
        ("get", f"/api/categories/{q}", None, "read"),
        ("post", f"/api/categories/{q}", {"name": f"Gifts {serial}", "sign": "NEGATIVE"}, "write"),
        ("patch", f"/api/categories/{ledger.loan.pk}/", {"name": f"Loan {serial}"}, "write"),
        ("get", f"/api/transactions/{q}", None, "read"),
        ("get", f"/api/transactions/{txn.pk}/", None, "read"),
        ("get", f"/api/transactions/export/{q}", None, "read"),
        ("post", f"/api/transactions/{q}", expense, "write"),
        ("post", f"/api/transactions/bulk/{q}", [expense], "write"),
        ("patch", f"/api/transactions/{txn.pk}/", {"description": f"Food {serial}"}, "write"),
        ("get", f"/api/transfers/{q}", None, "read"),
        ("get", f"/api/transfers/{move.pk}/", None, "read"),
        ("post", f"/api/transfers/{q}", transfer, "write"),
        ("get", f"/api/reports/current/{q}", None, "read"),
        ("get", f"/api/reports/monthly/{q}&month=2024-05", None, "read"),
        ("get", f"/api/reports/yearly/{q}&year=2024", None, "read"),
        ("get", f"/api/reports/historical/{q}", None, "read"),
        ("get", f"/api/reports/summary/{q}&month=2024-05", None, "read"),
    ]


DELETES = ["transaction", "transfer", "category"]

EXPECTED = {
    ("owner", "read"): {200},
    ("owner", "write"): {200, 201},
    ("editor", "read"): {200},
    ("editor", "write"): {200, 201},
    ("viewer", "read"): {200},
    ("viewer", "write"): {403},
    ("stranger", "read"): {404},
    ("stranger", "write"): {404},
}


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stranger"])
def test_every_operation_answers_each_role_as_its_powers_say(world, role):
    client = client_for(world["members"][role])
    serial = ["owner", "editor", "viewer", "stranger"].index(role)
    wrong = []
    for method, path, body, kind in calls(world, serial):
        response = (
            getattr(client, method)(path, body, format="json") if body is not None else client.get(path)
        )
        if response.status_code not in EXPECTED[role, kind]:
            wrong.append(f"{method.upper()} {path}: {response.status_code} {response.content[:120]!r}")
        if response.status_code == 403:
            assert "editor" in response.json()["detail"], response.json()
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Secret" not in content
        assert b"stranger" not in content
    assert wrong == []


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stranger"])
@pytest.mark.parametrize("target", DELETES)
def test_deletes_answer_each_role_as_its_powers_say(world, role, target):
    client = client_for(world["members"][role])
    row = {"transaction": world["expense"], "transfer": world["transfer"], "category": world["ledger"].loan}[
        target
    ]
    path = {"transaction": "transactions", "transfer": "transfers", "category": "categories"}[target]

    response = client.delete(f"/api/{path}/{row.pk}/")

    assert response.status_code == {"owner": 204, "editor": 204, "viewer": 403, "stranger": 404}[role]


def test_without_a_household_parameter_a_request_means_the_default_household(world):
    viewer = world["members"]["viewer"]
    viewer.default_household = world["household"]
    viewer.save(update_fields=["default_household"])

    names = [row["name"] for row in client_for(viewer).get("/api/locations/").json()["results"]]

    assert names == ["Bank", "Cash"]


@pytest.mark.parametrize("household", ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
def test_an_unknown_household_is_a_404_like_a_foreign_one(world, household):
    response = client_for(world["members"]["owner"]).get(f"/api/locations/?household={household}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Household not found."}


def test_an_id_of_another_household_in_a_body_is_a_404(world):
    owner = world["members"]["owner"]
    foreign = world["members"]["stranger"].default_household
    category = Category.objects.for_household(foreign).first()
    body = {
        "date": DAY, "description": "x", "amount": "1.00", "category": str(category.pk),
        "location": str(world["ledger"].cash.pk), "bucket": str(world["ledger"].fun.pk),
    }  # fmt: skip

    response = client_for(owner).post(
        f"/api/transactions/?household={world['household'].pk}", body, format="json"
    )

    assert response.status_code == 404
