"""Reads of budgets, and the budgets report: a fixed number of queries whatever the number of
budgets, periods or transactions.

The report reads the stored monthly totals (`ledger.totals`), never the transactions: one query for
the budgets with their amounts and categories, one grouped query of the spending, one for the names
of the categories spent on without a budget. Python walks the periods (one step a period).
"""

import datetime
from collections import defaultdict

from django.db.models import Q, Sum

from budget.core.fields import MoneySumField
from budget.ledger.models import Category, MonthlyTotal, Sign

from .models import LENGTH, Budget, BudgetAmount
from .periods import ZERO, from_yyyymm, month_index, month_label, period_number, periods, yyyymm

HISTORY_LIMIT = 120


def budget_list(*, household=None, member=None):
    """Budgets of a household (or of every household of `member`, for detail URLs), with their
    category and amounts."""
    rows = Budget.objects.select_related("category").prefetch_related("amounts")
    if member is not None:
        return rows.for_user(member)
    return rows.for_household(household)


def _spending(household_id, *, categories, months: tuple[int, int], month: int | None = None) -> dict:
    """{category id: {month index: amount spent}} from the stored totals, in one grouped query:
    `categories` over the month range `months`, and every category in `month`."""
    wanted = Q(category_id__in=categories, year_month__range=(yyyymm(months[0]), yyyymm(months[1])))
    if month is not None:
        wanted |= Q(year_month=yyyymm(month))
    rows = (
        MonthlyTotal.objects.filter(wanted, household_id=household_id, leg=False)
        .order_by()
        .values_list("category_id", "year_month")
        .annotate(total=Sum("amount", output_field=MoneySumField()))
    )
    spent: dict = defaultdict(dict)
    for category_id, key, total in rows:
        spent[category_id][from_yyyymm(key)] = total
    return spent


def _budgets_with_amounts(rows) -> list[tuple[Budget, list]]:
    """(budget, [(month index, amount)] sorted) from BudgetAmount rows joined to their budget."""
    by_budget: dict = {}
    for row in rows:
        _budget, amounts = by_budget.setdefault(row.budget_id, (row.budget, []))
        amounts.append((month_index(row.from_month), row.amount))
    for _, amounts in by_budget.values():
        amounts.sort()
    return list(by_budget.values())


def _row(budget: Budget, numbers: dict) -> dict:
    return {
        "budget": budget.pk,
        "category": {"id": budget.category_id, "name": budget.category.name},
        **numbers,
        "start": month_label(numbers["start"]),
        "end": month_label(numbers["end"]),
    }


def budget_report(household, month: datetime.date) -> dict:
    """The budgets report for the month containing `month` (any day of it): per active budget whose
    periods have begun, the numbers of the period containing it (see API.md "Plans: budgets");
    their totals; and the spending of NEGATIVE categories in that month that no row here covers.

    `household` is a household or its id. Three queries.
    """
    household_id = getattr(household, "pk", household)
    asked = month_index(month)
    amount_rows = (
        BudgetAmount.objects.filter(budget__household_id=household_id, budget__is_archived=False)
        .select_related("budget", "budget__category")
        .order_by()
    )
    budgets = []
    for budget, amounts in _budgets_with_amounts(amount_rows):
        start, length = month_index(budget.starts), LENGTH[budget.period]
        number = period_number(start, length, asked)
        if number >= 0:
            budgets.append((budget, amounts, start, length, number))
    first = min((start for _, _, start, _, _ in budgets), default=asked)
    last = max((start + (number + 1) * length - 1 for _, _, start, length, number in budgets), default=asked)
    spent = _spending(
        household_id, categories=[b.category_id for b, *_ in budgets], months=(first, last), month=asked
    )

    rows = []
    for budget, amounts, start, length, number in budgets:
        walk = periods(
            start=start,
            length=length,
            rollover=budget.rollover,
            amounts=amounts,
            spent=spent.get(budget.category_id, {}),
            first=number,
            last=number,
        )
        rows.append(_row(budget, next(walk)))
    rows.sort(key=lambda row: (row["category"]["name"].casefold(), str(row["budget"])))

    covered = {budget.category_id for budget, *_ in budgets}
    names = dict(
        Category.objects.filter(household_id=household_id, sign=Sign.NEGATIVE).values_list("id", "name")
    )
    unbudgeted = [
        {"category": {"id": category_id, "name": names[category_id]}, "actual": months[asked]}
        for category_id, months in spent.items()
        if asked in months and category_id in names and category_id not in covered
    ]
    unbudgeted.sort(key=lambda row: (-row["actual"], row["category"]["name"].casefold()))
    return {
        "period": {"year": month.year, "month": month.month},
        "budgets": rows,
        "totals": {
            key: sum((row[key] for row in rows), ZERO)
            for key in ("budgeted", "available", "actual", "remaining")
        },
        "unbudgeted": unbudgeted,
    }


def report_budgets(*, household, year: int, month: int) -> dict:
    """`budget_report` in the reports' calling convention (reports.services.REPORTS)."""
    return budget_report(household, datetime.date(year, month, 1))


def budget_history(budget: Budget, *, first: datetime.date, last: datetime.date) -> list[dict]:
    """The report's numbers for every period of `budget` that overlaps the months `first` to `last`
    (at most HISTORY_LIMIT of them: the caller checks). Two queries: amounts and spending."""
    start, length = month_index(budget.starts), LENGTH[budget.period]
    low = max(period_number(start, length, month_index(first)), 0)
    high = period_number(start, length, month_index(last))
    if high < low:
        return []
    amounts = sorted(
        (month_index(row.from_month), row.amount) for row in BudgetAmount.objects.filter(budget=budget)
    )
    end = start + (high + 1) * length - 1
    spent = _spending(budget.household_id, categories=[budget.category_id], months=(start, end))
    walk = periods(
        start=start,
        length=length,
        rollover=budget.rollover,
        amounts=amounts,
        spent=spent.get(budget.category_id, {}),
        first=low,
        last=high,
    )
    return [
        {**numbers, "start": month_label(numbers["start"]), "end": month_label(numbers["end"])}
        for numbers in walk
    ]


def history_size(budget: Budget, *, first: datetime.date, last: datetime.date) -> int:
    """How many periods `budget_history` would answer for these months."""
    start, length = month_index(budget.starts), LENGTH[budget.period]
    low = max(period_number(start, length, month_index(first)), 0)
    return max(period_number(start, length, month_index(last)) - low + 1, 0)
