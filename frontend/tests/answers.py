"""Builders for the API's answers, shaped as /work/shared/API.md describes them."""

import datetime
from decimal import Decimal

TODAY = datetime.date.today()
THIS_MONTH = f"{TODAY:%Y-%m}"
SIGNS = ("positive", "negative", "neutral")

LOCATION_ID = "a0000000-0000-0000-0000-000000000001"
BUCKET_ID = "b0000000-0000-0000-0000-000000000001"
SAVINGS_ID = "b0000000-0000-0000-0000-000000000002"
CASH_ID = "a0000000-0000-0000-0000-000000000002"
INCOME_ID = "c0000000-0000-0000-0000-000000000001"
EXPENSE_ID = "c0000000-0000-0000-0000-000000000002"
NEUTRAL_ID = "c0000000-0000-0000-0000-000000000003"
META = {"generated_at": "2024-06-01T12:00:00Z", "cached": False}


def _sum(amounts) -> str:
    return f"{sum((Decimal(a) for a in amounts), Decimal(0)):.2f}"


def paginated(results: list, count: int | None = None, next_url: str | None = None) -> dict:
    return {
        "count": len(results) if count is None else count,
        "next": next_url,
        "previous": None,
        "results": results,
    }


def balance(positive="0.00", negative="0.00", neutral="0.00", net=None) -> dict:
    net = net or f"{Decimal(positive) - Decimal(negative) + Decimal(neutral):.2f}"
    return {"positive": positive, "negative": negative, "neutral": neutral, "net": net}


def summary(positive=(), negative=(), neutral=()) -> dict:
    """A summary block; each sign takes (name, amount) pairs and its total is their sum."""
    lists = {"positive": positive, "negative": negative, "neutral": neutral}
    return {
        "categories": {
            sign: [{"id": f"cat-{name.lower()}", "name": name, "amount": amount} for name, amount in rows]
            for sign, rows in lists.items()
        },
        "balance": balance(**{sign: _sum(a for _, a in rows) for sign, rows in lists.items()}),
    }


def _merged(blocks) -> dict:
    """summary() arguments adding up several periods' (name, amount) pairs by name."""
    merged = {}
    for sign in SIGNS:
        totals: dict[str, Decimal] = {}
        for block in blocks:
            for name, amount in block.get(sign, ()):
                totals[name] = totals.get(name, Decimal(0)) + Decimal(amount)
        merged[sign] = [(name, f"{total:.2f}") for name, total in totals.items()]
    return merged


def monthly(year: int = TODAY.year, month: int = TODAY.month, **block) -> dict:
    return {"period": {"year": year, "month": month}, **summary(**block), **META}


def yearly(year: int = TODAY.year, months: dict | None = None) -> dict:
    """The yearly report with all 12 months; `months` maps a month number to summary() arguments."""
    months = months or {}
    blocks = [{"month": m, **summary(**months.get(m, {}))} for m in range(1, 13)]
    return {
        "period": {"year": year},
        "months": blocks,
        "summary": summary(**_merged(months.values())),
        **META,
    }


def historical(years: dict | None = None) -> dict:
    """The historical report; `years` maps a year to summary() arguments."""
    years = years or {}
    blocks = [{"year": y, **summary(**years[y])} for y in sorted(years)]
    return {"years": blocks, "summary": summary(**_merged(years.values())), **META}


def current(net="0.00", locations=(), buckets=(), unallocated="0.00") -> dict:
    """The current report; `locations` and `buckets` are (name, balance) pairs."""

    def rows(pairs, prefix):
        return [{"id": f"{prefix}-{name.lower()}", "name": name, "balance": amount} for name, amount in pairs]

    return {
        "balance": balance(positive=net, net=net),
        "locations": rows(locations, "loc"),
        "locations_total": _sum(a for _, a in locations),
        "buckets": rows(buckets, "bkt"),
        "buckets_total": _sum(a for _, a in buckets),
        "unallocated": unallocated,
        **META,
    }


def allocation(total="100.00") -> dict:
    return {
        "total_percentage": total,
        "remaining_percentage": f"{Decimal(100) - Decimal(total):.2f}",
        "is_complete": Decimal(total) == 100,
    }


def location(name="ING", id_=LOCATION_ID, balance_="0.00", archived=False) -> dict:
    return {
        "id": id_,
        "name": name,
        "is_archived": archived,
        "balance": balance_,
        "created_at": "2024-01-01T00:00:00Z",
    }


def bucket(name="Necessities", id_=BUCKET_ID, share="100.00", balance_="0.00", archived=False) -> dict:
    return {
        "id": id_,
        "name": name,
        "allocation_percentage": share,
        "allocation_status": "COMPLETE",
        "goal_amount": None,
        "goal_date": None,
        "goal": None,
        "is_archived": archived,
        "balance": balance_,
        "created_at": "2024-01-01T00:00:00Z",
    }


def category(name="Salary", sign="POSITIVE", id_=INCOME_ID, archived=False) -> dict:
    return {
        "id": id_,
        "name": name,
        "sign": sign,
        "is_archived": archived,
        "created_at": "2024-01-01T00:00:00Z",
    }


CATEGORIES = [
    category("Salary", "POSITIVE", INCOME_ID),
    category("Rent", "NEGATIVE", EXPENSE_ID),
    category("Loan", "NEUTRAL", NEUTRAL_ID),
]


def transaction(**fields) -> dict:
    """A transaction row with every field the API sends; keyword arguments override them."""
    row = {
        "id": "d0000000-0000-0000-0000-000000000001",
        "date": "2024-05-02",
        "description": "Groceries",
        "amount": "12.50",
        "category": EXPENSE_ID,
        "location": LOCATION_ID,
        "bucket": BUCKET_ID,
        "split_income": False,
        "signed_amount": "-12.50",
        "category_name": "Rent",
        "category_sign": "NEGATIVE",
        "location_name": "ING",
        "bucket_name": "Necessities",
        "allocation_status": "NOT_SPLIT",
        "allocations": [],
        "transfer": None,
        "created_at": "2024-05-02T10:00:00Z",
        "updated_at": "2024-05-02T10:00:00Z",
    }
    row.update(fields)
    return row


def row(description="Groceries", amount="12.50", sign="NEGATIVE", day="2024-05-02", **fields) -> dict:
    """A transaction as the summary lists it (largest expenses, latest transactions)."""
    signed = amount if sign != "NEGATIVE" else f"{-Decimal(amount):.2f}"
    return {
        "id": fields.pop("id", "d0000000-0000-0000-0000-000000000001"),
        "date": day,
        "description": description,
        "amount": amount,
        "signed_amount": signed,
        "category_name": fields.pop("category_name", "Rent" if sign == "NEGATIVE" else "Salary"),
        "category_sign": sign,
        "location_name": "ING",
        "bucket_name": "Necessities",
        **fields,
    }


def summary_report(
    current_report: dict | None = None,
    income="0.00",
    expenses="0.00",
    previous=("0.00", "0.00"),
    spending=(),
    savings=(None, None),
    averages=("0.00", "0.00"),
    largest=(),
    recent=(),
    year: int = TODAY.year,
    month: int = TODAY.month,
) -> dict:
    """GET /api/reports/summary/; `spending` takes (name, this month, last month) triples."""
    current_report = current_report or current()
    return {
        "period": {"year": year, "month": month},
        "month": {
            "income": income,
            "expenses": expenses,
            "net": f"{Decimal(income) - Decimal(expenses):.2f}",
        },
        "previous_month": {"income": previous[0], "expenses": previous[1]},
        "spending": [
            {"id": f"cat-{name.lower()}", "name": name, "amount": now, "previous": before}
            for name, now, before in spending
        ],
        "savings_rate": {"month": savings[0], "year": savings[1]},
        "average_spending": {"months_3": averages[0], "months_12": averages[1]},
        "largest_expenses": list(largest),
        "recent": list(recent),
        "current": {k: v for k, v in current_report.items() if k not in META},
        **META,
    }


# ---------------------------------------------------------------------- households

HOUSEHOLD_ID = "e0000000-0000-0000-0000-000000000001"
SHARED_ID = "e0000000-0000-0000-0000-000000000002"


def household(name: str = "Personal", id_: str = HOUSEHOLD_ID, role: str = "OWNER", members: int = 1) -> dict:
    return {"id": id_, "name": name, "role": role, "members": members, "created_at": "2024-01-01T00:00:00Z"}


def member(email: str, role: str = "OWNER", id_: str = "11111111-1111-1111-1111-111111111111") -> dict:
    user = {"id": id_, "email": email, "full_name": email.split("@")[0].capitalize()}
    return {"user": user, "role": role, "joined_at": "2024-01-01T00:00:00Z"}
