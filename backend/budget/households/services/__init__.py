"""Writes to households, their memberships and invitations."""

from .households import (
    PERSONAL,
    household_create,
    household_delete,
    household_lock,
    household_update,
    households_leave_all,
    membership_delete,
    membership_update,
)
from .invitations import invitation_accept, invitation_create, invitation_link, invitation_revoke

__all__ = [
    "PERSONAL",
    "household_create",
    "household_delete",
    "household_lock",
    "household_update",
    "households_leave_all",
    "invitation_accept",
    "invitation_create",
    "invitation_link",
    "invitation_revoke",
    "membership_delete",
    "membership_update",
]
