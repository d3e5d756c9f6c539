"""The Overview's numbers in one answer: this month against the last, savings, averages, recent rows.

A constant number of queries whatever the ledger's size: one grouped aggregate over the thirteen
months ending with the month asked for (the month, last month, the year so far and both averages
are folded from it), the category names, the two short transaction lists, and the current report.
"""

from decimal import ROUND_HALF_UP, Decimal

from budget.ledger.models import Sign, Transaction

from .selectors import _amounts_by_month, _categories, report_current

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
RECENT = 10
LARGEST = 5
ROW_FIELDS = {
    "id": "id",
    "date": "date",
    "description": "description",
    "amount": "amount",
    "signed_amount": "signed_amount",
    "category_name": "category__name",
    "category_sign": "category__sign",
    "location_name": "location__name",
    "bucket_name": "bucket__name",
}


def _shift(year: int, month: int, months: int) -> int:
    """yyyymm of the month `months` after (negative: before) year-month."""
    index = year * 12 + month - 1 + months
    return (index // 12) * 100 + index % 12 + 1


def _rows(queryset) -> list[dict]:
    return [
        {name: row[field] for name, field in ROW_FIELDS.items()}
        for row in queryset.values(*ROW_FIELDS.values())
    ]


def _rate(income: Decimal, expenses: Decimal) -> Decimal | None:
    """What was kept of the income, in percent; None without income (no rate to speak of)."""
    if income <= 0:
        return None
    return ((income - expenses) * 100 / income).quantize(CENT, ROUND_HALF_UP)


def report_summary(*, household, year: int, month: int) -> dict:
    this_month = year * 100 + month
    by_month = _amounts_by_month(household, year_month__range=(_shift(year, month, -12), this_month))
    categories = _categories(household)
    sign_of = {category["id"]: category["sign"] for category in categories}

    def total(year_month: int, sign: str) -> Decimal:
        return sum(
            (amount for cid, amount in by_month.get(year_month, {}).items() if sign_of[cid] == sign), ZERO
        )

    def expenses_over(months: int) -> Decimal:
        """Average monthly spending over the `months` whole months before this one."""
        spent = sum((total(_shift(year, month, -n), Sign.NEGATIVE) for n in range(1, months + 1)), ZERO)
        return (spent / months).quantize(CENT, ROUND_HALF_UP)

    previous = _shift(year, month, -1)
    this_year = [year * 100 + m for m in range(1, month + 1)]
    spending = [
        {
            "id": category["id"],
            "name": category["name"],
            "amount": by_month.get(this_month, {}).get(category["id"], ZERO),
            "previous": by_month.get(previous, {}).get(category["id"], ZERO),
        }
        for category in categories
        if category["sign"] == Sign.NEGATIVE
        and (
            by_month.get(this_month, {}).get(category["id"]) or by_month.get(previous, {}).get(category["id"])
        )
    ]
    spending.sort(key=lambda row: (-row["amount"], -row["previous"], row["name"].casefold()))
    income, expenses = total(this_month, Sign.POSITIVE), total(this_month, Sign.NEGATIVE)
    year_income = sum((total(m, Sign.POSITIVE) for m in this_year), ZERO)
    year_expenses = sum((total(m, Sign.NEGATIVE) for m in this_year), ZERO)
    transactions = Transaction.objects.for_household(household)
    return {
        "period": {"year": year, "month": month},
        "month": {"income": income, "expenses": expenses, "net": income - expenses},
        "previous_month": {
            "income": total(previous, Sign.POSITIVE),
            "expenses": total(previous, Sign.NEGATIVE),
        },
        "spending": spending,
        "savings_rate": {
            "month": _rate(income, expenses),
            "year": _rate(year_income, year_expenses),
        },
        "average_spending": {"months_3": expenses_over(3), "months_12": expenses_over(12)},
        "largest_expenses": _rows(
            transactions.filter(year_month=this_month, category__sign=Sign.NEGATIVE).order_by(
                "-amount", "-date", "-created_at"
            )[:LARGEST]
        ),
        "recent": _rows(transactions.order_by("-date", "-created_at")[:RECENT]),
        "current": report_current(household=household),
    }
