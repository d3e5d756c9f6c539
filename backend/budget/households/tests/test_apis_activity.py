"""GET /api/activity/: members read their household's log, newest first, filtered; nobody edits it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budget.households.activity import activity_record
from budget.households.models import ActivityEntry, Household

from .conftest import client_for

pytestmark = pytest.mark.django_db


def log(family, who="viewer", **params):
    return client_for(family.user(who)).get(
        "/api/activity/", {"household": str(family.household.pk), **params}
    )


def test_members_read_it_newest_first(family):
    answer = log(family)
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [row["action"] for row in rows] == [
        "member.joined",
        "invitation.created",
        "member.joined",
        "invitation.created",
        "household.created",
    ]
    joined = rows[0]
    assert set(joined) == {"id", "at", "actor", "action", "object_type", "object_id", "summary", "changes"}
    assert joined["actor"] == {
        "id": str(family.viewer.pk),
        "email": "cora@example.com",
        "full_name": "Cora Dima",
    }
    assert joined["object_type"] == "member"
    assert joined["changes"] == {"role": [None, "VIEWER"]}


def test_the_default_household_is_used_without_the_parameter(family):
    answer = client_for(family.owner).get("/api/activity/")
    assert [row["action"] for row in answer.json()["results"]] == ["household.created"]
    assert answer.json()["results"][0]["summary"] == "Created the household 'Personal'"


def test_a_non_member_gets_a_404(family):
    assert log(family, "outsider").status_code == 404


def test_filters(family):
    assert {row["action"] for row in log(family, actor=str(family.editor.pk)).json()["results"]} == {
        "member.joined"
    }
    assert log(family, object_type="invitation").json()["count"] == 2
    assert log(family, action="household.created").json()["count"] == 1
    assert log(family, object_id=str(family.editor.pk)).json()["count"] == 1
    today = timezone.now().date()
    assert log(family, date_from=today.isoformat()).json()["count"] == 5
    assert log(family, date_to=(today - timedelta(days=1)).isoformat()).json()["count"] == 0
    assert log(family, date_from=(today + timedelta(days=1)).isoformat()).json()["count"] == 0


@pytest.mark.parametrize("params", [{"actor": "nope"}, {"date_from": "2024-13-01"}, {"date_to": "yesterday"}])
def test_bad_filters_are_400(family, params):
    assert log(family, **params).status_code == 400


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_entries_never_change_through_the_api(family, method):
    entry = ActivityEntry.objects.filter(household=family.household).first()
    client = client_for(family.owner)
    for path in ("/api/activity/", f"/api/activity/{entry.pk}/"):
        assert getattr(client, method)(path, {}, format="json").status_code in {404, 405}
    assert ActivityEntry.objects.get(pk=entry.pk).summary == entry.summary


def test_the_actor_email_stays_after_the_account_is_gone(family, password):
    client_for(family.editor).delete("/api/users/me/", {"password": password}, format="json")
    rows = log(family).json()["results"]
    gone = [row["actor"] for row in rows if row["action"] == "member.left"]
    assert gone == [{"id": None, "email": "bob@example.com", "full_name": ""}]
    joined = [
        row for row in rows if row["object_id"] == str(family.editor.pk) and row["action"] == "member.joined"
    ]
    assert joined[0]["actor"]["email"] == "bob@example.com"


def test_a_system_write_has_no_actor(family):
    activity_record(
        household_id=family.household.pk,
        actor=None,
        action="bucket.updated",
        obj_type="bucket",
        obj_id=None,
        summary="x" * 400,
        changes={"allocation_percentage": [None, "10.00"]},
    )
    row = log(family).json()["results"][0]
    assert row["actor"] is None
    assert len(row["summary"]) == 255


def test_the_query_count_does_not_grow_with_the_page(family, django_assert_max_num_queries):
    for n in range(60):
        activity_record(
            household_id=family.household.pk,
            actor=family.owner if n % 2 else family.editor,
            action="household.updated",
            obj_type="household",
            obj_id=family.household.pk,
            summary=f"Change {n}",
            changes={},
        )
    client = client_for(family.viewer)
    with django_assert_max_num_queries(4):  # user, membership, count, page (actors joined)
        answer = client.get("/api/activity/", {"household": str(family.household.pk), "page_size": 100})
    assert len(answer.json()["results"]) == 65


def test_no_entry_of_another_household_shows(family):
    other = Household.objects.get(memberships__user=family.outsider)
    assert ActivityEntry.objects.filter(household=other).exists()
    ids = {row["id"] for row in log(family, "owner", page_size=500).json()["results"]}
    assert ids
    assert ids.isdisjoint(
        {str(pk) for pk in ActivityEntry.objects.filter(household=other).values_list("id", flat=True)}
    )
