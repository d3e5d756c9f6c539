"""Helpers shared by several ledger API test modules."""

import datetime
from decimal import Decimal

from django.db.models import Sum, Value
from django.db.models.functions import Coalesce

from budget.core.fields import MoneyField
from budget.ledger import services
from budget.ledger.models import Allocation, Transaction

# --- Locations, buckets, categories ----------------------------------------------------------

DAY = datetime.date(2024, 5, 10)


def record(user, *, category, location, bucket=None, amount="100.00", split_income=False):
    return services.transaction_create(
        user=user,
        date=DAY,
        description=f"{category.name} {amount}",
        amount=Decimal(amount),
        category=category,
        location=location,
        bucket=bucket,
        split_income=split_income,
    )


def names(response):
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


# --- Transactions ---------------------------------------------------------------------------

FIELDS = {
    "id",
    "household",
    "created_by",
    "updated_by",
    "date",
    "description",
    "amount",
    "category",
    "location",
    "bucket",
    "split_income",
    "signed_amount",
    "category_name",
    "category_sign",
    "location_name",
    "bucket_name",
    "allocation_status",
    "allocations",
    "transfer",
    "recurring",
    "created_at",
    "updated_at",
    "import_id",
}


def expense_body(ledger, **fields):
    """A valid body for a NEGATIVE transaction; `fields` replace or add keys."""
    return {
        "date": "2024-03-15",
        "description": "Groceries",
        "amount": "42.50",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.necessities.pk),
        **fields,
    }


def split_body(ledger, **fields):
    """A valid body for a split income (no bucket)."""
    return {
        "date": "2024-03-01",
        "description": "March salary",
        "amount": "1000.01",
        "category": str(ledger.salary.pk),
        "location": str(ledger.bank.pk),
        "split_income": True,
        **fields,
    }


# --- Checks ---------------------------------------------------------------------------------


def unallocated_total(*, user) -> Decimal:
    """Split income not yet in any bucket: what the incomes hold minus what their legs hold.

    Exact at every moment, also while an edited income waits for its task with old legs.
    """
    incomes = (
        Transaction.objects.for_user(user)
        .filter(split_income=True)
        .aggregate(total=Coalesce(Sum("signed_amount"), Value(0), output_field=MoneyField()))["total"]
    )
    legs = Allocation.objects.for_user(user).aggregate(
        total=Coalesce(Sum("amount"), Value(0), output_field=MoneyField())
    )["total"]
    return incomes - legs
