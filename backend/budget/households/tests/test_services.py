"""The household services called directly: the rules, the default household, the activity entries."""

import functools
from datetime import date, timedelta

import pytest
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

from budget.households import services
from budget.households.activity import activity_record
from budget.households.models import ActivityEntry, Household, Invitation, Membership, Role

from .conftest import join

pytestmark = pytest.mark.django_db


def actions(household) -> list[str]:
    return list(
        ActivityEntry.objects.filter(household=household)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def messages(exc_info) -> str:
    return " ".join(exc_info.value.messages)


def test_create_makes_me_owner_and_records_it(user):
    household = services.household_create(owner=user, name="  Holiday  ")
    assert household.name == "Holiday"
    assert Membership.objects.get(household=household, user=user).role == Role.OWNER
    entry = ActivityEntry.objects.get(household=household)
    assert (entry.action, entry.actor, entry.changes) == (
        "household.created",
        user,
        {"name": [None, "Holiday"]},
    )


def test_update_renames_and_records_before_and_after(family):
    services.household_update(household_id=family.household.pk, actor=family.owner, name="Our home")
    family.household.refresh_from_db()
    assert family.household.name == "Our home"
    entry = ActivityEntry.objects.filter(household=family.household, action="household.updated").get()
    assert entry.changes == {"name": ["Family", "Our home"]}


def test_the_same_name_again_records_nothing(family):
    before = actions(family.household)
    services.household_update(household_id=family.household.pk, actor=family.owner, name="Family")
    assert actions(family.household) == before


def test_delete_needs_the_name_and_moves_every_default_elsewhere(family):
    for member in (family.owner, family.editor):
        member.default_household = family.household
        member.save(update_fields=["default_household"])
    with pytest.raises(ValidationError, match="Type the household's name, 'Family'"):
        services.household_delete(household_id=family.household.pk, actor=family.owner, confirm="family")

    services.household_delete(household_id=family.household.pk, actor=family.owner, confirm="Family")

    assert not Household.objects.filter(pk=family.household.pk).exists()
    for member in (family.owner, family.editor):
        member.refresh_from_db()
        personal = Membership.objects.get(user=member, household__name="Personal").household_id
        assert member.default_household_id == personal


def test_delete_leaves_no_default_when_it_was_the_last_household(user):
    personal = Household.objects.get(memberships__user=user)
    services.household_delete(household_id=personal.pk, actor=user, confirm="Personal")
    user.refresh_from_db()
    assert user.default_household_id is None


def test_delete_removes_the_ledger_in_it(family):
    from budget.ledger.models import Category

    Category.objects.create(household=family.household, name="Food", sign="NEGATIVE")
    services.household_delete(household_id=family.household.pk, actor=family.owner, confirm="Family")
    assert not Category.objects.filter(household_id=family.household.pk).exists()


def test_role_change_is_recorded(family):
    membership = services.membership_update(
        household_id=family.household.pk, actor=family.owner, user_id=family.viewer.pk, role=Role.EDITOR
    )
    assert membership.role == Role.EDITOR
    entry = ActivityEntry.objects.get(household=family.household, action="member.role_changed")
    assert (entry.object_id, entry.changes) == (str(family.viewer.pk), {"role": ["VIEWER", "EDITOR"]})


@pytest.mark.parametrize("change", ["demote", "leave"])
def test_the_last_owner_stays(family, change):
    kwargs = {"household_id": family.household.pk, "actor": family.owner, "user_id": family.owner.pk}
    if change == "demote":
        write = functools.partial(services.membership_update, role=Role.EDITOR, **kwargs)
    else:
        write = functools.partial(services.membership_delete, **kwargs)
    with pytest.raises(ValidationError) as exc_info:
        write()
    assert "make another member an owner first" in messages(exc_info).lower()
    assert Membership.objects.get(household=family.household, user=family.owner).role == Role.OWNER


def test_an_owner_may_leave_once_another_owner_exists(family):
    services.membership_update(
        household_id=family.household.pk, actor=family.owner, user_id=family.editor.pk, role=Role.OWNER
    )
    services.membership_delete(household_id=family.household.pk, actor=family.owner, user_id=family.owner.pk)
    assert not Membership.objects.filter(household=family.household, user=family.owner).exists()


def test_the_only_member_is_told_to_delete_instead(user):
    personal = Household.objects.get(memberships__user=user)
    with pytest.raises(ValidationError, match="delete the household instead"):
        services.membership_delete(household_id=personal.pk, actor=user, user_id=user.pk)


@pytest.mark.parametrize(("actor", "action"), [("editor", "member.left"), ("owner", "member.removed")])
def test_leaving_or_removed_gets_another_default(family, actor, action):
    family.editor.default_household = family.household
    family.editor.save(update_fields=["default_household"])
    services.membership_delete(
        household_id=family.household.pk, actor=family.user(actor), user_id=family.editor.pk
    )
    family.editor.refresh_from_db()
    assert family.editor.default_household.name == "Personal"
    assert actions(family.household)[-1] == action


def test_a_missing_member_is_not_found(family):
    with pytest.raises(ObjectDoesNotExist, match=r"Member not found\."):
        services.membership_delete(
            household_id=family.household.pk, actor=family.owner, user_id=family.outsider.pk
        )


def test_invitation_stores_only_a_hash_of_its_token(family):
    invitation, token = services.invitation_create(
        household_id=family.household.pk, actor=family.owner, email=" Dan@Example.COM ", role=Role.VIEWER
    )
    assert invitation.email == "dan@example.com"
    assert token not in invitation.token_hash
    assert invitation.token_hash == services.invitations.token_hash(token)
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)


def test_inviting_again_revokes_the_pending_invitation(family):
    first, first_token = services.invitation_create(
        household_id=family.household.pk, actor=family.owner, email="dan@example.com", role=Role.VIEWER
    )
    services.invitation_create(
        household_id=family.household.pk, actor=family.owner, email="dan@example.com", role=Role.EDITOR
    )
    first.refresh_from_db()
    assert first.revoked_at is not None
    with pytest.raises(ValidationError, match="revoked"):
        services.invitation_accept(user=family.outsider, token=first_token)


def test_inviting_a_member_is_refused(family):
    with pytest.raises(ValidationError, match="already a member"):
        services.invitation_create(
            household_id=family.household.pk, actor=family.owner, email="BOB@example.com", role=Role.VIEWER
        )


def test_accept_joins_with_the_role_and_records_it(family):
    membership = join(family.household, family.outsider, Role.EDITOR, by=family.owner)
    assert (membership.household, membership.role) == (family.household, Role.EDITOR)
    invitation = Invitation.objects.get(household=family.household, email="dan@example.com")
    assert invitation.accepted_by == family.outsider
    assert invitation.accepted_at is not None
    entry = ActivityEntry.objects.filter(household=family.household, action="member.joined").latest("at")
    assert (entry.actor, entry.object_id) == (family.outsider, str(family.outsider.pk))


def _invite(family, **changes):
    invitation, token = services.invitation_create(
        household_id=family.household.pk, actor=family.owner, email="dan@example.com", role=Role.VIEWER
    )
    Invitation.objects.filter(pk=invitation.pk).update(**changes)
    return token


@pytest.mark.parametrize(
    ("changes", "accepter", "message"),
    [
        ({}, "stranger", "sent to another email address"),
        ({"revoked_at": timezone.now()}, "outsider", "was revoked"),
        ({"expires_at": timezone.now() - timedelta(seconds=1)}, "outsider", "expired on"),
        ({"accepted_at": timezone.now()}, "outsider", "already been used"),
    ],
)
def test_accept_refuses_a_token_it_cannot_take(family, make_user, changes, accepter, message):
    token = _invite(family, **changes)
    user = make_user("eve@example.com") if accepter == "stranger" else family.outsider
    with pytest.raises(ValidationError, match=message):
        services.invitation_accept(user=user, token=token)
    assert not Membership.objects.filter(household=family.household, user=user).exists()


def test_accept_twice_is_refused(family):
    token = _invite(family)
    services.invitation_accept(user=family.outsider, token=token)
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(user=family.outsider, token=token)
    assert Membership.objects.filter(household=family.household, user=family.outsider).count() == 1


def test_an_unknown_token_is_not_valid(user):
    with pytest.raises(ValidationError, match=r"This invitation link is not valid\."):
        services.invitation_accept(user=user, token="nope")


def test_revoke_records_and_is_idempotent(family):
    invitation, _ = services.invitation_create(
        household_id=family.household.pk, actor=family.owner, email="dan@example.com", role=Role.VIEWER
    )
    for _ in range(2):
        services.invitation_revoke(
            household_id=family.household.pk, actor=family.owner, invitation_id=invitation.pk
        )
    assert actions(family.household).count("invitation.revoked") == 1


def test_an_accepted_invitation_cannot_be_revoked(family):
    invitation = Invitation.objects.get(household=family.household, email="bob@example.com")
    with pytest.raises(ValidationError, match="remove the member instead"):
        services.invitation_revoke(
            household_id=family.household.pk, actor=family.owner, invitation_id=invitation.pk
        )


def test_a_failed_write_leaves_no_entry(family):
    before = ActivityEntry.objects.count()
    with pytest.raises(ValidationError):
        services.household_update(household_id=family.household.pk, actor=family.owner, name=" ")
    assert ActivityEntry.objects.count() == before


def test_changes_are_stored_as_the_api_shows_them(family):
    from decimal import Decimal

    entry = activity_record(
        household_id=family.household.pk,
        actor=family.owner,
        action="bucket.updated",
        obj_type="bucket",
        obj_id=family.household.pk,
        summary="Changed",
        changes={
            "allocation_percentage": (Decimal("10.50"), Decimal("20.00")),
            "goal": [None, {"date": date(2024, 3, 1)}],
        },
    )
    entry.refresh_from_db()
    assert entry.changes == {
        "allocation_percentage": ["10.50", "20.00"],
        "goal": [None, {"date": "2024-03-01"}],
    }
