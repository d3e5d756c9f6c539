"""Time a 20,000-row CSV statement through upload, parse (with duplicate flags and rule proposals) and
commit, on whatever database is configured; then the same file again (every row a duplicate)."""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from budget.households.models import Household
from budget.households.services import household_create
from budget.imports import services
from budget.imports.models import Import, ImportRow, Status
from budget.ledger import services as ledger
from budget.ledger.models import Allocation, Bucket, Category, Location, MonthlyTotal, Sign, Transaction
from budget.ops.bench_run import engine
from budget.rules.models import Rule
from budget.rules.services import rule_create

EMAIL = "bench-import@example.com"
SHOPS = ["Lidl", "Coffee Bar", "Shell", "Amazon", "Pharmacy", "Bakery", "Cinema", "Taxi", "Market", "Books"]


def statement(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)  # noqa: S311 -- benchmark data, not secrets
    start = datetime.date(2025, 1, 1)
    lines = ["Date;Description;Amount"]
    for n in range(rows):
        day = start + datetime.timedelta(days=n * 365 // rows)
        if n % 200 == 0:
            lines.append(f"{day:%d.%m.%Y};Salary ACME;2.500,00")
        else:
            amount = Decimal(rng.randint(100, 20000)) / 100
            lines.append(f"{day:%d.%m.%Y};{rng.choice(SHOPS)} {n % 97};-{str(amount).replace('.', ',')}")
    return ("\n".join(lines) + "\n").encode("cp1252")


def _remove_previous() -> None:
    ids = list(Household.objects.filter(memberships__user__email=EMAIL).values_list("pk", flat=True))
    ImportRow.objects.filter(statement__household_id__in=ids)._raw_delete(ImportRow.objects.db)
    for model in (MonthlyTotal, Allocation, Transaction, Import, Rule, Category, Location, Bucket):
        model.objects.filter(household_id__in=ids)._raw_delete(model.objects.db)
    Household.objects.filter(pk__in=ids).delete()
    get_user_model().objects.filter(email=EMAIL).delete()


class Command(BaseCommand):
    help = "Time a CSV statement of --rows rows (default 20,000) through parse and commit, then again."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1)

    def _line(self, what: str, seconds: float, rows: int) -> None:
        self.stdout.write(f"{what:<38} {seconds:8.2f} s {rows / seconds:10,.0f} rows/s")

    def handle(self, *args, rows, seed, **options):
        _remove_previous()
        user = get_user_model().objects.create_user(email=EMAIL, password=None)
        household_create(owner=user, name="Bench import")
        user.refresh_from_db()
        bank = ledger.location_create(user=user, name="Bank")
        needs = ledger.bucket_create(user=user, name="Needs", allocation_percentage=Decimal(100))
        food = ledger.category_create(user=user, name="Shopping", sign=Sign.NEGATIVE)
        salary = ledger.category_create(user=user, name="Salary", sign=Sign.POSITIVE)
        household = user.default_household_id
        rule_create(user=user, household=household, name="Out", direction="OUT", category=food, bucket=needs)
        pay = {"description_contains": "salary", "category": salary, "bucket": needs, "priority": 1}
        rule_create(user=user, household=household, name="Pay", **pay)
        content = statement(rows, seed)
        self.stdout.write(f"{engine()} · {rows:,} rows · {len(content) / 1048576:.2f} MB CSV")
        for attempt in ("first time", "again (all duplicates)"):
            began = time.perf_counter()
            upload = services.import_create(
                user=user, household=household, location=bank, filename="bench.csv", content=content
            )
            services.import_parse(import_id=upload.pk)
            parsed = time.perf_counter()
            upload.refresh_from_db()
            assert upload.status == Status.READY, upload.error
            services.import_commit_request(statement=upload, user=user)
            created = services.import_commit(import_id=upload.pk)
            done = time.perf_counter()
            self._line(f"parse, {attempt}", parsed - began, rows)
            self._line(f"commit, {attempt} ({created:,} created)", done - parsed, rows)
            self._line(f"total, {attempt}", done - began, rows)
        _remove_previous()
