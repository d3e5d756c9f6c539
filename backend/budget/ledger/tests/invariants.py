"""DESIGN.md's ledger invariants, checked on the database rows of one user's households."""

from decimal import Decimal

from django.db.models import Q, Sum

from budget.households.models import Household
from budget.ledger import totals
from budget.ledger.models import Allocation, AllocationStatus, Bucket, Sign, Transaction
from budget.ledger.selectors import bucket_list, location_list
from budget.ledger.tests.helpers import unallocated_total


def check_invariants(user) -> None:
    rows = Transaction.objects.for_user(user)
    net = rows.aggregate(total=Sum("signed_amount"))["total"] or Decimal(0)
    by_sign = {
        sign: rows.filter(category__sign=sign).aggregate(total=Sum("amount"))["total"] or Decimal(0)
        for sign in Sign.values
    }
    locations = list(location_list(member=user))
    buckets = list(bucket_list(member=user))
    unallocated = unallocated_total(user=user)

    # 1. Where the money is, by place and by purpose, adds up to the same net balance.
    assert sum((loc.balance for loc in locations), Decimal(0)) == net
    assert sum((b.balance for b in buckets), Decimal(0)) + unallocated == net
    # 2. Net balance = positive - negative + neutral over the same rows.
    assert net == by_sign[Sign.POSITIVE] - by_sign[Sign.NEGATIVE] + by_sign[Sign.NEUTRAL]
    # 3. Legs of an allocated split income sum exactly to its amount (pending ones may wait for theirs).
    for txn in rows.filter(allocation_status=AllocationStatus.ALLOCATED).prefetch_related("allocations"):
        assert sum(leg.amount for leg in txn.allocations.all()) == txn.amount
    assert not Allocation.objects.for_user(user).filter(transaction__split_income=False).exists()
    # 4. Active bucket percentages never sum above 100.
    active = Bucket.objects.for_user(user).filter(is_archived=False)
    assert sum(active.values_list("allocation_percentage", flat=True)) <= 100
    # 6. An archived location or bucket holds zero; a used category keeps the sign its rows have.
    places = [*locations, *buckets]
    assert [f"{row.name}: {row.balance}" for row in places if row.is_archived and row.balance] == []
    resigned = rows.filter(
        Q(category__sign=Sign.NEGATIVE, signed_amount__gt=0)
        | Q(category__sign=Sign.POSITIVE, signed_amount__lt=0)
    )
    assert not resigned.exists()
    # 8. The stored monthly totals equal a recomputation from the rows.
    for household_id in Household.objects.filter(memberships__user=user).values_list("pk", flat=True):
        assert totals.differences(household_id) == {}
