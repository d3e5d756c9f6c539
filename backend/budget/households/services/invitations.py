"""Invitations: a single-use link, bound to an email, valid for a week, revocable.

Only a hash of the token is stored; the token itself is shown once, to the owner who invites,
and mailed to the invited address after the commit.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from budget.core.db import retrying
from budget.users.models import normalize_email

from ..activity import activity_record
from ..models import Invitation, Membership, Role
from .households import household_lock

logger = logging.getLogger(__name__)

NOT_VALID = "This invitation link is not valid."
INVITATION_NOT_FOUND = "Invitation not found."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token: str) -> str:
    return f"{settings.FRONTEND_URL}/household?invitation={token}"


def _mail(*, invitation: Invitation, household_name: str, inviter, token: str):
    """After the commit: send the mail. A mail server that fails does not undo the invitation
    (the owner sees the link to copy), so the failure is logged, not raised."""

    def send():
        who = inviter.full_name or inviter.email
        days = settings.INVITATION_DAYS
        try:
            send_mail(
                # A header is one line: a name with a line break (the fuzzer sent one) is folded.
                subject=" ".join(f"{who} invites you to the budget '{household_name}'".split()),
                message=(
                    f"{who} invites you to share the budget '{household_name}' as "
                    f"{Role(invitation.role).label.lower()}.\n\n"
                    f"Open this link to accept (valid for {days} days, once):\n{invitation_link(token)}\n\n"
                    f"Sign in, or sign up, with this address ({invitation.email}) to accept it.\n"
                    "If you did not expect this mail, ignore it."
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[invitation.email],
            )
        except Exception:  # any mail failure: the owner still has the link
            logger.exception("The invitation mail %s could not be sent", invitation.pk)

    return send


@retrying
@transaction.atomic
def invitation_create(*, household_id, actor, email: str, role: str) -> tuple[Invitation, str]:
    """A new invitation and its token (shown once). A pending invitation to the same address is
    revoked: owners invite again when a mail got lost, and only the newest link works then."""
    household = household_lock(household_id)
    email = normalize_email(email)
    if role not in Role.values:
        raise ValidationError({"role": [f"Use one of {', '.join(Role.values)}."]})
    if Membership.objects.filter(household=household, user__email__iexact=email).exists():
        raise ValidationError({"email": [f"{email} is already a member of '{household.name}'."]})
    now = timezone.now()
    Invitation.objects.filter(
        household=household, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        household=household,
        email=email,
        role=role,
        token_hash=token_hash(token),
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        created_by=actor,
    )
    activity_record(
        household_id=household.pk,
        actor=actor,
        action="invitation.created",
        obj_id=invitation.pk,
        summary=f"Invited {email} as {Role(role).label.lower()}",
        changes={"email": [None, email], "role": [None, role]},
    )
    transaction.on_commit(
        _mail(invitation=invitation, household_name=household.name, inviter=actor, token=token)
    )
    return invitation, token


@retrying
@transaction.atomic
def invitation_revoke(*, household_id, actor, invitation_id) -> Invitation:
    household = household_lock(household_id)
    invitation = Invitation.objects.filter(household=household, pk=invitation_id).first()
    if invitation is None:
        raise ObjectDoesNotExist(INVITATION_NOT_FOUND)
    if invitation.accepted_at:
        raise ValidationError(
            {"detail": ["This invitation was already accepted: remove the member instead."]}
        )
    if invitation.revoked_at:
        return invitation  # revoking twice changes nothing
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    activity_record(
        household_id=household.pk,
        actor=actor,
        action="invitation.revoked",
        obj_id=invitation.pk,
        summary=f"Revoked the invitation of {invitation.email}",
        changes={"revoked_at": [None, invitation.revoked_at]},
    )
    return invitation


@retrying
@transaction.atomic
def invitation_accept(*, user, token: str) -> Membership:
    """Join the household the token invites to. Single use even when sent twice at once: the
    household's lock serializes accepts, and the invitation is re-read under it."""
    digest = token_hash(token or "")
    found = Invitation.objects.filter(token_hash=digest).values_list("household_id", flat=True).first()
    if found is None:
        raise ValidationError({"token": [NOT_VALID]})
    try:
        household = household_lock(found)
        invitation = Invitation.objects.select_for_update().get(token_hash=digest)
    except ObjectDoesNotExist:  # the household was deleted meanwhile, its invitations with it
        raise ValidationError({"token": [NOT_VALID]}) from None
    if invitation.revoked_at:
        raise ValidationError(
            {"token": ["This invitation was revoked; ask the household's owner for a new one."]}
        )
    if invitation.accepted_at:
        raise ValidationError(
            {"token": ["This invitation has already been used; ask the owner for a new one."]}
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            {
                "token": [
                    f"This invitation expired on {invitation.expires_at:%Y-%m-%d}; "
                    "ask the owner for a new one."
                ]
            }
        )
    if normalize_email(user.email) != invitation.email:
        raise ValidationError(
            {
                "token": [
                    "This invitation was sent to another email address: "
                    "sign in with that address to accept it."
                ]
            }
        )
    if Membership.objects.filter(household=household, user=user).exists():
        raise ValidationError({"token": [f"You are already a member of '{household.name}'."]})
    now = timezone.now()
    membership = Membership.objects.create(household=household, user=user, role=invitation.role)
    invitation.accepted_at, invitation.accepted_by = now, user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if user.default_household_id is None:
        user.default_household = household
        user.save(update_fields=["default_household"])
    activity_record(
        household_id=household.pk,
        actor=user,
        action="member.joined",
        obj_id=user.pk,
        summary=f"{user.email} joined as {Role(invitation.role).label.lower()}",
        changes={"role": [None, invitation.role]},
    )
    membership.household = household
    return membership
