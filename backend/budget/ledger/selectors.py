"""Reads, always starting from the owner."""

from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from budget.core.fields import MoneyField

from .models import HUNDRED, Allocation, Bucket, Category, Location, Transaction, Transfer


def _total(queryset: QuerySet, group: str, field: str) -> Coalesce:
    """SUM(field) of a correlated subquery filtered on `group` = the outer row; 0 when it has no rows."""
    summed = queryset.order_by().values(group).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(summed, output_field=MoneyField()), Value(0), output_field=MoneyField())


def location_list(*, user) -> QuerySet[Location]:
    """The user's locations with `balance`, computed in the same query."""
    return Location.objects.for_user(user).annotate(
        balance=_total(Transaction.objects.filter(location=OuterRef("pk")), "location", "signed_amount")
    )


def bucket_list(*, user) -> QuerySet[Bucket]:
    """The user's buckets with `balance`: their own transactions plus their shares of split incomes."""
    own = _total(Transaction.objects.filter(bucket=OuterRef("pk")), "bucket", "signed_amount")
    shares = _total(Allocation.objects.filter(bucket=OuterRef("pk")), "bucket", "amount")
    return Bucket.objects.for_user(user).annotate(
        balance=ExpressionWrapper(own + shares, output_field=MoneyField())
    )


def category_list(*, user) -> QuerySet[Category]:
    return Category.objects.for_user(user)


def allocation_total(*, user) -> Decimal:
    """Sum of the percentages of the user's active buckets."""
    total = (
        Bucket.objects.for_user(user)
        .active()
        .aggregate(
            total=Coalesce(Sum("allocation_percentage"), Value(Decimal(0)), output_field=DecimalField())
        )
    )["total"]
    return Decimal(total).quantize(Decimal("0.01"))


def allocation_summary(*, user) -> dict:
    total = allocation_total(user=user)
    return {
        "total_percentage": total,
        "remaining_percentage": HUNDRED - total,
        "is_complete": total == HUNDRED,
    }


def transaction_list(*, user) -> QuerySet[Transaction]:
    """The user's transactions with everything the API shows, in a constant number of queries."""
    return (
        Transaction.objects.for_user(user)
        .select_related("category", "location", "bucket")
        .prefetch_related(Prefetch("allocations", queryset=Allocation.objects.select_related("bucket")))
    )


def transfer_list(*, user) -> QuerySet[Transfer]:
    return Transfer.objects.for_user(user).prefetch_related(
        Prefetch("legs", queryset=Transaction.objects.only("id", "transfer_id").order_by("amount"))
    )
