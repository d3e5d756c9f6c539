"""Bank statements brought in: the file, its rows as read, and what each row will become."""

from django.conf import settings
from django.db import models

from budget.core.fields import MoneyField
from budget.households.models import HouseholdOwned


class Status(models.TextChoices):
    QUEUED = "QUEUED"
    PARSING = "PARSING"
    READY = "READY"
    COMMITTING = "COMMITTING"
    COMMITTED = "COMMITTED"
    FAILED = "FAILED"


class Format(models.TextChoices):
    CSV = "csv"
    OFX = "ofx"


class Duplicate(models.TextChoices):
    NEW = "NEW"
    DUPLICATE = "DUPLICATE"
    POSSIBLE = "POSSIBLE"


class Import(HouseholdOwned):
    location = models.ForeignKey("ledger.Location", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=3, choices=Format.choices)
    content = models.BinaryField()  # the file as uploaded (at most 5 MB); parsing reads it again if re-run
    mapping = models.JSONField(null=True, blank=True)  # as given, then as detected
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.IntegerField(default=0)
    rows_done = models.IntegerField(default=0)
    error = models.TextField(blank=True)
    counts = models.JSONField(default=dict, blank=True)  # rows, new, duplicate, possible_duplicate, invalid
    created = models.IntegerField(null=True, blank=True)  # transactions the commit made
    committed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["household", "-created_at"], name="imports_import_hh_recent"),
            models.Index(fields=["status", "updated_at"], name="imports_import_status"),
        ]

    def __str__(self):
        return f"{self.filename} ({self.status})"


class ImportRow(models.Model):
    id = models.BigAutoField(primary_key=True)
    statement = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="rows")
    line = models.IntegerField()  # in the file, 1-based, header included (OFX: the transaction's number)
    date = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=255, blank=True)
    amount = MoneyField(null=True, blank=True)  # signed, as in the file: negative leaves the account
    import_id = models.CharField(max_length=255, blank=True)
    category = models.ForeignKey(
        "ledger.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bucket = models.ForeignKey(
        "ledger.Bucket", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    split_income = models.BooleanField(default=False)
    duplicate = models.CharField(max_length=9, choices=Duplicate.choices, default=Duplicate.NEW)
    duplicate_of = models.ForeignKey(
        "ledger.Transaction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    include = models.BooleanField(default=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["line"]
        constraints = [models.UniqueConstraint(fields=["statement", "line"], name="imports_row_one_per_line")]

    def __str__(self):
        return f"{self.line}: {self.date} {self.description} {self.amount}"
