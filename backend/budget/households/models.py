"""Households: shared budgets. Every ledger row belongs to one; members see it within their role."""

import uuid

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    OWNER = "OWNER", "Owner"
    EDITOR = "EDITOR", "Editor"
    VIEWER = "VIEWER", "Viewer"


# What each role may do, lowest first: a role can do everything the roles before it can.
RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.OWNER: 2}


class Household(models.Model):
    """A shared budget. Its row is also the lock every write to its ledger takes first."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "created_at"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint("household", "user", name="households_one_membership_per_user"),
        ]

    def __str__(self):
        return f"{self.user} in {self.household} as {self.role}"


class HouseholdQuerySet(models.QuerySet):
    def for_household(self, household):
        """Every read of a household's ledger starts here."""
        return self.filter(household=household)

    def for_user(self, user):
        """Rows of every household `user` belongs to: a detail URL finds its row through membership."""
        return self.filter(household__memberships__user=user)


class HouseholdOwned(models.Model):
    """A row of one household's ledger."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        abstract = True


class Invitation(models.Model):
    """An invitation by email. Only the token's hash is stored: the link is shown once, to the owner."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)  # lower-cased
    role = models.CharField(max_length=10, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 hex of the token
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} to {self.household} as {self.role}"

    def status(self, now) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "pending"


class ActivityEntry(models.Model):
    """One write to a household, recorded in the write's transaction. Never changed afterwards."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept when the actor's account is gone; empty for writes of the system (tasks).
    actor_email = models.EmailField(max_length=254, blank=True)
    action = models.CharField(max_length=64)  # <object_type>.<verb>
    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255)
    changes = models.JSONField(default=dict, blank=True)  # {field: [before, after]}

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "activity entries"
        indexes = [models.Index(fields=["household", "-at"], name="households_activity_recent")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email or 'system'} {self.action}"
