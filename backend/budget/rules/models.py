"""Rules: conditions on an incoming transaction, and what to propose for it when they all hold."""

from django.db import models

from budget.core.fields import MoneyField
from budget.households.models import HouseholdOwned


class Direction(models.TextChoices):
    IN = "IN", "Money in"
    OUT = "OUT", "Money out"


class Rule(HouseholdOwned):
    name = models.CharField(max_length=100)
    priority = models.IntegerField(default=100)  # lower first
    is_active = models.BooleanField(default=True)
    # Conditions (every one set must hold; at least one is set).
    description_contains = models.CharField(max_length=255, blank=True)
    amount_min = MoneyField(null=True, blank=True)  # on the amount's size, either direction
    amount_max = MoneyField(null=True, blank=True)
    location = models.ForeignKey(
        "ledger.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices, blank=True)
    # Actions (at least one is set).
    category = models.ForeignKey(
        "ledger.Category", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    bucket = models.ForeignKey(
        "ledger.Bucket", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    split_income = models.BooleanField(null=True, blank=True)
    description = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["priority", "created_at", "id"]
        indexes = [models.Index(fields=["household", "priority"], name="rules_rule_hh_priority")]

    def __str__(self):
        return self.name
