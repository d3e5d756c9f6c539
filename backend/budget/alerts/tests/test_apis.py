"""Notifications over HTTP (mine only, newest first, read one or all) and the preferences on /me."""

import pytest
from django.urls import reverse

from ..models import Notification
from ..services import alerts_check
from .conftest import earn, spend

pytestmark = pytest.mark.django_db

NOTIFICATIONS = reverse("notification-list")
READ_ALL = reverse("notification-read-all")
ME = "/api/users/me/"


def read_url(pk):
    return reverse("notification-read", args=[pk])


@pytest.fixture
def notified(user, household, ledger):
    """Cash and Necessities below zero, then (a check later) Bank: three notifications each for Ana
    and Bob."""
    spend(user, ledger, "10.00", bucket=ledger.necessities)
    alerts_check(household_id=household.pk)
    earn(user, ledger, "10.00", bucket=ledger.necessities, location=ledger.cash)
    spend(user, ledger, "10.00", location=ledger.bank, bucket=ledger.necessities)
    alerts_check(household_id=household.pk)
    return Notification.objects.filter(user=user)


def test_list_is_mine_newest_first(api_client, user, notified):
    response = api_client.get(NOTIFICATIONS)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert response.json()["count"] == 3
    assert rows[0]["title"] == "'Bank' is below zero"  # the later check
    assert rows[0]["created_at"] >= rows[-1]["created_at"]
    assert {row["id"] for row in rows} == {str(pk) for pk in notified.values_list("pk", flat=True)}
    row = rows[-1]
    assert set(row) == {"id", "kind", "household", "title", "body", "subject", "created_at", "read_at"}
    assert (row["kind"], row["household"], row["read_at"]) == (
        "balance.negative",
        str(user.default_household_id),
        None,
    )
    assert row["subject"]["type"] in {"location", "bucket"}


def test_read_one_then_unread_filter(api_client, notified):
    first = notified.first()

    response = api_client.post(read_url(first.pk))

    assert response.status_code == 204
    unread = api_client.get(NOTIFICATIONS, {"unread": "true"}).json()["results"]
    assert str(first.pk) not in {row["id"] for row in unread}
    assert len(unread) == 2
    read = api_client.get(NOTIFICATIONS, {"unread": "false"}).json()["results"]
    assert [row["id"] for row in read] == [str(first.pk)]
    assert read[0]["read_at"] is not None
    assert api_client.post(read_url(first.pk)).status_code == 204  # again: nothing changes


def test_read_all(api_client, other_user, notified):
    assert api_client.post(READ_ALL).status_code == 204

    assert api_client.get(NOTIFICATIONS, {"unread": "true"}).json()["count"] == 0
    assert Notification.objects.filter(user=other_user, read_at__isnull=True).count() == 3  # Bob's stay


def test_another_users_notification_is_404(api_client, other_user, notified):
    theirs = Notification.objects.filter(user=other_user).first()

    assert api_client.post(read_url(theirs.pk)).status_code == 404
    assert api_client.post(read_url("not-a-uuid")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_bad_unread_value_is_400(api_client, notified):
    response = api_client.get(NOTIFICATIONS, {"unread": "maybe"})

    assert response.status_code == 400
    assert "unread" in response.json()


def test_needs_sign_in(anon_client):
    assert anon_client.get(NOTIFICATIONS).status_code == 401


def test_preferences_default_to_app_and_change_per_kind(api_client):
    assert api_client.get(ME).json()["notifications"] == {"budget": "app", "goal": "app", "balance": "app"}

    response = api_client.patch(ME, {"notifications": {"goal": "email", "balance": "off"}}, format="json")

    assert response.status_code == 200
    assert response.json()["notifications"] == {"budget": "app", "goal": "email", "balance": "off"}
    response = api_client.patch(ME, {"notifications": {"budget": "off"}}, format="json")
    assert response.json()["notifications"] == {"budget": "off", "goal": "email", "balance": "off"}


@pytest.mark.parametrize(
    "payload",
    [{"notifications": {"goal": "sms"}}, {"notifications": "off"}, {"notifications": {"goal": None}}],
)
def test_bad_preferences_are_400(api_client, payload):
    response = api_client.patch(ME, payload, format="json")

    assert response.status_code == 400
    assert "notifications" in response.json()
