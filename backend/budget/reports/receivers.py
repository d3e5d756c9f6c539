"""Reports follow the ledger: a new version inside every write, a refresh after its commit."""

from django.dispatch import receiver
from django_q.tasks import async_task

from budget.ledger.writes import ledger_changed_in_transaction, ledger_committed

from .services import REFRESH_TASK, ledger_version_change


@receiver(ledger_changed_in_transaction, dispatch_uid="reports-version")
def new_version(sender, owner_id, **kwargs):
    ledger_version_change(household_id=owner_id)


@receiver(ledger_committed, dispatch_uid="reports-refresh")
def refresh_after_commit(sender, owner_id, **kwargs):
    async_task(REFRESH_TASK, str(owner_id))
