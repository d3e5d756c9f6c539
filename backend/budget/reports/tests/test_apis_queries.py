"""Queries per report request: the same for a small ledger and a big one, cached or not."""

import datetime
import json
from decimal import Decimal

import pytest

from budget.ledger import services
from budget.ledger.allocation import split_amount
from budget.ledger.models import Allocation, AllocationStatus, Bucket, Category, Location, Sign, Transaction
from budget.ledger.services.transactions import signed

from .conftest import (
    CURRENT,
    HISTORICAL,
    MARCH,
    REPORTS,
    YEAR_2024,
    get_report,
    make_ledger,
    record,
)

pytestmark = pytest.mark.django_db


def small_ledger(user):
    ledger = make_ledger(user)
    income = record(user, ledger.salary, ledger.bank, "100.00", datetime.date(2024, 3, 1), split_income=True)
    services.income_allocate(transaction_id=income.pk)
    record(user, ledger.food, ledger.cash, "10.00", datetime.date(2024, 3, 2), bucket=ledger.fun)


def big_ledger(user, years=(2022, 2023, 2024), per_sign=8):
    """Through the services for the setup, bulk inserts for the volume: 2,600 rows over 3 years."""
    make_ledger(user)  # also gives the user a ledger version, like the small one
    locations = Location.objects.bulk_create(
        Location(household_id=user.default_household_id, name=f"Place {n}") for n in range(6)
    )
    buckets = Bucket.objects.bulk_create(
        Bucket(household_id=user.default_household_id, name=f"Jar {n}", allocation_percentage=Decimal(0))
        for n in range(6)
    )
    Location.objects.bulk_create(
        [Location(household_id=user.default_household_id, name="Gone", is_archived=True)]
    )
    categories = Category.objects.bulk_create(
        Category(household_id=user.default_household_id, name=f"{sign} {n}", sign=sign, is_archived=n == 0)
        for sign in Sign.values
        for n in range(per_sign)
    )
    rows, legs = [], []
    for year in years:
        for month in range(1, 13):
            for n, category in enumerate(categories):
                for day in (1, 15, 28):
                    amount = Decimal(n + day) + Decimal("0.25")
                    if category.sign == Sign.NEUTRAL and day == 15:
                        amount = -amount
                    split = category.sign == Sign.POSITIVE and day == 1
                    txn = Transaction(
                        household_id=user.default_household_id,
                        date=datetime.date(year, month, day),
                        description=f"{category.name} {day}",
                        amount=amount,
                        signed_amount=signed(amount, category.sign),
                        category=category,
                        location=locations[(n + day) % len(locations)],
                        bucket=None if split else buckets[n % len(buckets)],
                        split_income=split,
                        allocation_status=AllocationStatus.ALLOCATED if split else AllocationStatus.NOT_SPLIT,
                    )
                    rows.append(txn)
                    if split:
                        shares = [Decimal(50), Decimal(50)]
                        legs += [
                            Allocation(
                                household_id=user.default_household_id,
                                transaction=txn,
                                bucket=bucket,
                                percentage=share,
                                amount=part,
                            )
                            for bucket, share, part in zip(
                                buckets[:2], shares, split_amount(amount, shares), strict=True
                            )
                        ]
    Transaction.objects.bulk_create(rows, batch_size=1000)
    Allocation.objects.bulk_create(legs, batch_size=1000)
    services.totals_repair(household_id=user.default_household_id)  # rows written without services


# Per request: the user (token), the membership, the ledger version, the cache read; on a miss the
# report's own queries (current: category signs, transaction and leg totals, location and bucket names; the
# others: grouped amounts and category names) and the database cache's write (count, savepoint,
# select, insert, release).
UNCACHED_CAPS = [(CURRENT, 14), (MARCH, 11), (YEAR_2024, 11), (HISTORICAL, 11)]
CACHED_CAP = 4


@pytest.mark.parametrize(("path", "cap"), UNCACHED_CAPS)
def test_uncached_report_queries_do_not_grow_with_the_ledger(
    api_client, other_client, user, other_user, django_assert_max_num_queries, path, cap
):
    small_ledger(user)
    big_ledger(other_user)

    with django_assert_max_num_queries(cap) as small:
        small_report = get_report(api_client, path)
    with django_assert_max_num_queries(cap) as big:
        big_report = get_report(other_client, path)

    assert small_report["cached"] is big_report["cached"] is False
    assert len(small) == len(big)
    assert len(json.dumps(big_report)) > 2 * len(json.dumps(small_report))  # the big one is big


@pytest.mark.parametrize("path", REPORTS)
def test_cached_report_queries_do_not_grow_with_the_ledger(
    api_client, other_client, user, other_user, django_assert_max_num_queries, path
):
    small_ledger(user)
    big_ledger(other_user)
    get_report(api_client, path)
    get_report(other_client, path)

    with django_assert_max_num_queries(CACHED_CAP) as small:
        small_report = get_report(api_client, path)
    with django_assert_max_num_queries(CACHED_CAP) as big:
        big_report = get_report(other_client, path)

    assert small_report["cached"] is big_report["cached"] is True
    assert len(small) == len(big)
