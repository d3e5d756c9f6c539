"""`make stress`: N writers of one owner hammer a running API for T seconds with random writes.

The pools of rows are small and shared, so writers keep colliding: an archive races a transaction
into the same location, a rename races an archive of the same bucket, a sign change races a first
expense, percentage changes race bucket creation. What the API answered is counted per operation;
what the ledger looks like afterwards is checked by `checks.py`. Deliberate races: `races.py`.
"""

import datetime
import random
from decimal import Decimal

from .client import Client
from .pool import SIGNS, Pool, money


class Writer:
    """One thread: its own session, random generator and names."""

    def __init__(self, number: int, client: Client, pool: Pool, seed: int):
        self.number, self.client, self.pool = number, client, pool
        self.rng = random.Random(seed * 1000 + number)  # noqa: S311 -- load, not secrets
        self.made = 0
        self.today = datetime.date.today()  # noqa: DTZ011 -- any plausible date will do

    def name(self, prefix: str) -> str:
        self.made += 1
        return f"{prefix} {self.number}-{self.made}"

    def date(self) -> str:
        return (self.today - datetime.timedelta(days=self.rng.randrange(400))).isoformat()

    # --- transactions ------------------------------------------------------------------------

    def transaction_body(self, *, split: bool = False) -> dict | None:
        rng, pool = self.rng, self.pool
        sign = "POSITIVE" if split else rng.choices(SIGNS, (2, 5, 2))[0]
        category, location = pool.category(rng, sign), pool.pick(rng, "locations", newest=0.3)
        bucket = None if split else pool.pick(rng, "buckets", newest=0.3)
        if not category or not location or not (bucket or split):
            return None
        if sign == "NEUTRAL":
            amount = money(rng, 1, 100)
            amount = amount if rng.random() < 0.5 else f"-{amount}"
        else:
            amount = money(rng, 10, 800) if sign == "POSITIVE" else money(rng, 1, 120)
        return {
            "date": self.date(),
            "description": self.name("stress"),
            "amount": amount,
            "category": category,
            "location": location,
            "bucket": bucket,
            "split_income": split,
        }

    def transaction_create(self, kind="transaction create", split=False):
        body = self.transaction_body(split=split)
        if body:
            status, data = self.client.call(kind, "POST", "/api/transactions/", body)
            if status == 201:
                self.pool.add_transactions([data])

    def split_income_create(self):
        self.transaction_create("split income create", split=True)

    def bulk_create(self):
        bodies = [body for body in (self.transaction_body() for _ in range(self.rng.randint(2, 6))) if body]
        if bodies:
            status, data = self.client.call("bulk create", "POST", "/api/transactions/bulk/", bodies)
            if status == 201:
                self.pool.add_transactions(data)

    def transaction_edit(self):
        txn = self.pool.pick(self.rng, "transactions")
        if txn is None:
            return
        with self.pool.lock:
            known = self.pool.transactions.get(txn)
        if known is None:
            return
        choice = self.rng.choice(("amount", "description", "bucket"))
        if choice == "amount":
            body = {"amount": money(self.rng, 1, 300)}
            if known["sign"] == "NEUTRAL" and self.rng.random() < 0.5:
                body["amount"] = f"-{body['amount']}"
        elif choice == "description" or known["split"]:
            body = {"description": self.name("edited")}
        else:
            body = {"bucket": self.pool.pick(self.rng, "buckets", newest=0.3)}
        status, _ = self.client.call("transaction edit", "PATCH", f"/api/transactions/{txn}/", body)
        if status == 404:
            self.pool.forget("transactions", txn)

    def transaction_delete(self):
        txn = self.pool.pick(self.rng, "transactions")
        if txn is not None:
            status, _ = self.client.call("transaction delete", "DELETE", f"/api/transactions/{txn}/")
            if status in (204, 404):
                self.pool.forget("transactions", txn)

    # --- transfers ---------------------------------------------------------------------------

    def transfer_create(self):
        pick = self.pool.pick
        body = {
            "date": self.date(),
            "description": self.name("move"),
            "amount": money(self.rng, 1, 60),
            "from_location": pick(self.rng, "locations", newest=0.2),
            "from_bucket": pick(self.rng, "buckets", newest=0.2),
        }
        shape = self.rng.randrange(3)  # between locations, between buckets, or both
        if shape != 1:
            body["to_location"] = pick(self.rng, "locations", newest=0.2)
        if shape != 0:
            body["to_bucket"] = pick(self.rng, "buckets", newest=0.2)
        status, data = self.client.call("transfer create", "POST", "/api/transfers/", body)
        if status == 201:
            with self.pool.lock:
                self.pool.transfers.append(data["id"])

    def transfer_delete(self):
        transfer = self.pool.pick(self.rng, "transfers")
        if transfer is not None:
            status, _ = self.client.call("transfer delete", "DELETE", f"/api/transfers/{transfer}/")
            if status in (204, 404):
                self.pool.forget("transfers", transfer)

    # --- locations, buckets, categories --------------------------------------------------------

    def location_create(self):
        status, data = self.client.call(
            "location create", "POST", "/api/locations/", {"name": self.name("Place")}
        )
        if status == 201:
            with self.pool.lock:
                self.pool.locations.append(data["id"])

    def _rename(self, kind: str, path: str, name: str, prefix: str):
        row = self.pool.pick(self.rng, name, newest=0.5)
        if row is not None:
            self.client.call(kind, "PATCH", f"{path}{row}/", {"name": self.name(prefix)})

    def _archive(self, kind: str, path: str, name: str):
        row = self.pool.pick(self.rng, name, newest=0.6)  # the newest is often empty
        if row is not None:
            status, _ = self.client.call(kind, "DELETE", f"{path}{row}/")
            self.archived(name, row, status)

    def archived(self, name: str, row, status) -> None:
        if status == 204:
            with self.pool.lock:
                self.pool.archived.add(row)
        if status in (204, 404):
            self.pool.forget(name, row)

    def location_rename(self):
        self._rename("location rename", "/api/locations/", "locations", "Place")

    def location_archive(self):
        self._archive("location archive", "/api/locations/", "locations")

    def bucket_create(self):
        percentage = self.rng.choice(("0", "0", "5", "10", "50"))
        body = {"name": self.name("Jar"), "allocation_percentage": percentage}
        status, data = self.client.call("bucket create", "POST", "/api/buckets/", body)
        if status == 201:
            with self.pool.lock:
                self.pool.buckets[data["id"]] = Decimal(data["allocation_percentage"])

    def bucket_rename(self):
        self._rename("bucket rename", "/api/buckets/", "buckets", "Jar")

    def bucket_archive(self):
        self._archive("bucket archive", "/api/buckets/", "buckets")

    def bucket_percentage(self):
        """Half the time a random share, half the time fill what is left up to 100 % (so split
        incomes keep being possible): a read, then a write that races every other writer's."""
        bucket = self.pool.pick(self.rng, "buckets")
        if bucket is None:
            return
        if self.rng.random() < 0.5:
            percentage = Decimal(self.rng.randrange(0, 41))
        else:
            status, data = self.client.call("bucket percentage", "GET", "/api/buckets/allocation/")
            if status != 200:
                return
            with self.pool.lock:
                current = self.pool.buckets.get(bucket, Decimal(0))
            percentage = current + Decimal(data["remaining_percentage"])
        status, data = self.client.call(
            "bucket percentage",
            "PATCH",
            f"/api/buckets/{bucket}/",
            {"allocation_percentage": str(percentage)},
        )
        if status == 200:
            with self.pool.lock:
                if bucket in self.pool.buckets:
                    self.pool.buckets[bucket] = Decimal(data["allocation_percentage"])

    def category_create(self):
        sign = self.rng.choice(SIGNS)
        body = {"name": self.name("Kind"), "sign": sign}
        status, data = self.client.call("category create", "POST", "/api/categories/", body)
        if status == 201:
            with self.pool.lock:
                self.pool.categories[data["id"]] = data["sign"]

    def category_sign(self):
        """Mostly the newest category: it may be getting its first transaction right now."""
        category = self.pool.pick(self.rng, "categories", newest=0.6)
        if category is None:
            return
        sign = self.rng.choice(SIGNS)
        status, data = self.client.call(
            "category sign", "PATCH", f"/api/categories/{category}/", {"sign": sign}
        )
        if status == 200:
            with self.pool.lock:
                if category in self.pool.categories:
                    self.pool.categories[category] = data["sign"]
