"""The move to households loses nothing: a ledger written before it reads the same after it.

The database is taken back to the last migration state without households, filled through the
historical models (two users, every kind of row), then migrated forward; every balance, report
total and row count is compared.
"""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from budget.ledger.models import Allocation, Bucket, Category, Location, Transaction, Transfer
from budget.ledger.selectors import bucket_list, location_list
from budget.reports.selectors import report_current, report_historical
from budget.users.models import User

BEFORE = [
    ("ledger", "0004_pending_income_sweep_every_minute"),
    ("reports", "0001_initial"),
    ("users", "0001_initial"),
    ("households", None),
]
DAY = datetime.date(2024, 5, 10)


def fill(apps, email: str, salary: Decimal) -> None:
    """One user's ledger, written as the old schema had it: rows keyed by user."""
    user = apps.get_model("users", "User").objects.create(email=email, password="!")
    row = {"user_id": user.pk}
    Location, Bucket, Category = (
        apps.get_model("ledger", name) for name in ("Location", "Bucket", "Category")
    )
    Transaction, Allocation, Transfer = (
        apps.get_model("ledger", name) for name in ("Transaction", "Allocation", "Transfer")
    )
    cash, bank = (Location.objects.create(**row, name=name) for name in ("Cash", "Bank"))
    needs = Bucket.objects.create(**row, name="Needs", allocation_percentage=60)
    save = Bucket.objects.create(**row, name="Save", allocation_percentage=40)
    old = Bucket.objects.create(**row, name="Old", is_archived=True)
    pay = Category.objects.create(**row, name="Pay", sign="POSITIVE")
    food = Category.objects.create(**row, name="Food", sign="NEGATIVE")
    move = Category.objects.create(**row, name="Transfer", sign="NEUTRAL")
    income = Transaction.objects.create(
        **row, date=DAY, description="Pay", amount=salary, signed_amount=salary, category=pay,
        location=bank, split_income=True, allocation_status="ALLOCATED",
    )  # fmt: skip
    first = (salary * Decimal("0.6")).quantize(Decimal("0.01"))
    for bucket, share, part in ((needs, 60, first), (save, 40, salary - first)):
        Allocation.objects.create(**row, transaction=income, bucket=bucket, percentage=share, amount=part)
    Transaction.objects.create(
        **row, date=DAY, description="Lunch", amount=Decimal("12.30"), signed_amount=Decimal("-12.30"),
        category=food, location=cash, bucket=needs,
    )  # fmt: skip
    Transaction.objects.create(
        **row, date=DAY.replace(year=2023), description="Old", amount=Decimal("5.00"),
        signed_amount=Decimal("-5.00"), category=food, location=cash, bucket=old,
    )  # fmt: skip
    Transaction.objects.create(
        **row, date=DAY.replace(year=2023), description="Back", amount=Decimal("5.00"),
        signed_amount=Decimal("5.00"), category=move, location=cash, bucket=old,
    )  # fmt: skip
    transfer = Transfer.objects.create(
        **row, date=DAY, description="ATM", amount=Decimal("50.00"), from_location=bank, to_location=cash,
        from_bucket=save, to_bucket=save,
    )  # fmt: skip
    for location, amount in ((bank, Decimal("-50.00")), (cash, Decimal("50.00"))):
        Transaction.objects.create(
            **row, date=DAY, description="ATM", amount=amount, signed_amount=amount, category=move,
            location=location, bucket=save, transfer=transfer,
        )  # fmt: skip


def snapshot(apps, email) -> dict:
    """What the old schema says of one user's ledger."""
    user = apps.get_model("users", "User").objects.get(email=email)
    models = {
        name: apps.get_model("ledger", name) for name in ("Location", "Bucket", "Transaction", "Allocation")
    }
    rows = models["Transaction"].objects.filter(user=user)
    balances = {}
    for location in models["Location"].objects.filter(user=user):
        balances[f"location {location.name}"] = sum(
            (t.signed_amount for t in rows.filter(location=location)), Decimal(0)
        )
    for bucket in models["Bucket"].objects.filter(user=user):
        legs = models["Allocation"].objects.filter(bucket=bucket)
        balances[f"bucket {bucket.name}"] = sum(
            (t.signed_amount for t in rows.filter(bucket=bucket)), Decimal(0)
        ) + sum((leg.amount for leg in legs), Decimal(0))
    return {
        "balances": balances,
        "net": sum((t.signed_amount for t in rows), Decimal(0)),
        "counts": {name: model.objects.filter(user=user).count() for name, model in models.items()},
        "ids": sorted(str(pk) for pk in rows.values_list("pk", flat=True)),
    }


def now(email) -> dict:
    """The same, read through today's selectors and reports from the user's household."""
    user = User.objects.get(email=email)
    household = user.default_household_id
    rows = Transaction.objects.for_household(household)
    balances = {f"location {row.name}": row.balance for row in location_list(household=household)}
    balances |= {f"bucket {row.name}": row.balance for row in bucket_list(household=household)}
    current = report_current(household=household)
    assert current["balance"]["net"] == sum((t.signed_amount for t in rows), Decimal(0))
    assert report_historical(household=household)["summary"]["balance"]["net"] == current["balance"]["net"]
    return {
        "balances": balances,
        "net": current["balance"]["net"],
        "counts": {
            "Location": Location.objects.for_household(household).count(),
            "Bucket": Bucket.objects.for_household(household).count(),
            "Transaction": rows.count(),
            "Allocation": Allocation.objects.for_household(household).count(),
        },
        "ids": sorted(str(pk) for pk in rows.values_list("pk", flat=True)),
    }


@pytest.mark.django_db(transaction=True)
def test_every_ledger_moves_into_its_users_personal_household_intact():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state([node for node in BEFORE if node[1]]).apps
        fill(old, "ana@example.com", Decimal("1000.01"))
        fill(old, "bob@example.com", Decimal("333.33"))
        before = {email: snapshot(old, email) for email in ("ana@example.com", "bob@example.com")}

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)

    for email, was in before.items():
        user = User.objects.get(email=email)
        assert user.memberships.get().role == "OWNER"
        assert user.default_household.name == "Personal"
        assert now(email) == was, email
    assert Transfer.objects.count() == 2
    assert Category.objects.count() == 6
    assert len({u.default_household_id for u in User.objects.all()}) == 2
    assert uuid.UUID(str(User.objects.get(email="ana@example.com").default_household_id))
