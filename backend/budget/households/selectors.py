"""Reads of households, members, invitations and the activity log. Each starts from a membership
or a household the caller has already checked (budget.households.access)."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import ActivityEntry, Household, Invitation, Membership


def _member_count():
    return Coalesce(
        Subquery(
            Membership.objects.filter(household=OuterRef("household_id"))
            .order_by()
            .values("household_id")
            .annotate(count=Count("pk"))
            .values("count")
        ),
        0,
    )


def household_list(*, user):
    """The user's memberships with their household and its member count: one query."""
    return (
        Membership.objects.filter(user=user)
        .select_related("household")
        .annotate(members=_member_count())
        .order_by("household__name", "household__created_at")
    )


def household_get(*, membership: Membership) -> Membership:
    """The same shape as a row of household_list, for one membership."""
    return household_list(user=membership.user_id).get(pk=membership.pk)


def member_list(*, household: Household):
    return Membership.objects.filter(household=household).select_related("user").order_by("joined_at", "pk")


def invitation_list(*, household: Household):
    return Invitation.objects.filter(household=household).select_related("created_by").order_by("-created_at")


def activity_list(*, household: Household):
    return ActivityEntry.objects.filter(household=household).select_related("actor").order_by("-at", "-id")
