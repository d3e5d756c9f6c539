"""`make bench`: a deterministic ledger of a chosen size, then latency and queries per request.

The ledger is written with bulk inserts (100k transactions in seconds), not through the services:
the benchmark measures reads. Requests go through Django's whole stack (middleware, URL routing,
JWT authentication, DRF) with the test client, on whatever database and cache are configured.
"""

import datetime
import random
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households.models import Household
from budget.households.services import PERSONAL, household_create
from budget.ledger.allocation import split_amount
from budget.ledger.models import (
    Allocation,
    AllocationStatus,
    Bucket,
    Category,
    Location,
    Sign,
    Transaction,
    Transfer,
)
from budget.ledger.services.transactions import signed
from budget.ops.demo import BUCKETS, CATEGORIES, LOCATIONS  # the demo's names
from budget.reports.services import ledger_version_change

BENCH_EMAIL = "bench@example.com"
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


def _ledger(user, *, size: int, years: int, until: datetime.date, rng: random.Random) -> tuple[int, int]:
    """Bulk-insert `size` transactions over `years` years ending at `until` into the user's
    household; returns (rows, legs)."""
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
    rows, legs = [], []
    for _ in range(size):
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
            parts = split_amount(amount, [bucket.allocation_percentage for bucket in buckets])
            legs += [
                Allocation(
                    id=_uuid(rng),
                    household=household,
                    transaction=txn,
                    bucket=bucket,
                    percentage=bucket.allocation_percentage,
                    amount=part,
                )
                for bucket, part in zip(buckets, parts, strict=True)
            ]
    Transaction.objects.bulk_create(rows, batch_size=BATCH)
    Allocation.objects.bulk_create(legs, batch_size=BATCH)
    return len(rows), len(legs)


def _remove_previous() -> None:
    """Delete the previous benchmark accounts, their ledger rows first in plain DELETEs: Django's
    delete collector would load each of 100k rows into memory to delete it."""
    previous = get_user_model().objects.filter(
        email__regex=r"^bench(-other-[0-9]+)?@example\.com$", is_superuser=False
    )
    households = Household.objects.filter(memberships__user__in=previous)
    ids = list(households.values_list("pk", flat=True))
    for model in (Allocation, Transaction, Transfer, Category, Location, Bucket):
        model.objects.filter(household_id__in=ids)._raw_delete(model.objects.db)
    Household.objects.filter(pk__in=ids).delete()
    previous.delete()


@transaction.atomic
def build(*, size: int, others: int, other_size: int, years: int, seed: int, until: datetime.date) -> Built:
    """Replace the benchmark accounts with fresh, deterministic ledgers."""
    began = time.perf_counter()
    users = get_user_model().objects
    emails = [BENCH_EMAIL] + [OTHER_EMAIL.format(n) for n in range(1, others + 1)]
    _remove_previous()
    rng = random.Random(seed)  # noqa: S311 -- demo data, not secrets
    made = [users.create_user(email=email, password=None) for email in emails]
    count, legs = _ledger(made[0], size=size, years=years, until=until, rng=rng)
    other_count = sum(
        _ledger(other, size=other_size, years=years, until=until, rng=rng)[0] for other in made[1:]
    )
    for user in made:
        user.refresh_from_db(fields=["default_household"])
        ledger_version_change(household_id=user.default_household_id)
    start = until - datetime.timedelta(days=365 * years - 1)
    return Built(made[0], count, legs, other_count, start, until, time.perf_counter() - began)


def settle() -> None:
    """On PostgreSQL, what autovacuum does on its own soon after a bulk load: planner statistics and
    the visibility map (without it no index-only scan). SQLite is measured as Django leaves it."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            model._meta.db_table for model in (Transaction, Allocation, Category, Location, Bucket)
        )
        # VACUUM cannot run inside a transaction (a test's); ANALYZE can.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {tables}")


@dataclass
class Row:
    name: str
    mode: str
    p50: float
    p95: float
    queries: int
    status: int


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client: Client, path: str, *, repeat: int, before=None) -> tuple[float, float, int, int]:
    """p50 and p95 in milliseconds over `repeat` requests, queries of one more, and its status."""
    timings = []
    for _ in range(repeat + 2):  # two warm-ups: imports, connection, first plans
        if before:
            before()
        began = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - began) * 1000)
    if before:
        before()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    timings = timings[2:]
    return _percentile(timings, 0.5), _percentile(timings, 0.95), len(queries), response.status_code


def run(built: Built, *, repeat: int, host: str) -> list[Row]:
    user = built.user
    client = Client(SERVER_NAME=host, HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    last_page = max(1, -(-built.transactions // 50))
    month = f"{built.last:%Y-%m}"
    year = built.last.year
    rows = []
    for name, path in (
        ("transactions, first page", "/api/transactions/"),
        (f"transactions, page {last_page}", f"/api/transactions/?page={last_page}"),
    ):
        rows.append(Row(name, "-", *measure(client, path, repeat=repeat)))
    reports = (
        ("report current", "/api/reports/current/"),
        ("report monthly", f"/api/reports/monthly/?month={month}"),
        ("report yearly", f"/api/reports/yearly/?year={year}"),
        ("report historical", "/api/reports/historical/"),
    )

    def forget():  # what any write does to the user's cached reports
        ledger_version_change(household_id=user.default_household_id)

    for name, path in reports:
        rows.append(Row(name, "uncached", *measure(client, path, repeat=repeat, before=forget)))
        rows.append(Row(name, "cached", *measure(client, path, repeat=repeat)))
    return rows


def table(rows: list[Row]) -> str:
    header = f"{'request':<28} {'cache':<9} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
    lines = [header, "-" * len(header)]
    for row in rows:
        status = "" if row.status == 200 else f"  HTTP {row.status}!"
        lines.append(f"{row.name:<28} {row.mode:<9} {row.p50:>8.1f} {row.p95:>8.1f} {row.queries:>8}{status}")
    return "\n".join(lines)


def engine() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return connection.vendor
