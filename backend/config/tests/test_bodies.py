"""Every API operation, sent bodies it cannot read: a 4xx that says why, never a 500 or an ERROR log.

Here, not in budget.core, because it goes through every app's endpoints (core imports no domain app)."""

import datetime
import logging
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.permissions import AllowAny

from budget.households.services import invitation_create
from budget.imports.services import import_create, import_parse
from budget.ledger import services
from budget.ledger.models import Sign
from budget.plans.services import budget_create
from budget.recurring import services as recurring_services
from budget.rules.services import rule_create

DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
OVERSIZE_JSON = b'{"description": "' + b"x" * (10 * 2**20) + b'"}'  # 10 MiB
BODIES = {
    "deep-json": (DEEP_JSON, "application/json", 400),
    "form": (b"name=Cash&amount=1", "application/x-www-form-urlencoded", 415),
    "multipart": (
        b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\n",
        "multipart/form-data; boundary=b",
        415,
    ),
    "oversize": (OVERSIZE_JSON, "application/json", 413),
}
WRITES = {"post", "put", "patch"}
# The one multipart operation (a statement upload): JSON is its 415, a form without the file its 400.
MULTIPART = {("post", "/api/imports/"): {"deep-json": 415, "form": 415, "multipart": 400, "oversize": 415}}


def _operations() -> list[tuple[str, str]]:
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return [(method, path) for path, item in paths.items() for method in item if method != "parameters"]


OPERATIONS = _operations()


@pytest.fixture
def rows(user):
    """One row of each kind for `user`, so a detail operation reaches its body instead of a 404."""
    cash = services.location_create(user=user, name="Cash")
    bank = services.location_create(user=user, name="Bank")
    bucket = services.bucket_create(user=user, name="Needs", allocation_percentage=Decimal(100))
    food = services.category_create(user=user, name="Food", sign=Sign.NEGATIVE)
    txn = services.transaction_create(
        user=user,
        date=datetime.date(2024, 5, 10),
        description="Lunch",
        amount=Decimal("12.50"),
        category=food,
        location=cash,
        bucket=bucket,
        split_income=False,
    )
    transfer = services.transfer_create(
        user=user,
        date=datetime.date(2024, 5, 11),
        description="To the bank",
        amount=Decimal("1.00"),
        from_location=cash,
        from_bucket=bucket,
        to_location=bank,
    )
    invitation, _token = invitation_create(
        household_id=user.default_household_id, actor=user, email="bob@example.com", role="EDITOR"
    )
    return {
        "locations": cash,
        "buckets": bucket,
        "categories": food,
        "transactions": txn,
        "transfers": transfer,
        "household_id": user.default_household,
        "user_id": user,
        "invitation_id": invitation,
        "budgets": budget_create(
            user=user, category=food, period="MONTH", amount=Decimal(100), starts=datetime.date(2024, 1, 1)
        ),
        "notifications": _notification(user),
        "recurring": recurring_services.recurring_create(
            user=user,
            name="Lunch",
            kind="TRANSACTION",
            template={
                "description": "Lunch",
                "amount": "12.50",
                "category": str(food.pk),
                "location": str(cash.pk),
                "bucket": str(bucket.pk),
                "split_income": False,
            },
            frequency="MONTHLY",
            start_date=datetime.date(2024, 5, 10),
        ),
        "imports": _import_of(user, cash),
        "line": SimpleNamespace(pk=2),
        "rules": rule_create(
            user=user,
            household=user.default_household_id,
            name="Lunch",
            category=food,
            description_contains="lunch",
        ),
    }


def _notification(user):
    from budget.alerts.models import Notification
    from budget.alerts.services import alerts_check

    alerts_check(household_id=user.default_household_id)  # Cash is below zero
    return Notification.objects.filter(user=user).first()


def _import_of(user, location):
    statement = import_create(
        user=user,
        household=user.default_household_id,
        location=location,
        filename="a.csv",
        content=b"Date,Description,Amount\n2024-05-10,Lunch,-1\n",
    )
    import_parse(import_id=statement.pk)
    return statement


def _url(path: str, rows) -> str:
    """Real ids: a named path parameter (household_id, user_id, ...) by its name, `{id}` by the resource."""
    resource = path.split("/")[2]

    def real(match) -> str:
        name = match.group(1)
        return str(rows[name].pk if name in rows else rows[resource].pk)

    return re.sub(r"\{([^}]+)\}", real, path)


def test_every_operation_is_covered():
    assert len(OPERATIONS) > 30
    assert ("post", "/api/transactions/") in OPERATIONS


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "signed-out"])
@pytest.mark.parametrize("body", list(BODIES))
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_an_unreadable_body_is_never_a_500(
    method, path, body, signed_in, rows, api_client, anon_client, caplog
):
    content, content_type, expected = BODIES[body]
    expected = MULTIPART.get((method, path), {}).get(body, expected)
    url = _url(path, rows)
    client = api_client if signed_in else anon_client
    with caplog.at_level(logging.WARNING):
        response = client.generic(method.upper(), url, data=content, content_type=content_type)

    assert response.status_code < 500, response.content[:300]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []
    reads_body = method in WRITES and (signed_in or AllowAny in resolve(url).func.cls.permission_classes)
    if reads_body:
        assert response.status_code == expected, response.content[:300]
        assert response.json()["detail" if expected != 400 or (method, path) not in MULTIPART else "file"]
    if body == "oversize" and reads_body and (method, path) not in MULTIPART:
        assert f"{2.5 * 2**20:,.0f} bytes" in response.json()["detail"]
        assert len(caplog.records) == 1


@pytest.mark.django_db
def test_an_oversize_form_outside_the_api_is_logged_as_one_warning_line(client, caplog):
    """The admin reads forms through Django, which logs the refusal as an ERROR with a traceback."""
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/admin/login/",
            data=b"a=" + b"x" * (10 * 2**20),
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 400
    assert [(r.name, r.levelname, r.exc_info) for r in caplog.records] == [
        ("django.security.RequestDataTooBig", "WARNING", None)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"email": "\xff"}', "application/json"),
        (b'{"email": "a@b.c"}', "application/json; charset=bz2_codec"),
        (b'{"email": "a@b.c"}', "application/json; charset=no-such-charset"),
        (b'{"email": ', "application/json"),
    ],
)
def test_a_body_that_cannot_be_decoded_is_a_400(anon_client, content, content_type):
    response = anon_client.generic("POST", "/api/token/", data=content, content_type=content_type)
    assert response.status_code == 400, response.content
