"""Writes to households and their memberships."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Household, Membership, Role

PERSONAL = "Personal"


@transaction.atomic
def household_create(*, owner, name: str) -> Household:
    """A new household with `owner` as its owner; the owner's default when they have none yet."""
    household = Household.objects.create(name=name)
    Membership.objects.create(household=household, user=owner, role=Role.OWNER)
    if owner.default_household_id is None:
        owner.default_household = household
        owner.save(update_fields=["default_household"])
    return household


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
    alone = [m.household_id for m in memberships if m.household_id not in with_others]
    Household.objects.filter(pk__in=alone).delete()
