"""Values outside the contract, sent to the endpoints that read them: a 400 that says what to fix."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def refs(user):
    cash = services.location_create(user=user, name="Cash")
    bucket = services.bucket_create(user=user, name="Needs", allocation_percentage=Decimal(100))
    food = services.category_create(user=user, name="Food", sign=Sign.NEGATIVE)
    return {"category": str(food.pk), "location": str(cash.pk), "bucket": str(bucket.pk)}


def _transaction(refs, **changes):
    return {"date": "2024-05-10", "description": "Lunch", "amount": "12.50", **refs, **changes}


def _transfer(refs, **changes):
    body = {"date": "2024-05-10", "description": "Move", "amount": "1.00"}
    body |= {"from_location": refs["location"], "from_bucket": refs["bucket"], **changes}
    return body


SENDS = {
    "transaction": lambda refs, **c: (reverse("transaction-list"), _transaction(refs, **c)),
    "bulk": lambda refs, **c: (reverse("transaction-bulk"), [_transaction(refs, **c)]),
    "transfer": lambda refs, **c: (reverse("transfer-list"), _transfer(refs, **c)),
}
LIMIT = "9999999999.99"


@pytest.mark.parametrize("send", list(SENDS))
@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("amount", "1e999999999", LIMIT),
        ("amount", "-1e999999999", LIMIT),
        ("amount", "12345678901", LIMIT),
        ("amount", "9" * 5000, LIMIT),
        ("amount", "NaN", "valid number"),
        ("amount", "Infinity", "valid number"),
        ("date", "2024-1-1", "YYYY-MM-DD"),
        ("date", "2024-05-1", "YYYY-MM-DD"),
        ("date", "20240510", "YYYY-MM-DD"),
        ("date", "2024-02-30", "YYYY-MM-DD"),
    ],
)
def test_a_value_out_of_the_contract_is_a_400_saying_what_to_fix(
    api_client, refs, send, field, value, fragment
):
    url, body = SENDS[send](refs, **{field: value})
    response = api_client.post(url, body, format="json")
    assert response.status_code == 400, response.content[:300]
    assert fragment in str(response.json())


@pytest.mark.parametrize("param", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["2024-1-1", "05/10/2024", "2024-02-30", "20240510"])
def test_date_filters_read_only_yyyy_mm_dd(api_client, param, value):
    response = api_client.get(reverse("transaction-list"), {param: value})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in str(response.json()[param])


def test_date_filters_still_filter(api_client, user, refs):
    api_client.post(reverse("transaction-list"), _transaction(refs), format="json")
    day = datetime.date(2024, 5, 10).isoformat()
    assert (
        api_client.get(reverse("transaction-list"), {"date_from": day, "date_to": day}).json()["count"] == 1
    )
    assert api_client.get(reverse("transaction-list"), {"date_from": "2024-05-11"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("number", "fragment"),
    [("1e999999999", LIMIT), ("-1e400", LIMIT), ("123456789012", LIMIT), ("1.005", "2 decimal places")],
)
def test_an_amount_sent_as_a_json_number_is_read_exactly(api_client, refs, number, fragment):
    """Not through a float: 1e400 would become infinity, and the answer would not name the limit."""
    body = json.dumps(_transaction(refs)).replace('"12.50"', number)
    response = api_client.post(reverse("transaction-list"), body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert fragment in str(response.json()["amount"])


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_that_are_not_numbers_are_a_400(api_client, refs, constant):
    body = json.dumps(_transaction(refs)).replace('"12.50"', constant)
    response = api_client.post(reverse("transaction-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
