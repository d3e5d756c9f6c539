"""The budgets API's contract: shapes, rules as 400s, roles, another household's ids as 404."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households.models import ActivityEntry, Membership, Role
from budget.plans.models import Budget

from .conftest import BUDGETS, REPORT, make_budget, spend

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def body(category, **fields):
    return {
        "category": str(category.pk),
        "period": "MONTH",
        "amount": "100.00",
        "starts": "2024-01",
        **fields,
    }


def test_create_answers_the_budget_with_its_amounts(api_client, ledger, user):
    response = api_client.post(BUDGETS, body(ledger.food, rollover=True), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert set(data) == {
        "id", "household", "category", "period", "amount", "starts", "rollover", "amounts", "is_archived"
    }  # fmt: skip
    assert data["category"] == str(ledger.food.pk)
    assert data["household"] == str(user.default_household_id)
    assert (data["period"], data["amount"], data["starts"], data["rollover"]) == (
        "MONTH",
        "100.00",
        "2024-01",
        True,
    )
    assert data["amounts"] == [{"from": "2024-01", "amount": "100.00"}]
    assert ActivityEntry.objects.filter(action="budget.created", object_id=data["id"]).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"period": "WEEK"}, "period"),
        ({"starts": "2024-13"}, "starts"),
        ({"starts": "2024-01-01"}, "starts"),
        ({"effective_from": "2024-02"}, "effective_from"),
    ],
)
def test_create_refuses_bad_input(api_client, ledger, change, field):
    response = api_client.post(BUDGETS, body(ledger.food, **change), format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_create_refuses_a_category_that_is_not_an_active_expense(api_client, ledger, user, rent):
    from budget.ledger import services

    positive = api_client.post(BUDGETS, body(ledger.salary), format="json")
    assert positive.status_code == 400
    assert "NEGATIVE" in positive.json()["category"][0]
    services.category_archive(category=rent, user=user)
    archived = api_client.post(BUDGETS, body(rent), format="json")
    assert archived.status_code == 400
    assert "archived" in archived.json()["category"][0]


def test_one_active_budget_per_category_and_archive_frees_it(api_client, ledger):
    first = api_client.post(BUDGETS, body(ledger.food), format="json").json()
    again = api_client.post(BUDGETS, body(ledger.food), format="json")
    assert again.status_code == 400
    assert "already has a budget" in again.json()["category"][0]
    assert api_client.delete(f"{BUDGETS}{first['id']}/").status_code == 204
    assert api_client.get(f"{BUDGETS}{first['id']}/").json()["is_archived"] is True
    assert api_client.post(BUDGETS, body(ledger.food), format="json").status_code == 201
    listed = api_client.get(BUDGETS).json()
    assert listed["count"] == 1
    assert api_client.get(BUDGETS, {"include_archived": "true"}).json()["count"] == 2


def test_patch_amount_from_a_month_keeps_earlier_periods(api_client, ledger, user):
    budget = make_budget(user, ledger.food, "100.00", period="QUARTER", starts=datetime.date(2024, 1, 1))
    url = f"{BUDGETS}{budget.pk}/"
    response = api_client.patch(url, {"amount": "150.00", "effective_from": "2024-05"}, format="json")
    assert response.status_code == 200, response.json()
    # May lies in the quarter that begins in April: the new amount holds from there.
    assert response.json()["amounts"] == [
        {"from": "2024-01", "amount": "100.00"},
        {"from": "2024-04", "amount": "150.00"},
    ]
    earlier = api_client.patch(url, {"amount": "120.00", "effective_from": "2024-01"}, format="json").json()
    assert earlier["amounts"] == [{"from": "2024-01", "amount": "120.00"}]
    before = api_client.patch(url, {"amount": "120.00", "effective_from": "2023-12"}, format="json")
    assert before.status_code == 400
    assert "effective_from" in before.json()


@pytest.mark.parametrize(
    "change",
    [{"period": "YEAR"}, {"starts": "2023-01"}, {"effective_from": "2024-02"}, {"amount": "-5"}],
)
def test_patch_refuses_changes_that_take_a_new_budget(api_client, ledger, user, change):
    budget = make_budget(user, ledger.food)
    response = api_client.patch(f"{BUDGETS}{budget.pk}/", change, format="json")
    assert response.status_code == 400
    assert set(response.json()) & {*change, "non_field_errors"}


def test_patch_rollover_and_default_effective_from_is_the_current_period(api_client, ledger, user):
    budget = make_budget(user, ledger.food, starts=datetime.date(2020, 1, 1))
    data = api_client.patch(
        f"{BUDGETS}{budget.pk}/", {"amount": "80", "rollover": True}, format="json"
    ).json()
    today = datetime.date.today()
    assert data["rollover"] is True
    assert data["amounts"][-1] == {"from": f"{today:%Y-%m}", "amount": "80.00"}
    assert data["amount"] == "80.00"


def test_history_answers_each_period(api_client, ledger, user):
    budget = make_budget(user, ledger.food, "100.00", rollover=True)
    spend(user, ledger, "130.00", datetime.date(2024, 1, 9))
    response = api_client.get(f"{BUDGETS}{budget.pk}/history/", {"from": "2023-06", "to": "2024-03"})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["budget"] == str(budget.pk)
    assert data["category"] == {"id": str(ledger.food.pk), "name": "Food"}
    assert [(p["start"], p["actual"], p["carried_over"], p["status"]) for p in data["periods"]] == [
        ("2024-01", "130.00", "0.00", "OVER"),
        ("2024-02", "0.00", "-30.00", "UNDER"),
        ("2024-03", "0.00", "70.00", "UNDER"),
    ]


@pytest.mark.parametrize(
    "query", [{"from": "2010-01", "to": "2024-01"}, {"from": "2024-03", "to": "2024-01"}, {"to": "24-01"}]
)
def test_history_refuses_bad_ranges(api_client, ledger, user, query):
    budget = make_budget(user, ledger.food, starts=datetime.date(2000, 1, 1))
    assert api_client.get(f"{BUDGETS}{budget.pk}/history/", query).status_code == 400


def test_report_answers_the_contract_and_follows_budget_changes(api_client, ledger, user, rent):
    budget = make_budget(user, ledger.food, "100.00")
    spend(user, ledger, "90.00", datetime.date(2024, 3, 2))
    spend(user, ledger, "40.00", datetime.date(2024, 3, 2), category=rent)
    first = api_client.get(REPORT, {"month": "2024-03"}).json()
    assert first["cached"] is False
    assert first["period"] == {"year": 2024, "month": 3}
    (row,) = first["budgets"]
    assert row["budget"] == str(budget.pk)
    assert (row["budgeted"], row["actual"], row["remaining"], row["used"], row["status"]) == (
        "100.00", "90.00", "10.00", "0.90", "NEAR",
    )  # fmt: skip
    assert first["totals"] == {
        "budgeted": "100.00",
        "available": "100.00",
        "actual": "90.00",
        "remaining": "10.00",
    }
    assert first["unbudgeted"] == [{"category": {"id": str(rent.pk), "name": "Rent"}, "actual": "40.00"}]
    assert api_client.get(REPORT, {"month": "2024-03"}).json()["cached"] is True
    api_client.patch(
        f"{BUDGETS}{budget.pk}/", {"amount": "80.00", "effective_from": "2024-03"}, format="json"
    )
    after = api_client.get(REPORT, {"month": "2024-03"}).json()
    assert after["cached"] is False
    assert (after["budgets"][0]["available"], after["budgets"][0]["status"]) == ("80.00", "OVER")


def test_report_refuses_a_bad_month(api_client, ledger):
    response = api_client.get(REPORT, {"month": "2024-3"})
    assert response.status_code == 400
    assert "YYYY-MM" in response.json()["month"][0]


@pytest.fixture
def members(make_user, user):
    found = {"owner": user}
    for role in ("editor", "viewer"):
        found[role] = make_user(f"{role}@example.com")
        Membership.objects.create(household=user.default_household, user=found[role], role=Role[role.upper()])
    return found


@pytest.mark.parametrize(("role", "allowed"), [("owner", True), ("editor", True), ("viewer", False)])
def test_roles_viewers_read_editors_write(members, ledger, user, role, allowed):
    client = client_for(members[role])
    household = {"household": str(user.default_household_id)}
    budget = make_budget(user, ledger.food)
    assert client.get(BUDGETS, household).status_code == 200
    assert client.get(REPORT, household).status_code == 200
    assert client.get(f"{BUDGETS}{budget.pk}/history/").status_code == 200
    writes = [
        client.patch(f"{BUDGETS}{budget.pk}/", {"rollover": True}, format="json"),
        client.delete(f"{BUDGETS}{budget.pk}/"),
        client.post(f"{BUDGETS}?household={user.default_household_id}", body(ledger.food), format="json"),
    ]
    expected = [200, 204, 201] if allowed else [403, 403, 403]
    assert [response.status_code for response in writes] == expected
    if not allowed:
        assert "editor" in writes[0].json()["detail"]


def test_another_households_budget_and_category_are_not_found(api_client, other_user, other_ledger, ledger):
    theirs = make_budget(other_user, other_ledger.food)
    for response in (
        api_client.get(f"{BUDGETS}{theirs.pk}/"),
        api_client.patch(f"{BUDGETS}{theirs.pk}/", {"rollover": True}, format="json"),
        api_client.delete(f"{BUDGETS}{theirs.pk}/"),
        api_client.get(f"{BUDGETS}{theirs.pk}/history/"),
        api_client.post(BUDGETS, body(other_ledger.food), format="json"),
        api_client.get(REPORT, {"household": str(other_user.default_household_id)}),
    ):
        assert response.status_code == 404
    assert api_client.get(BUDGETS).json()["count"] == 0
    assert Budget.objects.get(pk=theirs.pk).is_archived is False


def test_money_in_and_out_as_strings(api_client, ledger):
    response = api_client.post(BUDGETS, body(ledger.food, amount=12.5), format="json")
    assert response.json()["amount"] == "12.50"
    assert Budget.objects.get().amounts.get().amount == Decimal("12.50")
