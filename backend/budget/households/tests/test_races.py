"""Real parallel requests against the live server (PostgreSQL interleaves them; SQLite's
IMMEDIATE transactions serialize the same code): an invitation is used once however often it is
sent at once, and a household keeps an owner however its owners race each other."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from budget.households import services
from budget.households.models import ActivityEntry, Invitation, Membership, Role
from budget.ledger.tests.races import Racer, server_errors

ROUNDS = 10
AT_ONCE = 8

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    """Each call is (racer, method, path[, body]), sent together; answers in the same order."""
    start = threading.Barrier(len(calls))

    def send(call):
        racer, *request = call
        start.wait(timeout=30)
        return racer.call(*request)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def test_one_invitation_sent_many_times_at_once_is_used_once(live_server, user, make_user):
    household = services.household_create(owner=user, name="Family")
    answers = []
    for round_ in range(ROUNDS):
        guest = make_user(f"guest{round_}@example.com")
        _, token = services.invitation_create(
            household_id=household.pk, actor=user, email=guest.email, role=Role.EDITOR
        )
        racer = Racer(live_server, guest)
        round_answers = race(*[(racer, "POST", "/api/invitations/accept/", {"token": token})] * AT_ONCE)
        answers += round_answers
        assert sorted(a.status_code for a in round_answers) == [200] + [400] * (AT_ONCE - 1)
        assert {a.json()["token"][0] for a in round_answers if a.status_code == 400} == {
            "This invitation has already been used; ask the owner for a new one."
        }
        assert Membership.objects.filter(household=household, user=guest).count() == 1
        joined = ActivityEntry.objects.filter(household=household, action="member.joined", actor=guest)
        assert joined.count() == 1
    assert server_errors(answers) == []
    assert Invitation.objects.filter(household=household, accepted_at__isnull=False).count() == ROUNDS


def test_two_owners_demoting_each_other_at_once_leave_one_owner(live_server, user, make_user):
    household = services.household_create(owner=user, name="Family")
    partner = make_user("partner@example.com")
    _, token = services.invitation_create(
        household_id=household.pk, actor=user, email=partner.email, role=Role.OWNER
    )
    services.invitation_accept(user=partner, token=token)
    mine, theirs = Racer(live_server, user), Racer(live_server, partner)
    base = f"/api/households/{household.pk}/members"
    answers = []
    for _ in range(ROUNDS):
        round_answers = race(
            (mine, "PATCH", f"{base}/{partner.pk}/", {"role": "EDITOR"}),
            (theirs, "PATCH", f"{base}/{user.pk}/", {"role": "EDITOR"}),
        )
        answers += round_answers
        owners = list(
            Membership.objects.filter(household=household, role=Role.OWNER).values_list("user", flat=True)
        )
        assert len(owners) >= 1
        # The one left an owner gives the other the role back for the next round.
        for membership in Membership.objects.filter(household=household):
            membership.role = Role.OWNER
            membership.save(update_fields=["role"])
    assert server_errors(answers) == []


def test_leaving_and_demoting_at_once_keep_an_owner(live_server, user, make_user):
    household = services.household_create(owner=user, name="Family")
    partner = make_user("partner@example.com")
    answers = []
    base = f"/api/households/{household.pk}/members"
    for _ in range(ROUNDS):
        Membership.objects.update_or_create(household=household, user=partner, defaults={"role": Role.OWNER})
        Membership.objects.filter(household=household, user=user).update(role=Role.OWNER)
        answers += race(
            (Racer(live_server, partner), "DELETE", f"{base}/{partner.pk}/"),
            (Racer(live_server, user), "DELETE", f"{base}/{user.pk}/"),
        )
        assert Membership.objects.filter(household=household, role=Role.OWNER).exists()
    assert server_errors(answers) == []


def test_accepting_while_the_household_is_deleted_never_fails_with_a_5xx(live_server, user, make_user):
    guest = make_user("guest@example.com")
    owner, invited = Racer(live_server, user), Racer(live_server, guest)
    answers = []
    for round_ in range(ROUNDS):
        household = services.household_create(owner=user, name=f"Short-lived {round_}")
        _, token = services.invitation_create(
            household_id=household.pk, actor=user, email=guest.email, role=Role.VIEWER
        )
        deleted, accepted = race(
            (owner, "DELETE", f"/api/households/{household.pk}/", {"confirm": household.name}),
            (invited, "POST", "/api/invitations/accept/", {"token": token}),
        )
        answers += [deleted, accepted]
        assert deleted.status_code == 204
        assert accepted.status_code in {200, 400}
        if accepted.status_code == 400:
            assert accepted.json() == {"token": ["This invitation link is not valid."]}
        assert not Membership.objects.filter(household_id=household.pk).exists()
    assert server_errors(answers) == []
