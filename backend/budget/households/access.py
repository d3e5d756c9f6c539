"""Whose ledger a request means, and whether the user's role allows what it asks: the one place.

Collection endpoints and reports name a household with `?household=<id>` (else the user's default
household); detail URLs reach rows of any household the user belongs to. A household the user is
not a member of is answered exactly like one that does not exist (404); a member whose role is
too low gets a 403 that names the role needed. Each request makes one membership query.
"""

import uuid

from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from .models import RANK, Household, Membership, Role

NOT_FOUND = "Household not found."


def membership_get(*, user, household_id) -> Membership:
    """The user's membership of that household, with the household; 404 when there is none."""
    membership = (
        Membership.objects.select_related("household").filter(user=user, household_id=household_id).first()
    )
    if membership is None:
        raise NotFound(NOT_FOUND)
    return membership


def role_require(membership: Membership, needed: str) -> None:
    if RANK[membership.role] < RANK[needed]:
        raise PermissionDenied(
            f"This needs the {Role(needed).label.lower()} role (or higher) in '{membership.household.name}'; "
            f"you are a {Role(membership.role).label.lower()} there."
        )


def requested_household_id(request):
    raw = request.query_params.get("household")
    if raw in (None, ""):
        if request.user.default_household_id is None:
            raise ValidationError(
                {"household": ["You belong to no household yet: create one, or name one with ?household=."]}
            )
        return request.user.default_household_id
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise NotFound(NOT_FOUND) from None


def _household_id(request, view):
    """The household a URL names (`/households/{id}/members/`), else the one the query names."""
    kwarg = getattr(view, "household_url_kwarg", None)
    if kwarg:
        return view.kwargs[kwarg]  # a <uuid:...> path converter: already a UUID
    return requested_household_id(request)


def needed_role(request, view) -> str:
    if request.method in SAFE_METHODS:
        return getattr(view, "read_role", Role.VIEWER)
    return getattr(view, "write_role", Role.EDITOR)


class HouseholdRole(BasePermission):
    schema_statuses = ("403", "404")  # the OpenAPI document declares them for every guarded operation

    """Sets `view.household` and `view.membership`: from the query for lists, creates, reports and
    actions; from the row for detail URLs (whose querysets reach every household of the user)."""

    def has_permission(self, request, view):
        if getattr(view, "detail", False):
            return True  # decided on the row, in has_object_permission
        membership = membership_get(user=request.user, household_id=_household_id(request, view))
        role_require(membership, needed_role(request, view))
        view.household, view.membership = membership.household, membership
        return True

    def has_object_permission(self, request, view, obj):
        household_id = obj.pk if isinstance(obj, Household) else obj.household_id
        membership = membership_get(user=request.user, household_id=household_id)
        role_require(membership, needed_role(request, view))
        view.household, view.membership = membership.household, membership
        return True


class HouseholdScoped:
    """For ledger and report views: the permission above, and the selector scope it decided."""

    permission_classes = [IsAuthenticated, HouseholdRole]
    household_scoped = True  # the schema declares ?household=, 403 and 404 for these views
    household: Household | None = None
    membership: Membership | None = None

    def scope(self) -> dict:
        """Selector arguments: the requested household, or every household of the user (detail URLs)."""
        if getattr(self, "detail", False):
            return {"member": self.request.user}
        return {"household": self.household}
