"""Reads, always starting from the household (lists) or from the user's memberships (detail URLs).

Every selector takes exactly one of `household` (a Household or its id) and `member` (a user: the
rows of every household they belong to).
"""

from decimal import Decimal

from django.db.models import (
    DecimalField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from budget.core.fields import MoneySumField

from .goals import pace_window
from .models import HUNDRED, Allocation, Bucket, Category, Location, MonthlyTotal, Transaction, Transfer


def _total(queryset: QuerySet, group: str) -> Coalesce:
    """SUM(signed_amount) of a correlated subquery of totals filtered on `group` = the outer row; 0 when
    it has no rows."""
    summed = queryset.order_by().values(group).annotate(total=Sum("signed_amount")).values("total")
    return Coalesce(Subquery(summed, output_field=MoneySumField()), Value(0), output_field=MoneySumField())


def _scope(model, household, member) -> QuerySet:
    if (household is None) == (member is None):
        raise TypeError("Give exactly one of household and member.")
    if member is not None:
        return model.objects.for_user(member)
    return model.objects.for_household(household)


def location_list(*, household=None, member=None) -> QuerySet[Location]:
    """Locations with `balance`, computed in the same query from the stored monthly totals."""
    return _scope(Location, household, member).annotate(
        balance=_total(MonthlyTotal.objects.filter(location=OuterRef("pk"), leg=False), "location")
    )


def bucket_list(*, household=None, member=None) -> QuerySet[Bucket]:
    """Buckets with `balance`: their own transactions plus their shares of split incomes (the totals'
    legs), in the same query."""
    return _scope(Bucket, household, member).annotate(
        balance=_total(MonthlyTotal.objects.filter(bucket=OuterRef("pk")), "bucket")
    )


def bucket_goal_list(*, today, household=None, member=None) -> QuerySet[Bucket]:
    """`bucket_list` plus `recent_inflow`, the net inflow of the months a goal's pace is averaged over
    (`goals.pace_window`), in the same query."""
    first, last = pace_window(today)
    recent = MonthlyTotal.objects.filter(bucket=OuterRef("pk"), year_month__gte=first, year_month__lte=last)
    return bucket_list(household=household, member=member).annotate(recent_inflow=_total(recent, "bucket"))


def category_list(*, household=None, member=None) -> QuerySet[Category]:
    return _scope(Category, household, member)


def allocation_total(*, household) -> Decimal:
    """Sum of the percentages of the household's active buckets."""
    total = (
        Bucket.objects.for_household(household)
        .active()
        .aggregate(
            total=Coalesce(Sum("allocation_percentage"), Value(Decimal(0)), output_field=DecimalField())
        )
    )["total"]
    return Decimal(total).quantize(Decimal("0.01"))


def allocation_summary(*, household) -> dict:
    total = allocation_total(household=household)
    return {
        "total_percentage": total,
        "remaining_percentage": HUNDRED - total,
        "is_complete": total == HUNDRED,
    }


def transaction_list(*, household=None, member=None) -> QuerySet[Transaction]:
    """Transactions with everything the API shows but the legs of split incomes: a page gets those
    with `transaction_legs_attach`, for its split rows only."""
    return _scope(Transaction, household, member).select_related(
        "category", "location", "bucket", "created_by", "updated_by"
    )


def transaction_legs_attach(rows: list[Transaction]) -> list[Transaction]:
    """One query for the legs of the split incomes among `rows`; none when there are none."""
    prefetch_related_objects(
        [row for row in rows if row.split_income],
        Prefetch("allocations", queryset=Allocation.objects.select_related("bucket")),
    )
    return rows


def transaction_count(*, household) -> int:
    """How many transactions the household has, from the stored totals (a few thousand rows at most,
    where COUNT(*) would read every transaction)."""
    total = MonthlyTotal.objects.filter(household=household, leg=False).aggregate(total=Sum("count"))
    return total["total"] or 0


def transfer_list(*, household=None, member=None) -> QuerySet[Transfer]:
    return _scope(Transfer, household, member).prefetch_related(
        Prefetch("legs", queryset=Transaction.objects.only("id", "transfer_id").order_by("amount"))
    )
