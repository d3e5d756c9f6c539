"""The households API's contract: statuses, shapes, 404 for non-members, 403 naming the role."""

import uuid

import pytest

from budget.households import services
from budget.households.models import ActivityEntry, Household, Invitation, Membership, Role

from .conftest import client_for

pytestmark = pytest.mark.django_db


def url(family, rest=""):
    return f"/api/households/{family.household.pk}/{rest}"


def test_list_shows_mine_with_my_role_and_member_count(family, django_assert_max_num_queries):
    client = client_for(family.editor)
    with django_assert_max_num_queries(3):  # the user (JWT), the count, the page
        answer = client.get("/api/households/")
    assert answer.status_code == 200
    rows = {row["name"]: row for row in answer.json()["results"]}
    assert set(rows) == {"Family", "Personal"}
    assert rows["Family"]["role"] == "EDITOR"
    assert rows["Family"]["members"] == 3
    assert set(rows["Family"]) == {"id", "name", "role", "members", "created_at"}


def test_the_list_costs_the_same_for_many_households(user, django_assert_max_num_queries):
    client = client_for(user)
    for n in range(20):
        client.post("/api/households/", {"name": f"H{n}"}, format="json")
    with django_assert_max_num_queries(3):
        answer = client.get("/api/households/")
    assert answer.json()["count"] == 21


def test_create_makes_me_the_owner(user):
    answer = client_for(user).post("/api/households/", {"name": "Holiday"}, format="json")
    assert answer.status_code == 201
    assert answer.json()["role"] == "OWNER"
    assert answer.json()["members"] == 1
    assert Membership.objects.get(household_id=answer.json()["id"]).user == user


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 101}, {"name": ["a"]}])
def test_create_needs_a_name(user, body):
    answer = client_for(user).post("/api/households/", body, format="json")
    assert answer.status_code == 400
    assert "name" in answer.json()


def test_detail_shows_the_household(family):
    answer = client_for(family.viewer).get(url(family))
    assert answer.status_code == 200
    assert answer.json()["name"] == "Family"
    assert answer.json()["role"] == "VIEWER"


def test_owner_renames(family):
    answer = client_for(family.owner).patch(url(family), {"name": "Home"}, format="json")
    assert answer.status_code == 200
    assert answer.json()["name"] == "Home"


def test_delete_needs_the_name_as_confirmation(family):
    client = client_for(family.owner)
    answer = client.delete(url(family), {"confirm": "Famly"}, format="json")
    assert answer.status_code == 400
    assert "'Family'" in answer.json()["confirm"][0]
    assert client.delete(url(family), {}, format="json").status_code == 400
    assert client.delete(url(family), {"confirm": "Family"}, format="json").status_code == 204
    assert not Household.objects.filter(pk=family.household.pk).exists()


def test_members_list_shape(family, django_assert_max_num_queries):
    client = client_for(family.viewer)
    with django_assert_max_num_queries(4):  # user, membership, count, page
        answer = client.get(url(family, "members/"))
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [(row["user"]["email"], row["role"]) for row in rows] == [
        ("ana@example.com", "OWNER"),
        ("bob@example.com", "EDITOR"),
        ("cora@example.com", "VIEWER"),
    ]
    assert rows[0]["user"] == {
        "id": str(family.owner.pk),
        "email": "ana@example.com",
        "full_name": "Ana Popescu",
    }
    assert set(rows[0]) == {"user", "role", "joined_at"}


def test_owner_changes_a_role(family):
    answer = client_for(family.owner).patch(
        url(family, f"members/{family.viewer.pk}/"), {"role": "editor"}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["role"] == "EDITOR"
    assert answer.json()["user"]["email"] == "cora@example.com"


def test_an_unknown_role_is_a_400(family):
    answer = client_for(family.owner).patch(
        url(family, f"members/{family.viewer.pk}/"), {"role": "boss"}, format="json"
    )
    assert answer.status_code == 400
    assert "role" in answer.json()


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_the_last_owner_gets_a_400_saying_what_to_do(family, method):
    answer = getattr(client_for(family.owner), method)(
        url(family, f"members/{family.owner.pk}/"), {"role": "VIEWER"}, format="json"
    )
    assert answer.status_code == 400
    assert "make another member an owner first" in str(answer.json()).lower()


def test_a_member_leaves(family):
    answer = client_for(family.viewer).delete(url(family, f"members/{family.viewer.pk}/"))
    assert answer.status_code == 204
    assert not Membership.objects.filter(household=family.household, user=family.viewer).exists()
    assert ActivityEntry.objects.filter(household=family.household, action="member.left").exists()


def test_a_member_not_in_the_household_is_a_404(family):
    answer = client_for(family.owner).delete(url(family, f"members/{family.outsider.pk}/"))
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Member not found."}


OWNER_ONLY = [
    ("patch", "", {"name": "Mine now"}),
    ("delete", "", {"confirm": "Family"}),
    ("patch", "members/{viewer}/", {"role": "OWNER"}),
    ("delete", "members/{viewer}/", None),
    ("get", "invitations/", None),
    ("post", "invitations/", {"email": "x@example.com", "role": "VIEWER"}),
    ("delete", "invitations/{invitation}/", None),
]
MEMBERS = [("get", "", None), ("get", "members/", None)]


def _call(family, who, method, path, body):
    invitation = Invitation.objects.filter(household=family.household, accepted_at=None).first()
    if invitation is None:
        invitation, _ = services.invitation_create(
            household_id=family.household.pk, actor=family.owner, email="eve@example.com", role=Role.VIEWER
        )
    path = path.format(viewer=family.viewer.pk, invitation=invitation.pk)
    return getattr(client_for(family.user(who)), method)(url(family, path), body, format="json")


@pytest.mark.parametrize(
    ("who", "method", "path", "body"),
    [
        (who, method, path, body)
        for who in ("editor", "viewer")
        for method, path, body in OWNER_ONLY
        if (who, method, path) != ("viewer", "delete", "members/{viewer}/")  # that is leaving: allowed
    ],
)
def test_owner_things_are_a_403_naming_the_owner_role(family, who, method, path, body):
    answer = _call(family, who, method, path, body)
    assert answer.status_code == 403
    assert "needs the owner role" in answer.json()["detail"]
    assert Household.objects.get(pk=family.household.pk).name == "Family"


@pytest.mark.parametrize(("method", "path", "body"), OWNER_ONLY + MEMBERS)
def test_a_non_member_gets_the_404_of_a_missing_household(family, method, path, body):
    answer = _call(family, "outsider", method, path, body)
    missing = getattr(client_for(family.outsider), method)(
        f"/api/households/{uuid.uuid4()}/{path.format(viewer=uuid.uuid4(), invitation=uuid.uuid4())}",
        body,
        format="json",
    )
    assert (answer.status_code, answer.json()) == (404, {"detail": "Household not found."})
    assert (missing.status_code, missing.json()) == (answer.status_code, answer.json())


@pytest.mark.parametrize(("method", "path", "body"), OWNER_ONLY + MEMBERS)
def test_the_owner_may_do_all_of_it(family, method, path, body):
    answer = _call(family, "owner", method, path, body)
    assert answer.status_code in {200, 201, 204}


def test_without_a_token_it_is_a_401(anon_client):
    assert anon_client.get("/api/households/").status_code == 401


@pytest.mark.parametrize("role", [Role.OWNER, Role.EDITOR, Role.VIEWER])
def test_account_deletion_is_refused_while_the_only_owner_of_a_shared_household(family, password, role):
    if role != Role.OWNER:
        # With a second owner the household no longer needs Ana.
        Membership.objects.filter(household=family.household, user=family.editor).update(role=Role.OWNER)
    answer = client_for(family.owner).delete("/api/users/me/", {"password": password}, format="json")
    if role == Role.OWNER:
        assert answer.status_code == 400
        assert "'Family'" in str(answer.json())
        assert Membership.objects.filter(household=family.household, user=family.owner).exists()
    else:
        assert answer.status_code == 204
        entry = ActivityEntry.objects.filter(household=family.household, action="member.left").get()
        assert entry.actor is None
        assert entry.actor_email == "ana@example.com"
        assert not Household.objects.filter(name="Personal", memberships__isnull=True).exists()
