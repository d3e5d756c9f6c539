"""Stored monthly totals: kept by every write in its own transaction, recomputed to check them.

A write counts what it changes (`Deltas.row`, `Deltas.legs`: +1 for what it adds, -1 for what it
removes, both for what it moves) and `ledger_changed` writes the sum of it last, under the ledger
lock the write took first: concurrent writers of a household queue on that lock, so no increment
is lost. `differences` compares the stored totals with a recomputation from the rows (invariant 8);
`apply` writes a set of changes, used by both the write path and the repair.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from budget.core.fields import MoneySumField

from .models import Allocation, MonthlyTotal, Transaction

ZERO = Decimal("0.00")
# (household id, yyyymm, category id, location id, bucket id or None, leg)
Key = tuple
FIELDS = ("amount", "signed_amount", "count")


def year_month(date) -> int:
    return date.year * 100 + date.month


def _sum(field: str) -> Sum:
    return Sum(field, output_field=MoneySumField())


class Deltas:
    """What one write changes in the totals, summed per key until it is applied."""

    def __init__(self):
        self.pending: dict[Key, list] = {}

    def _add(self, key: Key, amount: Decimal, signed_amount: Decimal, count: int) -> None:
        total = self.pending.setdefault(key, [ZERO, ZERO, 0])
        total[0] += amount
        total[1] += signed_amount
        total[2] += count

    def row(self, txn: Transaction, factor: int = 1) -> None:
        """A transaction as it is now (+1 once written, -1 before it changes or goes)."""
        key = (txn.household_id, year_month(txn.date), txn.category_id, txn.location_id, txn.bucket_id, False)
        self._add(key, txn.amount * factor, txn.signed_amount * factor, factor)

    def legs(self, txn: Transaction, legs, factor: int = 1) -> None:
        """A split income's legs, under the income's month, category and location."""
        month = year_month(txn.date)
        for leg in legs:
            key = (txn.household_id, month, txn.category_id, txn.location_id, leg.bucket_id, True)
            self._add(key, leg.amount * factor, leg.amount * factor, factor)

    def snapshot(self) -> dict:
        return {key: list(total) for key, total in self.pending.items()}

    def restore(self, snapshot: dict) -> None:
        self.pending = snapshot

    def flush(self) -> int:
        """Write what is pending (under the caller's ledger lock); returns the totals written."""
        changes = {key: total for key, total in self.pending.items() if any(total)}
        self.pending = {}
        return apply(changes)


def _key(total: MonthlyTotal) -> Key:
    return (
        total.household_id,
        total.year_month,
        total.category_id,
        total.location_id,
        total.bucket_id,
        total.leg,
    )


def apply(changes: dict[Key, list]) -> int:
    """Add `changes` ({key: [amount, signed_amount, count]}) to the stored totals: one read and at
    most three writes, whatever their number."""
    if not changes:
        return 0
    households = {key[0] for key in changes}
    stored = {
        _key(total): total
        for total in MonthlyTotal.objects.filter(
            household_id__in=households,
            year_month__in={key[1] for key in changes},
            category_id__in={key[2] for key in changes},
            location_id__in={key[3] for key in changes},
        )
    }
    created, updated, emptied = [], [], []
    for key, (amount, signed_amount, count) in changes.items():
        total = stored.get(key)
        if total is None:
            household_id, month, category_id, location_id, bucket_id, leg = key
            created.append(
                MonthlyTotal(
                    household_id=household_id,
                    year_month=month,
                    category_id=category_id,
                    location_id=location_id,
                    bucket_id=bucket_id,
                    leg=leg,
                    amount=amount,
                    signed_amount=signed_amount,
                    count=count,
                )
            )
            continue
        total.amount += amount
        total.signed_amount += signed_amount
        total.count += count
        if total.count == 0 and not total.amount and not total.signed_amount:
            emptied.append(total.pk)
        else:
            updated.append(total)
    MonthlyTotal.objects.bulk_create(created)
    MonthlyTotal.objects.bulk_update(updated, FIELDS)
    if emptied:
        MonthlyTotal.objects.filter(pk__in=emptied).delete()
    return len(created) + len(updated) + len(emptied)


def recompute(household_id) -> dict[Key, list]:
    """The totals as the rows say they are: two grouped queries over every transaction and leg."""
    computed: dict[Key, list] = {}
    rows = (
        Transaction.objects.filter(household_id=household_id)
        .order_by()
        .values_list("year_month", "category_id", "location_id", "bucket_id")
        .annotate(amount=_sum("amount"), signed_amount=_sum("signed_amount"), count=Count("pk"))
    )
    for month, category_id, location_id, bucket_id, amount, signed_amount, count in rows:
        computed[(household_id, month, category_id, location_id, bucket_id, False)] = [
            amount,
            signed_amount,
            count,
        ]
    legs = (
        Allocation.objects.filter(household_id=household_id)
        .order_by()
        .values_list(
            "transaction__year_month", "transaction__category_id", "transaction__location_id", "bucket_id"
        )
        .annotate(amount=_sum("amount"), count=Count("pk"))
    )
    for month, category_id, location_id, bucket_id, amount, count in legs:
        computed[(household_id, month, category_id, location_id, bucket_id, True)] = [amount, amount, count]
    return computed


def stored(household_id) -> dict[Key, list]:
    return {
        _key(total): [total.amount, total.signed_amount, total.count]
        for total in MonthlyTotal.objects.filter(household_id=household_id)
    }


def differences(household_id) -> dict[Key, list]:
    """{key: [stored, computed]} for every key where the two disagree (None where one has no total)."""
    have, want = stored(household_id), recompute(household_id)
    keys = have.keys() | want.keys()
    return {key: [have.get(key), want.get(key)] for key in keys if have.get(key) != want.get(key)}


def corrections(found: dict[Key, list]) -> dict[Key, list]:
    """The changes that turn the stored totals into the computed ones."""
    fixes: dict[Key, list] = defaultdict(lambda: [ZERO, ZERO, 0])
    for key, (have, want) in found.items():
        have, want = have or [ZERO, ZERO, 0], want or [ZERO, ZERO, 0]
        fixes[key] = [w - h for h, w in zip(have, want, strict=True)]
    return dict(fixes)
