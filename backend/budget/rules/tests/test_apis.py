"""The rules API: CRUD, checks, household scoping, and match for the add form."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households.models import ActivityEntry, Membership, Role
from budget.ledger.tests.conftest import make_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(user):
    return make_ledger(user)


def body(ledger, **fields):
    return {
        "name": "Coffee",
        "priority": 10,
        "conditions": {"description_contains": "café", "direction": "OUT", "amount_max": "20"},
        "actions": {"category": str(ledger.food.pk), "bucket": str(ledger.fun.pk)},
        **fields,
    }


def test_create_list_update_delete(api_client, ledger):
    response = api_client.post("/api/rules/", body(ledger), format="json")
    assert response.status_code == 201, response.content
    rule = response.json()
    assert rule["conditions"] == {
        "description_contains": "café",
        "amount_min": None,
        "amount_max": "20.00",
        "location": None,
        "direction": "OUT",
    }
    assert rule["actions"]["category"] == str(ledger.food.pk)
    assert rule["is_active"] is True
    assert api_client.get("/api/rules/").json()["count"] == 1
    patched = api_client.patch(
        f"/api/rules/{rule['id']}/", {"priority": 5, "is_active": False}, format="json"
    )
    assert patched.status_code == 200
    assert patched.json()["priority"] == 5
    assert api_client.delete(f"/api/rules/{rule['id']}/").status_code == 204
    actions = list(ActivityEntry.objects.filter(object_type="rule").values_list("action", flat=True))
    assert sorted(actions) == ["rule.created", "rule.deleted", "rule.updated"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"conditions": {}}, "conditions"),
        ({"actions": {}}, "actions"),
        ({"conditions": {"amount_min": "10", "amount_max": "5"}}, "conditions"),
        ({"conditions": {"amount_min": "-1"}}, "conditions"),
        ({"conditions": {"direction": "SIDEWAYS"}}, "conditions"),
        (
            {"conditions": {"description_contains": "x"}, "actions": {"split_income": True, "bucket": None}},
            None,
        ),
    ],
)
def test_rules_need_a_condition_and_an_action(api_client, ledger, change, field):
    response = api_client.post("/api/rules/", body(ledger, **change), format="json")
    if field is None:
        assert response.status_code == 201
    else:
        assert response.status_code == 400
        assert field in response.json()


def test_ids_of_another_household_are_404(api_client, ledger, other_user):
    other = make_ledger(other_user)
    response = api_client.post(
        "/api/rules/", body(ledger, actions={"category": str(other.food.pk)}), format="json"
    )
    assert response.status_code == 404
    rule = api_client.post("/api/rules/", body(ledger), format="json").json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(other_user).access_token}")
    assert client.get(f"/api/rules/{rule['id']}/").status_code == 404
    assert client.delete(f"/api/rules/{rule['id']}/").status_code == 404


def test_match_answers_the_first_active_matching_rule(api_client, ledger):
    api_client.post("/api/rules/", body(ledger, name="Late", priority=50), format="json")
    first = api_client.post(
        "/api/rules/",
        body(ledger, name="Early", priority=1, actions={"category": str(ledger.loan.pk)}),
        format="json",
    ).json()
    answer = api_client.post(
        "/api/rules/match/", {"description": "CAFE central", "amount": "-3.50"}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["rule"] == first["id"]
    assert answer.json()["actions"]["category"] == str(ledger.loan.pk)
    api_client.patch(f"/api/rules/{first['id']}/", {"is_active": False}, format="json")
    answer = api_client.post(
        "/api/rules/match/", {"description": "Café", "amount": "-3.50"}, format="json"
    ).json()
    assert answer["rule_name"] == "Late"
    none = api_client.post(
        "/api/rules/match/", {"description": "Café", "amount": "3.50"}, format="json"
    ).json()
    assert none == {"rule": None, "rule_name": None, "actions": None}


def test_a_viewer_may_match_but_not_write(api_client, ledger, make_user, user):
    viewer = make_user("viewer@example.com")
    Membership.objects.create(household=user.default_household, user=viewer, role=Role.VIEWER)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(viewer).access_token}")
    household = f"?household={user.default_household_id}"
    assert client.post(f"/api/rules/{household}", body(ledger), format="json").status_code == 403
    assert (
        client.post(f"/api/rules/match/{household}", {"description": "x"}, format="json").status_code == 200
    )
