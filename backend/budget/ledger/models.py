"""Where money is (locations), what it is for (buckets), what moved (transactions)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from budget.core.dates import MonthOf, YearOf
from budget.core.fields import MoneyField, MoneySumField
from budget.households.models import HouseholdOwned, HouseholdQuerySet

HUNDRED = Decimal("100.00")


class Sign(models.TextChoices):
    POSITIVE = "POSITIVE", "Positive (income)"
    NEGATIVE = "NEGATIVE", "Negative (expense)"
    NEUTRAL = "NEUTRAL", "Neutral (transfer, loan)"


class AllocationStatus(models.TextChoices):
    NOT_SPLIT = "NOT_SPLIT", "Not split"
    PENDING = "PENDING", "Pending"
    ALLOCATED = "ALLOCATED", "Allocated"


class ArchivableQuerySet(HouseholdQuerySet):
    def active(self):
        return self.filter(is_archived=False)


class Archivable(HouseholdOwned):
    name = models.CharField(max_length=100)
    is_archived = models.BooleanField(default=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = [Lower("name"), "created_at"]

    def __str__(self):
        return self.name


def _unique_active_name(model_name: str) -> models.UniqueConstraint:
    # Archived rows keep their names, so "Cash" can be archived and made again.
    return models.UniqueConstraint(
        "household",
        Lower("name"),
        condition=models.Q(is_archived=False),
        name=f"ledger_{model_name}_unique_active_name",
        violation_error_message="You already have one with this name.",
    )


class Location(Archivable):
    class Meta(Archivable.Meta):
        constraints = [_unique_active_name("location")]


class Bucket(Archivable):
    allocation_percentage = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00")), MaxValueValidator(HUNDRED)],
    )
    # A savings goal: the balance to reach, and optionally by when (`goals.py` computes the rest).
    goal_amount = MoneyField(null=True, blank=True)
    goal_date = models.DateField(null=True, blank=True)

    class Meta(Archivable.Meta):
        constraints = [
            _unique_active_name("bucket"),
            models.CheckConstraint(
                condition=models.Q(goal_amount__isnull=True) | models.Q(goal_amount__gt=0),
                name="ledger_bucket_goal_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(allocation_percentage__gte=0, allocation_percentage__lte=100),
                name="ledger_bucket_percentage_0_100",
            ),
        ]


class Category(Archivable):
    sign = models.CharField(max_length=8, choices=Sign.choices)

    class Meta(Archivable.Meta):
        verbose_name_plural = "categories"
        constraints = [_unique_active_name("category")]


class Transfer(HouseholdOwned):
    """Money moved between locations and/or buckets; its two legs are transactions."""

    date = models.DateField()
    description = models.CharField(max_length=255)
    amount = MoneyField()
    from_location = models.ForeignKey(Location, on_delete=models.RESTRICT, related_name="+")
    to_location = models.ForeignKey(Location, on_delete=models.RESTRICT, related_name="+")
    from_bucket = models.ForeignKey(Bucket, on_delete=models.RESTRICT, related_name="+")
    to_bucket = models.ForeignKey(Bucket, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["household", "-date", "-created_at"], name="ledger_transfer_hh_date")]

    def __str__(self):
        return f"{self.date} {self.description} {self.amount}"


class Transaction(HouseholdOwned):
    date = models.DateField()
    description = models.CharField(max_length=255)
    # As entered: > 0 for POSITIVE and NEGATIVE, signed for NEUTRAL.
    amount = MoneyField()
    # The effect on the balance, fixed at write time (a category's sign cannot change once used),
    # so every balance and report is a plain SUM.
    signed_amount = MoneyField(editable=False)
    category = models.ForeignKey(Category, on_delete=models.RESTRICT, related_name="transactions")
    location = models.ForeignKey(Location, on_delete=models.RESTRICT, related_name="transactions")
    bucket = models.ForeignKey(
        Bucket, on_delete=models.RESTRICT, related_name="transactions", null=True, blank=True
    )
    split_income = models.BooleanField(default=False)
    allocation_status = models.CharField(
        max_length=9, choices=AllocationStatus.choices, default=AllocationStatus.NOT_SPLIT
    )
    transfer = models.ForeignKey(
        Transfer, on_delete=models.CASCADE, related_name="legs", null=True, blank=True, editable=False
    )
    # The recurring item that posted it; items are only ever deactivated, so this never changes.
    recurring = models.ForeignKey(
        "recurring.RecurringItem",
        on_delete=models.RESTRICT,
        related_name="transactions",
        null=True,
        blank=True,
        editable=False,
    )
    # Who entered and who last changed it; kept (as null) when that account is deleted.
    created_by = models.ForeignKey(
        "users.User", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    updated_by = models.ForeignKey(
        "users.User", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # 202403 for any day of March 2024, computed by the database: reports group by it through an
    # index instead of computing a month per row (which SQLite would do in Python).
    # The statement line it came from (imports: the bank's FITID, or a key of the CSV line), else null;
    # unique per household and location, so an import committed twice or twice at once adds nothing.
    import_id = models.CharField(max_length=255, null=True, blank=True, editable=False)  # noqa: DJ001
    year_month = models.GeneratedField(
        expression=YearOf("date") * 100 + MonthOf("date"),
        output_field=models.IntegerField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        indexes = [
            # The list's order, to the last key: a page, at any depth by cursor, is one index range.
            models.Index(fields=["household", "-date", "-created_at", "-id"], name="ledger_txn_hh_date_id"),
            # Covering indexes: the reports read only these columns, in this order, so they group
            # while walking the index, without visiting the table or sorting.
            models.Index(
                fields=["household", "year_month", "category", "amount"], name="ledger_txn_hh_month"
            ),
            models.Index(
                fields=["household", "category", "location", "bucket", "split_income", "signed_amount"],
                name="ledger_txn_hh_totals",
            ),
            models.Index(
                fields=["allocation_status", "updated_at"],
                condition=models.Q(allocation_status=AllocationStatus.PENDING),
                name="ledger_txn_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(split_income=True, bucket__isnull=False),
                name="ledger_txn_split_has_no_bucket",
            ),
            models.CheckConstraint(
                condition=models.Q(split_income=True) | models.Q(bucket__isnull=False),
                name="ledger_txn_bucket_unless_split",
            ),
            models.UniqueConstraint(
                fields=["household", "location", "import_id"],
                condition=models.Q(import_id__isnull=False),
                name="ledger_txn_one_per_import_id",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.description} {self.signed_amount}"


class Allocation(HouseholdOwned):
    """One bucket's share of a split income, with the percentage it was split by."""

    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="allocations")
    bucket = models.ForeignKey(Bucket, on_delete=models.RESTRICT, related_name="allocations")
    percentage = models.DecimalField(max_digits=5, decimal_places=2)
    amount = MoneyField()

    class Meta:
        ordering = ["-percentage", "bucket_id"]
        # Covering index for the bucket balances of the current report.
        indexes = [models.Index(fields=["household", "bucket", "amount"], name="ledger_allocation_hh_bucket")]
        constraints = [
            models.UniqueConstraint(fields=["transaction", "bucket"], name="ledger_allocation_one_per_bucket")
        ]

    def __str__(self):
        return f"{self.bucket} {self.percentage}% of {self.transaction_id}: {self.amount}"


class MonthlyTotal(models.Model):
    """What a household's transactions add up to per month, category, location and bucket.

    Kept by the write path in the same database transaction as every change (`totals.py`), so the
    reports read a few thousand of these instead of every transaction. A row (`leg` false) sums
    transactions; a split income has no bucket, and its legs are summed apart (`leg` true: the
    bucket is the leg's, month, category and location the income's). `count` is how many
    transactions or legs are in it; a total whose count drops to zero is deleted.
    """

    id = models.BigAutoField(primary_key=True)
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="+")
    year_month = models.IntegerField()  # 202403
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    bucket = models.ForeignKey(Bucket, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    leg = models.BooleanField(default=False)
    amount = MoneySumField()  # as entered: expenses > 0
    signed_amount = MoneySumField()  # the effect on the balance
    count = models.BigIntegerField()

    class Meta:
        indexes = [
            # Covering, in the order the reports group by: summaries per month and category, then
            # balances per location and bucket.
            models.Index(
                fields=["household", "year_month", "category", "leg", "amount", "count"],
                name="ledger_total_hh_month",
            ),
            models.Index(
                fields=["household", "category", "location", "bucket", "leg", "signed_amount"],
                name="ledger_total_hh_place",
            ),
        ]
        constraints = [
            # Two partial constraints because a NULL bucket (split income) is never equal to
            # another NULL in a unique index, on either engine.
            models.UniqueConstraint(
                fields=["household", "year_month", "category", "location", "bucket", "leg"],
                condition=models.Q(bucket__isnull=False),
                name="ledger_total_one_per_key",
            ),
            models.UniqueConstraint(
                fields=["household", "year_month", "category", "location", "leg"],
                condition=models.Q(bucket__isnull=True),
                name="ledger_total_one_per_split_key",
            ),
            models.CheckConstraint(
                condition=models.Q(leg=False) | models.Q(bucket__isnull=False), name="ledger_total_leg_bucket"
            ),
        ]

    def __str__(self):
        where = f"{self.year_month} {self.category_id} {self.location_id} {self.bucket_id}"
        return f"{where}: {self.signed_amount}"
