"""The allocation of split income: the legs a task writes after the income commits, and the sweep
that re-enqueues incomes whose task was lost."""

import datetime
import logging

from django.utils import timezone
from django_q.tasks import async_task

from ..allocation import split_amount
from ..models import Allocation, AllocationStatus, Bucket, Transaction
from ..writes import ledger_changed, ledger_counts, ledger_lock, ledger_write
from .transactions import ALLOCATE_TASK

logger = logging.getLogger(__name__)


@ledger_write
def income_allocate(*, transaction_id) -> str:
    """Write the legs of a split income and mark it ALLOCATED. Running it again changes nothing.

    The first split uses the user's active buckets; later ones reuse the percentages stored on the
    legs, so changing a bucket's percentage never rewrites history. Only the income's status is
    written, never its other fields.
    """
    household_id = (
        Transaction.objects.filter(pk=transaction_id).values_list("household_id", flat=True).first()
    )
    if household_id is None:
        return "nothing to allocate"
    ledger_lock(household_id)
    txn = Transaction.objects.filter(pk=transaction_id).first()  # as it is now, under the lock
    if txn is None or not txn.split_income:
        return "nothing to allocate"
    legs = {leg.bucket_id: leg for leg in txn.allocations.all()}
    if legs:
        weights = sorted(((leg.bucket_id, leg.percentage) for leg in legs.values()), key=_by_share)
    else:
        buckets = Bucket.objects.for_household(household_id).active().filter(allocation_percentage__gt=0)
        weights = sorted(((b.pk, b.allocation_percentage) for b in buckets), key=_by_share)
    if not weights:
        logger.warning("Split income %s has no bucket to go to; it stays pending", txn.pk)
        return "no buckets"

    parts = split_amount(txn.amount, [percentage for _, percentage in weights])
    missing, changed = [], []
    for (bucket_id, percentage), part in zip(weights, parts, strict=True):
        leg = legs.get(bucket_id)
        if leg is None:
            missing.append(
                Allocation(
                    household_id=household_id,
                    transaction=txn,
                    bucket_id=bucket_id,
                    percentage=percentage,
                    amount=part,
                )
            )
        elif leg.amount != part:
            ledger_counts().legs(txn, [leg], -1)
            leg.amount, leg.updated_at = part, timezone.now()  # bulk_update skips auto_now
            changed.append(leg)
    Allocation.objects.bulk_create(missing)
    Allocation.objects.bulk_update(changed, ["amount", "updated_at"])
    ledger_counts().legs(txn, [*missing, *changed])
    status = txn.allocation_status
    if status != AllocationStatus.ALLOCATED:
        Transaction.objects.filter(pk=txn.pk).update(allocation_status=AllocationStatus.ALLOCATED)
    if missing or changed or status != AllocationStatus.ALLOCATED:
        ledger_changed(
            household_id,
            actor=None,
            action="transaction.allocated",
            obj_id=txn.pk,
            summary=f"Split '{txn.description}' over {len(parts)} bucket{'s' if len(parts) != 1 else ''}",
            changes={"allocation_status": [status, AllocationStatus.ALLOCATED]},
        )
    return "allocated"


def _by_share(weight):
    bucket_id, percentage = weight
    return (-percentage, str(bucket_id))


def incomes_requeue_pending(*, older_than: datetime.timedelta) -> int:
    """Enqueue allocation again for split incomes pending longer than `older_than` (a lost task heals)."""
    cutoff = timezone.now() - older_than
    ids = list(
        Transaction.objects.filter(allocation_status=AllocationStatus.PENDING, updated_at__lt=cutoff)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:1000]
    )
    for txn_id in ids:
        async_task(ALLOCATE_TASK, str(txn_id))
    if ids:
        logger.info("Re-enqueued allocation of %d pending split incomes", len(ids))
    return len(ids)
