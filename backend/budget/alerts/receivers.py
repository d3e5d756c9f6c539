"""Alerts follow the ledger: after a household's write commits, its check is queued (once)."""

from django.dispatch import receiver

from budget.ledger.writes import ledger_committed

from .services import alerts_check_enqueue


@receiver(ledger_committed, dispatch_uid="alerts-check")
def check_after_commit(sender, owner_id, **kwargs):
    alerts_check_enqueue(household_id=owner_id)
