"""Plans: spending limits (budgets) per NEGATIVE category, whose amounts keep their history."""

import uuid

from django.db import models

from budget.core.fields import MoneyField
from budget.households.models import HouseholdOwned, HouseholdQuerySet
from budget.ledger.models import Category


class Period(models.TextChoices):
    MONTH = "MONTH", "Month"
    QUARTER = "QUARTER", "Quarter"
    YEAR = "YEAR", "Year"


class BudgetStatus(models.TextChoices):
    UNDER = "UNDER", "Under"
    NEAR = "NEAR", "Near (80 % used)"
    OVER = "OVER", "Over"


# A period's length in months.
LENGTH = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}


class BudgetQuerySet(HouseholdQuerySet):
    def active(self):
        return self.filter(is_archived=False)


class Budget(HouseholdOwned):
    """A limit on one category's spending per period. `starts` is the first day of the month that
    begins its first period; quarters and years count from there. Its amounts are `BudgetAmount`s."""

    category = models.ForeignKey(Category, on_delete=models.RESTRICT, related_name="budgets")
    period = models.CharField(max_length=8, choices=Period.choices)
    starts = models.DateField()
    rollover = models.BooleanField(default=False)
    is_archived = models.BooleanField(default=False)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # Archived budgets keep their history; a category has at most one active budget.
            models.UniqueConstraint(
                "category",
                condition=models.Q(is_archived=False),
                name="plans_budget_one_active_per_category",
                violation_error_message="This category already has an active budget.",
            ),
        ]

    def __str__(self):
        return f"{self.category_id} {self.period} from {self.starts:%Y-%m}"


class BudgetAmount(models.Model):
    """The amount in force from `from_month` (the first day of a period's first month) on."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="amounts")
    from_month = models.DateField()
    amount = MoneyField()

    class Meta:
        ordering = ["from_month"]
        constraints = [
            models.UniqueConstraint("budget", "from_month", name="plans_budgetamount_one_per_month"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="plans_budgetamount_positive"),
        ]

    def __str__(self):
        return f"{self.amount} from {self.from_month:%Y-%m}"
