"""Invitations end to end: the owner invites, the mail goes out after the commit, the invited
person accepts once with the token from the mail."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from budget.households.models import ActivityEntry, Invitation, Membership

from .conftest import client_for

pytestmark = pytest.mark.django_db


def invite(family, django_capture_on_commit_callbacks, email="dan@example.com", role="EDITOR"):
    with django_capture_on_commit_callbacks(execute=True):
        return client_for(family.owner).post(
            f"/api/households/{family.household.pk}/invitations/",
            {"email": email, "role": role},
            format="json",
        )


def token_in(mail) -> str:
    return re.search(r"invitation=([\w-]+)", mail.body).group(1)


def test_invite_mail_accept(family, mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.FRONTEND_URL = "https://budget.example.com"
    mailoutbox.clear()
    answer = invite(family, django_capture_on_commit_callbacks, email="Dan@Example.com")
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "email", "role", "token", "link", "expires_at"}
    assert body["email"] == "dan@example.com"
    assert body["link"] == f"https://budget.example.com/household?invitation={body['token']}"
    assert not Invitation.objects.filter(token_hash__contains=body["token"]).exists()

    [mail] = mailoutbox
    assert mail.to == ["dan@example.com"]
    assert "Family" in mail.subject
    assert body["link"] in mail.body
    assert token_in(mail) == body["token"]

    accepted = client_for(family.outsider).post(
        "/api/invitations/accept/", {"token": token_in(mail)}, format="json"
    )
    assert accepted.status_code == 200
    assert accepted.json()["id"] == str(family.household.pk)
    assert accepted.json()["role"] == "EDITOR"
    assert accepted.json()["members"] == 4
    assert Membership.objects.get(household=family.household, user=family.outsider).role == "EDITOR"

    again = client_for(family.outsider).post(
        "/api/invitations/accept/", {"token": body["token"]}, format="json"
    )
    assert again.status_code == 400
    assert "already been used" in again.json()["token"][0]


def test_no_mail_when_the_invitation_is_refused(family, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    answer = invite(family, django_capture_on_commit_callbacks, email="bob@example.com")
    assert answer.status_code == 400
    assert "already a member" in answer.json()["email"][0]
    assert mailoutbox == []


def test_a_failing_mail_server_keeps_the_invitation(family, django_capture_on_commit_callbacks, monkeypatch):
    from budget.households.services import invitations

    def broken(**kwargs):
        raise ConnectionRefusedError("no SMTP here")

    monkeypatch.setattr(invitations, "send_mail", broken)
    answer = invite(family, django_capture_on_commit_callbacks)
    assert answer.status_code == 201
    assert Invitation.objects.filter(pk=answer.json()["id"]).exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"email": "not-an-email", "role": "VIEWER"},
        {"email": "x@example.com"},
        {"email": "x@example.com", "role": "king"},
    ],
)
def test_invite_input_errors(family, body, django_capture_on_commit_callbacks):
    answer = client_for(family.owner).post(
        f"/api/households/{family.household.pk}/invitations/", body, format="json"
    )
    assert answer.status_code == 400


def test_list_and_revoke(family, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    created = invite(family, django_capture_on_commit_callbacks).json()
    client = client_for(family.owner)
    with django_assert_max_num_queries(4):  # user, membership, count, page
        listed = client.get(f"/api/households/{family.household.pk}/invitations/")
    statuses = {row["email"]: row["status"] for row in listed.json()["results"]}
    assert statuses == {
        "dan@example.com": "pending",
        "bob@example.com": "accepted",
        "cora@example.com": "accepted",
    }
    assert "token" not in listed.json()["results"][0]

    answer = client.delete(f"/api/households/{family.household.pk}/invitations/{created['id']}/")
    assert answer.status_code == 204
    refused = client_for(family.outsider).post(
        "/api/invitations/accept/", {"token": created["token"]}, format="json"
    )
    assert refused.status_code == 400
    assert "revoked" in refused.json()["token"][0]


def test_an_invitation_of_another_household_is_a_404(family, user, django_capture_on_commit_callbacks):
    created = invite(family, django_capture_on_commit_callbacks).json()
    personal = Membership.objects.get(user=family.owner, household__name="Personal").household_id
    answer = client_for(family.owner).delete(f"/api/households/{personal}/invitations/{created['id']}/")
    assert answer.status_code == 404


@pytest.mark.parametrize(
    ("who", "token", "changes", "message"),
    [
        ("outsider", "made-up", {}, "This invitation link is not valid."),
        ("viewer", None, {}, "sent to another email address"),
        ("outsider", None, {"expires_at": timezone.now() - timedelta(minutes=1)}, "expired"),
        ("outsider", None, {"revoked_at": timezone.now()}, "revoked"),
        ("outsider", None, {"accepted_at": timezone.now()}, "already been used"),
    ],
)
def test_accept_refusals_say_which(family, django_capture_on_commit_callbacks, who, token, changes, message):
    created = invite(family, django_capture_on_commit_callbacks).json()
    Invitation.objects.filter(pk=created["id"]).update(**changes)
    answer = client_for(family.user(who)).post(
        "/api/invitations/accept/", {"token": token or created["token"]}, format="json"
    )
    assert answer.status_code == 400
    assert message in answer.json()["token"][0]
    assert not Membership.objects.filter(household=family.household, user=family.outsider).exists()


def test_accepting_when_already_a_member_is_a_400(family, make_user, django_capture_on_commit_callbacks):
    created = invite(family, django_capture_on_commit_callbacks).json()
    Membership.objects.create(household=family.household, user=family.outsider, role="VIEWER")
    answer = client_for(family.outsider).post(
        "/api/invitations/accept/", {"token": created["token"]}, format="json"
    )
    assert answer.status_code == 400
    assert "already a member" in answer.json()["token"][0]


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": ["x"]}, {"token": "x" * 5000}])
def test_accept_input_errors_are_400(family, body):
    answer = client_for(family.outsider).post("/api/invitations/accept/", body, format="json")
    assert answer.status_code == 400


def test_every_step_is_in_the_activity_log(family, django_capture_on_commit_callbacks):
    created = invite(family, django_capture_on_commit_callbacks).json()
    client_for(family.outsider).post("/api/invitations/accept/", {"token": created["token"]}, format="json")
    again = invite(family, django_capture_on_commit_callbacks, email="eve@example.com").json()
    client_for(family.owner).delete(f"/api/households/{family.household.pk}/invitations/{again['id']}/")
    actions = list(
        ActivityEntry.objects.filter(household=family.household)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions[-4:] == ["invitation.created", "member.joined", "invitation.created", "invitation.revoked"]


def test_a_household_name_with_a_line_break_still_mails_the_invitation(
    family, mailoutbox, django_capture_on_commit_callbacks
):
    # The fuzzer named a household with a newline; the mail's Subject header refused it (BadHeaderError).
    family.household.name = "Family\nbudget"
    family.household.save(update_fields=["name"])
    mailoutbox.clear()
    assert invite(family, django_capture_on_commit_callbacks).status_code == 201
    [mail] = mailoutbox
    assert "'Family budget'" in mail.subject
