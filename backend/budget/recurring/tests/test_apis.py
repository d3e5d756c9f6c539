import datetime

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households.models import Membership, Role
from budget.ledger.models import Transaction
from budget.ledger.tests.conftest import make_ledger

from .conftest import make_item, rent_template, savings_template

pytestmark = pytest.mark.django_db

URL = "/api/recurring/"


def client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def body(ledger, **fields):
    return {
        "name": "Rent",
        "kind": "TRANSACTION",
        "template": rent_template(ledger),
        "frequency": "MONTHLY",
        "day": -1,
        "start_date": "2024-01-31",
        **fields,
    }


def test_create_list_and_read_an_item(api_client, ledger, clock):
    answer = api_client.post(
        URL, body(ledger, template={**rent_template(ledger), "amount": 850}), format="json"
    )
    assert answer.status_code == 201, answer.json()
    item = answer.json()
    assert item["template"]["amount"] == "850.00"
    assert item["template"]["split_income"] is False
    assert (item["next_date"], item["last_posted"], item["interval"]) == ("2024-01-31", None, 1)
    listed = api_client.get(URL).json()
    assert [row["id"] for row in listed["results"]] == [item["id"]]
    assert api_client.get(f"{URL}{item['id']}/").json() == item


def test_a_transfer_item_reads_its_template_as_post_transfers_does(api_client, ledger, clock):
    template = {**savings_template(ledger), "to_location": None}
    answer = api_client.post(URL, body(ledger, kind="TRANSFER", template=template), format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["template"]["to_location"] is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"frequency": "WEEKLY", "day": 3}, "day"),
        ({"day": 0}, "day"),
        ({"day": 32}, "day"),
        ({"interval": 0}, "interval"),
        ({"end_date": "2023-01-01"}, "end_date"),
        ({"start_date": "2024-02-30"}, "start_date"),
        ({"template": {"description": "Rent", "amount": "-5"}}, "template"),
        ({"template": "rent"}, "template"),
        ({"kind": "TRANSFER"}, "template"),
        ({"frequency": "DAILY"}, "frequency"),
    ],
)
def test_create_refuses_a_bad_item(api_client, ledger, fields, field):
    answer = api_client.post(URL, body(ledger, **fields), format="json")
    assert answer.status_code == 400
    assert field in answer.json()


def test_a_template_the_ledger_refuses_is_a_400(api_client, ledger):
    template = {**rent_template(ledger), "bucket": None}
    answer = api_client.post(URL, body(ledger, template=template), format="json")
    assert answer.status_code == 400
    assert "bucket" in answer.json()["template"][0].lower()


def test_ids_of_another_household_are_not_found(api_client, user, other_user, ledger):
    theirs = make_ledger(other_user)
    answer = api_client.post(URL, body(ledger, template=rent_template(theirs)), format="json")
    assert answer.status_code == 404
    item = make_item(other_user, theirs)
    for method, path in (("get", ""), ("patch", ""), ("delete", ""), ("post", "post/"), ("post", "skip/")):
        answer = getattr(api_client, method)(f"{URL}{item.pk}/{path}", {"date": "2024-01-31"}, format="json")
        assert answer.status_code == 404, (method, path)


def test_post_and_skip_then_refuse_the_same_date(api_client, user, ledger):
    item = make_item(user, ledger)
    posted = api_client.post(f"{URL}{item.pk}/post/", {"date": "2024-01-31"}, format="json")
    assert posted.status_code == 201, posted.json()
    assert posted.json()["status"] == "POSTED"
    txn = api_client.get(f"/api/transactions/{posted.json()['transaction']}/").json()
    assert (txn["recurring"], txn["date"], txn["signed_amount"]) == (str(item.pk), "2024-01-31", "-850.00")
    skipped = api_client.post(f"{URL}{item.pk}/skip/", {"date": "2024-02-29"}, format="json")
    assert (skipped.status_code, skipped.json()["status"]) == (201, "SKIPPED")
    for action in ("post", "skip"):
        for date in ("2024-01-31", "2024-02-29"):
            again = api_client.post(f"{URL}{item.pk}/{action}/", {"date": date}, format="json")
            assert again.status_code == 400
            assert "already" in again.json()["date"][0]
    assert api_client.post(f"{URL}{item.pk}/post/", {"date": "2024-03-30"}, format="json").status_code == 400
    assert api_client.post(f"{URL}{item.pk}/post/", {}, format="json").status_code == 400
    assert Transaction.objects.filter(recurring=item).count() == 1
    assert api_client.get(f"{URL}{item.pk}/").json()["next_date"] == "2024-03-31"


def test_patch_changes_the_item_but_not_its_transactions(api_client, user, ledger):
    item = make_item(user, ledger)
    api_client.post(f"{URL}{item.pk}/post/", {"date": "2024-01-31"}, format="json")
    template = {**rent_template(ledger), "amount": "900.00"}
    answer = api_client.patch(f"{URL}{item.pk}/", {"template": template, "name": "Flat"}, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["template"]["amount"] == "900.00"
    assert Transaction.objects.get(recurring=item).amount == 850
    assert api_client.delete(f"{URL}{item.pk}/").status_code == 204
    assert api_client.get(f"{URL}{item.pk}/").status_code == 404
    assert api_client.get(URL).json()["count"] == 0
    assert Transaction.objects.get(recurring=item).amount == 850


def test_upcoming_lists_the_next_days_with_projected_balances(api_client, user, ledger, clock):
    clock.set(datetime.date(2024, 2, 10))
    make_item(user, ledger)
    answer = api_client.get(f"{URL}upcoming/", {"days": 30})
    assert answer.status_code == 200
    rows = answer.json()
    assert [(r["date"], r["projected_balance"], r["overdue"]) for r in rows] == [
        ("2024-01-31", "-850.00", True),
        ("2024-02-29", "-1700.00", False),
    ]
    assert api_client.get(f"{URL}upcoming/", {"days": 367}).status_code == 400
    assert api_client.get(f"{URL}upcoming/", {"days": "x"}).status_code == 400


@pytest.mark.parametrize(("role", "write_status"), [("editor", 201), ("viewer", 403)])
def test_roles(make_user, user, ledger, role, write_status):
    member = make_user(f"{role}@example.com")
    Membership.objects.create(household=user.default_household, user=member, role=Role[role.upper()])
    client = client_for(member)
    household = {"household": str(user.default_household_id)}
    assert client.get(URL, household).status_code == 200
    assert client.get(f"{URL}upcoming/", household).status_code == 200
    answer = client.post(f"{URL}?household={user.default_household_id}", body(ledger), format="json")
    assert answer.status_code == write_status
    item = make_item(user, ledger, name="Other")
    answer = client.post(f"{URL}{item.pk}/skip/", {"date": "2024-01-31"}, format="json")
    assert answer.status_code == write_status
