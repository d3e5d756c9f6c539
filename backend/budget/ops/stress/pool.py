"""What the writers share: the ids they know, and the small ledger they start from."""

import random
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .client import Client

SIGNS = ("POSITIVE", "NEGATIVE", "NEUTRAL")


def money(rng: random.Random, low: int, high: int) -> str:
    """A random amount between low and high units, as the API's string."""
    return str(Decimal(rng.randrange(low * 100, high * 100 + 1)).scaleb(-2))


@dataclass
class Pool:
    """What the writers know of the ledger. Kept loosely: a stale pick is one more 400 or 404."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    locations: list = field(default_factory=list)  # active ids, newest last
    buckets: dict = field(default_factory=dict)  # active id -> percentage (Decimal), newest last
    categories: dict = field(default_factory=dict)  # active id -> sign
    transactions: dict = field(default_factory=dict)  # id -> {"split": bool, "sign": str}
    transfers: list = field(default_factory=list)
    archived: set = field(default_factory=set)  # ids whose archive answered 204: they stay archived
    races: dict = field(default_factory=lambda: defaultdict(Counter))  # race -> Counter of statuses
    # Per transaction id: the category and its sign as answered when the row was created. A row that
    # is still there at the end pins its category's sign (invariant 6).
    created: dict = field(default_factory=dict)

    def pick(self, rng: random.Random, name: str, newest: float = 0.0):
        """A random active id of `name`; with probability `newest` the newest one."""
        with self.lock:
            rows = list(getattr(self, name))
        if not rows:
            return None
        return rows[-1] if rng.random() < newest else rng.choice(rows)

    def category(self, rng: random.Random, sign: str):
        with self.lock:
            ids = [cid for cid, s in self.categories.items() if s == sign]
        return rng.choice(ids) if ids else None

    def add_transactions(self, rows: list) -> None:
        with self.lock:
            for row in rows:
                self.transactions[row["id"]] = {"split": row["split_income"], "sign": row["category_sign"]}
                self.created[row["id"]] = (row["category"], row["category_sign"])

    def forget(self, name: str, key) -> None:
        with self.lock:
            rows = getattr(self, name)
            if isinstance(rows, dict):
                rows.pop(key, None)
            elif key in rows:
                rows.remove(key)


SETUP = {
    "locations": ["Bank", "Cash", "Card"],
    "buckets": {"Needs": "40", "Savings": "30", "Fun": "20", "Gifts": "10"},
    "categories": {
        "POSITIVE": ["Salary", "Bonus"],
        "NEGATIVE": ["Food", "Rent", "Fuel"],
        "NEUTRAL": ["Loan"],
    },
}


def set_up(client: Client, pool: Pool) -> None:
    """A few locations, buckets summing to 100 % and categories of each sign."""

    def make(path, body):
        status, data = client.call("setup", "POST", path, body)
        if status != 201:
            raise RuntimeError(f"Setting up: POST {path} answered {status}: {data}")
        return data

    for name in SETUP["locations"]:
        pool.locations.append(make("/api/locations/", {"name": name})["id"])
    for name, percentage in SETUP["buckets"].items():
        row = make("/api/buckets/", {"name": name, "allocation_percentage": percentage})
        pool.buckets[row["id"]] = Decimal(row["allocation_percentage"])
    for sign, names in SETUP["categories"].items():
        for name in names:
            pool.categories[make("/api/categories/", {"name": name, "sign": sign})["id"]] = sign
