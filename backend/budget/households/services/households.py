"""Writes to households and their memberships.

Each write runs in one transaction that first locks the household row (the ledger's lock, see
DESIGN.md "Concurrency"), re-reads under it what it checks, and records its activity entry
before it commits. Refusals are ValidationError (400) with a message that says what to do.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from budget.core.db import retrying

from ..activity import activity_record
from ..models import Household, Membership, Role

PERSONAL = "Personal"
MEMBER_NOT_FOUND = "Member not found."


def household_lock(household_id) -> Household:
    """Lock the household row (FOR NO KEY UPDATE, as every ledger write does first) and return it."""
    household = Household.objects.select_for_update(no_key=True).filter(pk=household_id).first()
    if household is None:
        raise ObjectDoesNotExist("Household not found.")
    return household


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ["Give the household a name."]})
    if len(name) > Household._meta.get_field("name").max_length:
        raise ValidationError({"name": ["Use at most 100 characters."]})
    return name


@transaction.atomic
def household_create(*, owner, name: str) -> Household:
    """A new household with `owner` as its owner; the owner's default when they have none yet."""
    household = Household.objects.create(name=_clean_name(name))
    Membership.objects.create(household=household, user=owner, role=Role.OWNER)
    if owner.default_household_id is None:
        owner.default_household = household
        owner.save(update_fields=["default_household"])
    activity_record(
        household_id=household.pk,
        actor=owner,
        action="household.created",
        obj_id=household.pk,
        summary=f"Created the household '{household.name}'",
        changes={"name": [None, household.name]},
    )
    return household


@retrying
@transaction.atomic
def household_update(*, household_id, actor, name: str) -> Household:
    household = household_lock(household_id)
    name = _clean_name(name)
    if name != household.name:
        before, household.name = household.name, name
        household.save(update_fields=["name", "updated_at"])
        activity_record(
            household_id=household.pk,
            actor=actor,
            action="household.updated",
            obj_id=household.pk,
            summary=f"Renamed the household '{before}' to '{name}'",
            changes={"name": [before, name]},
        )
    return household


def _default_elsewhere(user_ids, *, leaving_id) -> None:
    """Users whose default household was `leaving_id` get their earliest other household, or none."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for user in User.objects.filter(pk__in=user_ids, default_household_id=leaving_id):
        other = (
            Membership.objects.filter(user=user)
            .exclude(household_id=leaving_id)
            .order_by("joined_at")
            .values_list("household_id", flat=True)
            .first()
        )
        user.default_household_id = other
        user.save(update_fields=["default_household"])


@retrying
@transaction.atomic
def household_delete(*, household_id, actor, confirm: str) -> None:
    """Delete the household and everything in it; `confirm` must be its name."""
    household = household_lock(household_id)
    if (confirm or "").strip() != household.name:
        raise ValidationError(
            {
                "confirm": [
                    f"Type the household's name, '{household.name}', to confirm deleting it and all its data."
                ]
            }
        )
    # The entry goes with the household (its log is part of what is deleted); it is written so the
    # rule "every write records one entry" has no exception a subscriber could trip over.
    activity_record(
        household_id=household.pk,
        actor=actor,
        action="household.deleted",
        obj_id=household.pk,
        summary=f"Deleted the household '{household.name}'",
        changes={"name": [household.name, None]},
    )
    members = list(Membership.objects.filter(household=household).values_list("user_id", flat=True))
    _default_elsewhere(members, leaving_id=household.pk)
    household.delete()


def _membership_locked(household_id, user_id) -> tuple[Household, Membership]:
    household = household_lock(household_id)
    membership = (
        Membership.objects.select_related("user").filter(household=household, user_id=user_id).first()
    )
    if membership is None:
        raise ObjectDoesNotExist(MEMBER_NOT_FOUND)
    return household, membership


def _other_owners(membership: Membership) -> bool:
    return (
        Membership.objects.filter(household_id=membership.household_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


@retrying
@transaction.atomic
def membership_update(*, household_id, actor, user_id, role: str) -> Membership:
    """Change a member's role; the last owner cannot be demoted."""
    household, membership = _membership_locked(household_id, user_id)
    if role not in Role.values:
        raise ValidationError({"role": [f"Use one of {', '.join(Role.values)}."]})
    if role == membership.role:
        return membership
    if membership.role == Role.OWNER and not _other_owners(membership):
        raise ValidationError(
            {
                "role": [
                    "A household always keeps an owner: make another member an owner first, "
                    "then change this role."
                ]
            }
        )
    before, membership.role = membership.role, role
    membership.save(update_fields=["role"])
    activity_record(
        household_id=household.pk,
        actor=actor,
        action="member.role_changed",
        obj_id=membership.user_id,
        summary=f"Changed {membership.user.email}'s role from {Role(before).label} to {Role(role).label}",
        changes={"role": [before, role]},
    )
    return membership


@retrying
@transaction.atomic
def membership_delete(*, household_id, actor, user_id) -> None:
    """Remove a member (an owner does this), or leave (the member themself). The last owner stays."""
    household, membership = _membership_locked(household_id, user_id)
    leaving = membership.user_id == actor.pk
    if membership.role == Role.OWNER and not _other_owners(membership):
        alone = not Membership.objects.filter(household=household).exclude(pk=membership.pk).exists()
        if alone:
            hint = "You are its only member: delete the household instead."
        else:
            hint = "Make another member an owner first" + (", then leave." if leaving else ".")
        raise ValidationError({"detail": [f"A household always keeps an owner. {hint}"]})
    email = membership.user.email
    membership.delete()
    _default_elsewhere([membership.user_id], leaving_id=household.pk)
    activity_record(
        household_id=household.pk,
        actor=actor,
        action="member.left" if leaving else "member.removed",
        obj_id=membership.user_id,
        summary=f"{email} left the household" if leaving else f"Removed {email} from the household",
        changes={"role": [membership.role, None]},
    )


def households_leave_all(*, user) -> None:
    """Before an account is deleted: its households alone go with it; a shared household it is the
    only owner of must be handed over (or deleted) first."""
    memberships = list(Membership.objects.filter(user=user).select_related("household"))
    others = {
        (row["household_id"], row["role"])
        for row in Membership.objects.filter(household__in=[m.household_id for m in memberships])
        .exclude(user=user)
        .values("household_id", "role")
    }
    with_others = {household_id for household_id, _ in others}
    with_owner = {household_id for household_id, role in others if role == Role.OWNER}
    stranded = sorted(
        m.household.name
        for m in memberships
        if m.role == Role.OWNER and m.household_id in with_others and m.household_id not in with_owner
    )
    if stranded:
        raise ValidationError(
            f"You are the only owner of {', '.join(repr(name) for name in stranded)}, shared with others. "
            "Make another member an owner, or delete the household, before deleting your account."
        )
    for membership in memberships:
        if membership.household_id in with_others:
            activity_record(
                household_id=membership.household_id,
                actor=user,
                action="member.left",
                obj_id=user.pk,
                summary=f"{user.email} deleted their account and left the household",
                changes={"role": [membership.role, None]},
            )
    alone = [m.household_id for m in memberships if m.household_id not in with_others]
    Household.objects.filter(pk__in=alone).delete()
