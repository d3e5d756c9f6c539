"""Alerts (what happened in a household, once) and the notifications they send its members."""

import uuid

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    BUDGET_NEAR = "budget.near", "A budget is 80 % used"
    BUDGET_OVER = "budget.over", "A budget is overspent"
    GOAL_REACHED = "goal.reached", "A goal is reached"
    BALANCE_NEGATIVE = "balance.negative", "A balance is below zero"


class SubjectType(models.TextChoices):
    BUDGET = "budget", "Budget"
    BUCKET = "bucket", "Bucket"
    LOCATION = "location", "Location"


class MailStatus(models.TextChoices):
    NONE = "", "Not mailed"
    PENDING = "PENDING", "To be mailed"
    SENT = "SENT", "Mailed"
    FAILED = "FAILED", "Could not be mailed"


class Alert(models.Model):
    """Something a household's members are told about: at most one per kind, subject and period.

    `period` says which occurrence: the budget period's first month ("2024-04"), the goal amount
    ("1500.00"), or the number of the time a balance went below zero ("3"); such an episode is open
    until `resolved_at`, when the balance is back at zero or above.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject_type = models.CharField(max_length=10, choices=SubjectType.choices)
    subject_id = models.UUIDField()
    period = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "kind", "subject_id", "period"], name="alerts_alert_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["household", "kind", "subject_id"], name="alerts_alert_subject")]

    def __str__(self):
        return f"{self.kind} {self.subject_type} {self.subject_id} {self.period}"


class Notification(models.Model):
    """An alert as one member sees it (and, with the preference "email", is mailed it)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    mail_status = models.CharField(
        max_length=7, choices=MailStatus.choices, default=MailStatus.NONE, blank=True
    )
    mail_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "user"], name="alerts_notification_once_per_user")
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="alerts_notification_user"),
            models.Index(
                fields=["mail_status", "created_at"],
                condition=models.Q(mail_status="PENDING"),
                name="alerts_notification_to_mail",
            ),
        ]

    def __str__(self):
        return f"{self.alert} for {self.user_id}"
