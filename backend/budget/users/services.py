"""Writes to user accounts. They raise ValidationError with a message a person can act on."""

from django.contrib.auth import password_validation
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from .models import NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, User, default_notifications, normalize_email
from .signals import user_created, user_deleting

EMAIL_TAKEN = "An account with this email address already exists."


def _check_email_free(email: str, *, exclude: User | None = None) -> None:
    others = User.objects.filter(email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError({"email": [EMAIL_TAKEN]})


def _set_valid_password(user: User, password: str, *, field: str) -> None:
    """Set the password if Django's validators accept it; their messages go under `field`."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    user.set_password(password)


def _save_user(user: User) -> None:
    """Save, turning a lost race on the unique email into the same 400 as the check."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise ValidationError({"email": [EMAIL_TAKEN]}) from exc


@transaction.atomic
def user_create(*, email: str, password: str, full_name: str = "", currency: str = "EUR") -> User:
    email = normalize_email(email)
    _check_email_free(email)
    user = User(email=email, full_name=full_name, currency=currency.strip().upper())
    _set_valid_password(user, password, field="password")
    user.full_clean(exclude=["password"])
    _save_user(user)
    user_created.send(sender=User, user=user)
    return user


def _notifications(user: User, changes: dict) -> dict:
    wrong = {
        kind: [f"Choose one of: {', '.join(NOTIFICATION_CHANNELS)}."]
        for kind, channel in changes.items()
        if kind not in NOTIFICATION_KINDS or channel not in NOTIFICATION_CHANNELS
    }
    if wrong:
        raise ValidationError({"notifications": wrong})
    return {**default_notifications(), **(user.notifications or {}), **changes}


@transaction.atomic
def user_update(*, user: User, **fields) -> User:
    """Change the profile fields given (email, full_name, currency, default_household); others stay."""
    allowed = {"email", "full_name", "currency", "default_household", "notifications"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({name: ["This field cannot be changed here."] for name in sorted(unknown)})
    if "email" in fields:
        fields["email"] = normalize_email(fields["email"])
        _check_email_free(fields["email"], exclude=user)
    if "currency" in fields:
        fields["currency"] = fields["currency"].strip().upper()
    if "default_household" in fields:
        household_id = fields.pop("default_household")
        if not user.memberships.filter(household_id=household_id).exists():
            raise ObjectDoesNotExist("Household not found.")  # not a member: as if it did not exist
        user.default_household_id = household_id
    if "notifications" in fields:  # the kinds given change, the others keep theirs
        fields["notifications"] = _notifications(user, fields["notifications"])
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    _save_user(user)
    return user


def user_revoke_tokens(*, user: User) -> None:
    """Blacklist every refresh token the user holds: all their sessions end at the next refresh."""
    outstanding = OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )


@transaction.atomic
def refresh_token_spend(*, token: RefreshToken) -> None:
    """Blacklist a refresh token exactly once; TokenError if it already was.

    SimpleJWT's own blacklist() is a get_or_create, so requests sending one token at once could all
    pass its check and each rotate it. Here they queue on the token's row and re-read the blacklist
    under the lock: the first one spends the token, the others find it spent. The caller's work (a new
    pair) belongs in the same transaction, so a failure after this point leaves the token unspent.
    """
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=token[jwt_settings.JTI_CLAIM],
        defaults={
            "user_id": token.get(jwt_settings.USER_ID_CLAIM),
            "created_at": token.current_time,
            "token": str(token),
            "expires_at": datetime_from_epoch(token["exp"]),
        },
    )
    # FOR NO KEY UPDATE: spenders of this token wait for each other, foreign-key checks do not.
    OutstandingToken.objects.select_for_update(no_key=True).get(pk=outstanding.pk)
    # get_or_create, not create: a password change blacklisting every token (user_revoke_tokens) does
    # not take this lock, and losing the unique index to it must be "blacklisted", not an IntegrityError.
    _, spent_now = BlacklistedToken.objects.get_or_create(token=outstanding)
    if not spent_now:
        raise TokenError("Token is blacklisted")


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str) -> User:
    """Change the password and end every session; access tokens carry a password hash, so they stop too."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": ["The current password is not correct."]})
    _set_valid_password(user, new_password, field="new_password")
    user.save(update_fields=["password"])
    user_revoke_tokens(user=user)
    return user


@transaction.atomic
@transaction.atomic
def user_delete(*, user: User, password: str) -> None:
    """Delete the account and what only it had (its households alone; see user_deleting)."""
    if not user.check_password(password):
        raise ValidationError({"password": ["The password is not correct."]})
    user_deleting.send(sender=User, user=user)
    user_revoke_tokens(user=user)
    user.delete()
