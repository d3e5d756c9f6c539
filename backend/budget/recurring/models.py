"""Recurring items (rent, salary, a monthly transfer to savings) and the dates already handled."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from budget.households.models import HouseholdOwned, HouseholdQuerySet


class Kind(models.TextChoices):
    TRANSACTION = "TRANSACTION", "Transaction"
    TRANSFER = "TRANSFER", "Transfer"


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"
    YEARLY = "YEARLY", "Yearly"


class RecurringQuerySet(HouseholdQuerySet):
    def current(self):
        """Not deleted: a deleted item only stays for the transactions it posted to point at."""
        return self.filter(deleted_at__isnull=True)


class RecurringItem(HouseholdOwned):
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=11, choices=Kind.choices)
    # The body of POST /api/transactions/ or /api/transfers/ without its date, as the API shows it
    # (ids and amounts as strings); checked by the same serializer and service on every post.
    template = models.JSONField()
    frequency = models.CharField(max_length=7, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(99)])
    day = models.SmallIntegerField(null=True, blank=True)  # MONTHLY: 1-31, or -1 for the last day
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    auto_post = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    # Dates before this one are not occurrences any more: a changed schedule starts after the last
    # date the old one handled, so it never posts a month twice under another day.
    resume_date = models.DateField()
    next_date = models.DateField(null=True, blank=True)  # the first date not handled yet; null: none left
    last_posted = models.DateField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        "users.User", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RecurringQuerySet.as_manager()

    class Meta:
        ordering = ["next_date", "name", "created_at"]
        indexes = [
            models.Index(
                fields=["next_date"],
                condition=models.Q(is_active=True, auto_post=True, deleted_at__isnull=True),
                name="recurring_item_due",
            ),
        ]

    def __str__(self):
        return self.name


class OccurrenceStatus(models.TextChoices):
    POSTED = "POSTED", "Posted"
    SKIPPED = "SKIPPED", "Skipped"


class Occurrence(HouseholdOwned):
    """A date of an item that was posted or skipped: at most one per item and date, whoever tries."""

    item = models.ForeignKey(RecurringItem, on_delete=models.CASCADE, related_name="occurrences")
    date = models.DateField()
    status = models.CharField(max_length=7, choices=OccurrenceStatus.choices)
    transaction = models.ForeignKey(
        "ledger.Transaction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    transfer = models.ForeignKey(
        "ledger.Transfer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["item", "date"], name="recurring_one_per_item_date")]

    def __str__(self):
        return f"{self.item_id} {self.date} {self.status}"
