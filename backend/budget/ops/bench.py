"""`make bench`: a deterministic ledger of a chosen size, then latency and queries per request.

The ledger is written in batches (COPY on PostgreSQL: a million transactions in about a minute), not
through the services: the benchmark measures reads. Its stored monthly totals are then computed from
the rows, as `manage.py totals --rebuild` would. `bench_run.py` measures it.
"""

import datetime
import random
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from budget.households.models import Household
from budget.households.services import PERSONAL, household_create
from budget.ledger import totals
from budget.ledger.allocation import split_amount
from budget.ledger.models import (
    Allocation,
    AllocationStatus,
    Bucket,
    Category,
    Location,
    MonthlyTotal,
    Sign,
    Transaction,
    Transfer,
)
from budget.ledger.services.transactions import signed
from budget.ops.demo import BUCKETS, CATEGORIES, LOCATIONS  # the demo's names
from budget.reports.services import ledger_version_change

BENCH_EMAIL = "bench@example.com"
SIZE_EMAIL = "bench-{}@example.com"  # one account a size when several are measured side by side
OTHER_EMAIL = "bench-other-{}@example.com"
# Kinds of rows, by share of the ledger: most of a real ledger is small expenses.
MIX = [(Sign.NEGATIVE, 0.86), (Sign.POSITIVE, 0.09), (Sign.NEUTRAL, 0.05)]
BATCH = 2000


@dataclass
class Built:
    user: object
    transactions: int
    legs: int
    other_transactions: int
    first: datetime.date
    last: datetime.date
    seconds: float


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _insert(model, objs: list) -> None:
    """Write a batch: COPY on PostgreSQL (several times faster than INSERT at a million rows),
    bulk INSERTs elsewhere."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    now = timezone.now()
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy,
    ):
        for obj in objs:
            obj.created_at = obj.created_at or now
            obj.updated_at = obj.updated_at or now
            copy.write_row(
                [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
            )


def _ledger(user, *, size: int, years: int, until: datetime.date, rng: random.Random) -> tuple[int, int]:
    """Insert `size` transactions over `years` years ending at `until` into the user's household, in
    batches (memory stays flat at a million rows); returns (rows, legs). The stored monthly totals
    are then computed from the rows, as `manage.py totals --rebuild` does."""
    household = household_create(owner=user, name=PERSONAL)
    locations = Location.objects.bulk_create(
        Location(id=_uuid(rng), household=household, name=n) for n in LOCATIONS
    )
    buckets = Bucket.objects.bulk_create(
        Bucket(id=_uuid(rng), household=household, name=name, allocation_percentage=Decimal(share))
        for name, share in BUCKETS.items()
    )
    categories = {
        sign: Category.objects.bulk_create(
            Category(id=_uuid(rng), household=household, name=name, sign=sign) for name in names
        )
        for sign, names in CATEGORIES.items()
    }
    # Two categories used long ago and archived since: reports must still count them.
    archived = {
        sign: Category.objects.create(
            id=_uuid(rng), household=household, name=name, sign=sign, is_archived=True
        )
        for sign, name in ((Sign.POSITIVE, "Old job"), (Sign.NEGATIVE, "Old hobby"))
    }
    start = until - datetime.timedelta(days=365 * years - 1)
    span = (until - start).days
    signs, weights = zip(*MIX, strict=True)
    percentages = [bucket.allocation_percentage for bucket in buckets]
    rows, legs, written, legs_written = [], [], 0, 0
    for number in range(size):
        sign = rng.choices(signs, weights)[0]
        date = start + datetime.timedelta(days=rng.randrange(span + 1))
        category = rng.choice(categories[sign])
        if date < start + datetime.timedelta(days=span // 4) and rng.random() < 0.05:
            category = archived.get(sign, category)
        if sign == Sign.NEUTRAL:
            amount = Decimal(rng.randrange(-50_000, 50_000) or 1) / 100
        elif sign == Sign.POSITIVE:
            amount = Decimal(rng.randrange(5_000, 600_000)) / 100
        else:
            amount = Decimal(rng.randrange(100, 25_000)) / 100
        split = sign == Sign.POSITIVE and rng.random() < 0.5
        txn = Transaction(
            id=_uuid(rng),
            household=household,
            created_by=user,
            updated_by=user,
            date=date,
            description=f"{category.name} {rng.randrange(10_000)}",
            amount=amount,
            signed_amount=signed(amount, sign),
            category=category,
            location=rng.choice(locations),
            bucket=None if split else rng.choice(buckets),
            split_income=split,
            allocation_status=AllocationStatus.ALLOCATED if split else AllocationStatus.NOT_SPLIT,
        )
        rows.append(txn)
        if split:
            legs += [
                Allocation(
                    id=_uuid(rng),
                    household=household,
                    transaction=txn,
                    bucket=bucket,
                    percentage=bucket.allocation_percentage,
                    amount=part,
                )
                for bucket, part in zip(buckets, split_amount(amount, percentages), strict=True)
            ]
        if len(rows) == BATCH * 5 or number == size - 1:
            _insert(Transaction, rows)
            _insert(Allocation, legs)
            written, legs_written = written + len(rows), legs_written + len(legs)
            rows, legs = [], []
    totals.apply(totals.recompute(household.pk))  # none stored yet: the recomputation is the change
    return written, legs_written


def _remove_previous() -> None:
    """Delete the previous benchmark accounts, their ledger rows first in plain DELETEs: Django's
    delete collector would load each of 100k rows into memory to delete it."""
    previous = get_user_model().objects.filter(
        email__regex=r"^bench(-[0-9]+|-other-[0-9]+)?@example\.com$", is_superuser=False
    )
    households = Household.objects.filter(memberships__user__in=previous)
    ids = list(households.values_list("pk", flat=True))
    for model in (MonthlyTotal, Allocation, Transaction, Transfer, Category, Location, Bucket):
        model.objects.filter(household_id__in=ids)._raw_delete(model.objects.db)
    Household.objects.filter(pk__in=ids).delete()
    previous.delete()


@transaction.atomic
def build(
    *, sizes: list[int], others: int, other_size: int, years: int, seed: int, until: datetime.date
) -> list[Built]:
    """Replace the benchmark accounts with fresh, deterministic ledgers: one account a size, side by
    side in the same tables (so that every size is measured against the same table and the same
    machine load), plus `others` accounts of `other_size` rows."""
    users = get_user_model().objects
    _remove_previous()
    rng = random.Random(seed)  # noqa: S311 -- demo data, not secrets
    start = until - datetime.timedelta(days=365 * years - 1)
    made = []
    for size in sizes:
        began = time.perf_counter()
        email = BENCH_EMAIL if len(sizes) == 1 else SIZE_EMAIL.format(size)
        user = users.create_user(email=email, password=None)
        count, legs = _ledger(user, size=size, years=years, until=until, rng=rng)
        made.append(Built(user, count, legs, 0, start, until, time.perf_counter() - began))
    other_users = [
        users.create_user(email=OTHER_EMAIL.format(n), password=None) for n in range(1, others + 1)
    ]
    other_count = sum(
        _ledger(other, size=other_size, years=years, until=until, rng=rng)[0] for other in other_users
    )
    for user in [built.user for built in made] + other_users:
        user.refresh_from_db(fields=["default_household"])
        ledger_version_change(household_id=user.default_household_id)
    for built in made:
        built.other_transactions = other_count
    return made


def settle() -> None:
    """On PostgreSQL, what autovacuum does on its own soon after a bulk load: planner statistics and
    the visibility map (without it no index-only scan). SQLite is measured as Django leaves it."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            model._meta.db_table
            for model in (Transaction, Allocation, MonthlyTotal, Category, Location, Bucket)
        )
        # VACUUM cannot run inside a transaction (a test's); ANALYZE can.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {tables}")
