from django.db import models

from budget.core.fields import MoneyField
from budget.core.models import OwnedModel


class Purse(OwnedModel):
    label = models.CharField(max_length=50, blank=True)
    amount = MoneyField()
    limit = MoneyField(null=True, blank=True)
