"""The one thing reports store in the database: which state of a ledger the cached reports describe."""

from django.db import models

from budget.households.models import Household


class LedgerVersion(models.Model):
    """Changes in the same database transaction as every write to a household's ledger.

    Report cache keys carry it, so a committed write makes every cached report of that household
    unreachable at once. It is a random number rather than a counter: a write that rolls back
    leaves no version behind that a later write could reuse with different data.
    """

    household = models.OneToOneField(Household, on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.BigIntegerField()

    def __str__(self):
        return f"{self.household_id}: {self.version}"
