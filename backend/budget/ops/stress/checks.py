"""After `make stress`: read the ledger back through the API and check DESIGN.md's invariants.

`snapshot` reads, `check` judges: a pure function of what was read (and of what the writers saw
when they created rows), so it is tested on its own with ledgers that break each invariant.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

from .client import Client

ZERO = Decimal("0.00")
NOT_VISIBLE = "5 (other owners' rows), 7 (activity), 8 (stored totals) are not visible through the API"


@dataclass
class Check:
    number: int
    text: str
    ok: bool

    def line(self) -> str:
        return f"  {'ok  ' if self.ok else 'FAIL'} {self.number} {self.text}"


def settle(client: Client, *, seconds: float) -> int:
    """Wait up to `seconds` for split incomes to be allocated; returns how many are still pending."""
    deadline = time.monotonic() + seconds
    while True:
        rows = client.every("settle", "/api/transactions/", split_income="true")
        pending = sum(1 for row in rows if row["allocation_status"] == "PENDING")
        if not pending or time.monotonic() >= deadline:
            return pending
        time.sleep(0.5)


def snapshot(client: Client) -> dict:
    every = client.every
    _, current = client.call("check", "GET", "/api/reports/current/")
    _, historical = client.call("check", "GET", "/api/reports/historical/")
    _, allocation = client.call("check", "GET", "/api/buckets/allocation/")
    return {
        "current": current,
        "historical": historical,
        "allocation": allocation,
        "locations": every("check", "/api/locations/", include_archived="true"),
        "buckets": every("check", "/api/buckets/", include_archived="true"),
        "categories": every("check", "/api/categories/", include_archived="true"),
        "transactions": every("check", "/api/transactions/"),
        "splits": every("check", "/api/transactions/", split_income="true"),
    }


def _sum(rows, key="balance") -> Decimal:
    return sum((Decimal(row[key]) for row in rows), ZERO)


def _names(rows, limit=3) -> str:
    shown = ", ".join(rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def check(data: dict, created: dict, archived: frozenset | set = frozenset()) -> list[Check]:
    """Invariants 1, 2, 3, 4 and 6. `created` maps each transaction id the writers created to
    (category id, category sign) as the API answered the creation; `archived` holds the ids of
    locations and buckets whose archiving answered 204 (nothing un-archives: they must still be)."""
    current, transactions = data["current"], data["transactions"]
    locations, buckets = _sum(data["locations"]), _sum(data["buckets"])
    unallocated, net = Decimal(current["unallocated"]), Decimal(current["balance"]["net"])
    rows = _sum(transactions, "signed_amount")
    reported = (Decimal(current["locations_total"]), Decimal(current["buckets_total"]))
    checks = [
        Check(
            1,
            f"locations {locations} = buckets {buckets} + unallocated {unallocated} = net {net}"
            f" (rows {rows}, report totals {reported[0]} / {reported[1]})",
            locations == buckets + unallocated == net == rows and reported == (locations, buckets),
        )
    ]

    balance = data["historical"]["summary"]["balance"]
    positive, negative, neutral, hist_net = (
        Decimal(balance[key]) for key in ("positive", "negative", "neutral", "net")
    )
    checks.append(
        Check(
            2,
            f"net {hist_net} = positive {positive} - negative {negative} + neutral {neutral}"
            f" (historical), {'=' if hist_net == net else '≠'} current net {net}",
            hist_net == positive - negative + neutral == net,
        )
    )

    allocated = [row for row in data["splits"] if row["allocation_status"] == "ALLOCATED"]
    uneven = [
        f"{row['id']} ({row['amount']} vs {_sum(row['allocations'], 'amount')})"
        for row in allocated
        if _sum(row["allocations"], "amount") != Decimal(row["amount"])
    ]
    pending = [row for row in data["splits"] if row["allocation_status"] == "PENDING" and row["allocations"]]
    text = f"split legs add up to their income in {len(allocated) - len(uneven)} of {len(allocated)}"
    if uneven:
        text += f"; not in {_names(uneven)}"
    if pending:
        text += f"; {len(pending)} PENDING with legs"
    checks.append(Check(3, text, not uneven and not pending))

    active = sum(
        (Decimal(row["allocation_percentage"]) for row in data["buckets"] if not row["is_archived"]), ZERO
    )
    said = Decimal(data["allocation"]["total_percentage"])
    checks.append(
        Check(
            4,
            f"active bucket percentages {active} ≤ 100 (allocation endpoint says {said})",
            active <= 100 and said == active,
        )
    )

    holding = [
        f"{row['name']} {row['balance']}"
        for row in data["locations"] + data["buckets"]
        if row["is_archived"] and Decimal(row["balance"]) != 0
    ]
    sign_now = {row["id"]: row["sign"] for row in data["categories"]}
    alive = {row["id"] for row in transactions}
    turned = sorted(
        {
            f"{category} {sign}→{sign_now.get(category)}"
            for txn, (category, sign) in created.items()
            if txn in alive and sign_now.get(category) != sign
        }
    )
    expected = {"POSITIVE": 1, "NEGATIVE": -1, "NEUTRAL": 1}
    misfit = [
        row["id"]
        for row in transactions
        if Decimal(row["signed_amount"])
        != expected.get(sign_now.get(row["category"]), 0) * Decimal(row["amount"])
    ]
    places = data["locations"] + data["buckets"]
    revived = [row["name"] for row in places if row["id"] in archived and not row["is_archived"]]
    count = sum(1 for row in places if row["is_archived"])
    used = len({row["category"] for row in transactions})
    text = f"{count} archived locations/buckets hold zero, {used} used categories kept their sign"
    if revived:
        text += f"; archived (204) yet active again: {_names(revived)}"
    if holding:
        text += f"; archived yet holding: {_names(holding)}"
    if turned:
        text += f"; sign changed under its transactions: {_names(turned)}"
    if misfit:
        text += f"; signed amount disagrees with the category's sign: {_names(misfit)}"
    checks.append(Check(6, text, not holding and not turned and not misfit and not revived))
    return checks
