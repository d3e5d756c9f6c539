"""Races sent on purpose: the same row changed by two or three requests released at one moment.

Each is one of the races DESIGN.md's lock order exists for: archiving a location (or bucket) while
a transaction into it is created, a rename racing the archive of the same bucket, a category's sign
changed under its first transaction. How each round ended is counted (`Pool.races`); whether the
ledger still holds is for `checks.py` to say.
"""

import contextlib
import threading
import time
from decimal import Decimal

from .client import Client
from .pool import Pool
from .writers import Writer


class Racer(Writer):
    """A writer that also races itself, with two more sessions of the same owner."""

    def __init__(self, number: int, client: Client, pool: Pool, seed: int):
        super().__init__(number, client, pool, seed)
        self.twins = [client.twin(), client.twin()]

    def together(self, *calls) -> list:
        """Send each (kind, method, path, body) on its own session at once; their (status, JSON)."""
        sessions = [self.client, *self.twins]
        barrier = threading.Barrier(len(calls))
        results = [(None, None)] * len(calls)

        def send(index):
            with contextlib.suppress(threading.BrokenBarrierError):  # then it goes alone, still counted
                barrier.wait(timeout=10)
            results[index] = sessions[index].call(*calls[index])

        threads = [threading.Thread(target=send, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    def _new(self, path: str, body: dict):
        status, data = self.client.call("race: setup", "POST", path, body)
        return data["id"] if status == 201 else None

    def _outcome(self, race: str, *statuses) -> None:
        with self.pool.lock:
            self.pool.races[race]["+".join(str(status) for status in statuses)] += 1

    def _created(self, status, row) -> str:
        if status != 201:
            return str(status)
        self.pool.add_transactions([row])
        return f"201 {row['category_sign'].lower()}"

    def location_race(self):
        """Archive a new, empty location while a transaction into it is created: one must lose."""
        body = self.transaction_body()
        location = body and self._new("/api/locations/", {"name": self.name("Race place")})
        if not location:
            return
        (archived, _), (created, row) = self.together(
            ("race: location archive", "DELETE", f"/api/locations/{location}/"),
            ("race: transaction into it", "POST", "/api/transactions/", {**body, "location": location}),
        )
        self._outcome("location archive + transaction into it", archived, self._created(created, row))
        if archived == 204:
            with self.pool.lock:
                self.pool.archived.add(location)
        else:
            with self.pool.lock:
                self.pool.locations.append(location)

    def bucket_race(self):
        """Archive a new, empty bucket while it is renamed and a transaction into it is created."""
        body = self.transaction_body()
        if not body or body["split_income"]:
            return
        bucket = self._new("/api/buckets/", {"name": self.name("Race jar"), "allocation_percentage": "0"})
        if not bucket:
            return
        path = f"/api/buckets/{bucket}/"
        (archived, _), (renamed, _), (created, row) = self.together(
            ("race: bucket archive", "DELETE", path),
            ("race: bucket rename", "PATCH", path, {"name": self.name("Race jar")}),
            ("race: transaction into it", "POST", "/api/transactions/", {**body, "bucket": bucket}),
        )
        self._outcome(
            "bucket archive + rename + transaction into it", archived, renamed, self._created(created, row)
        )
        with self.pool.lock:
            if archived == 204:
                self.pool.archived.add(bucket)
            else:
                self.pool.buckets[bucket] = Decimal(0)

    def category_race(self):
        """Turn a new expense category into an income one while its first expense is created."""
        body = self.transaction_body()
        category = body and self._new(
            "/api/categories/", {"name": self.name("Race kind"), "sign": "NEGATIVE"}
        )
        if not category:
            return
        expense = {**body, "category": category, "split_income": False, "amount": body["amount"].lstrip("-")}
        (changed, data), (created, row) = self.together(
            ("race: category sign", "PATCH", f"/api/categories/{category}/", {"sign": "POSITIVE"}),
            ("race: first expense", "POST", "/api/transactions/", expense),
        )
        self._outcome("category sign + first expense", changed, self._created(created, row))
        with self.pool.lock:
            self.pool.categories[category] = data["sign"] if changed == 200 else "NEGATIVE"

    def run(self, until: float, done: list, crashes: list) -> None:
        names, weights = zip(*OPERATIONS, strict=True)
        operations = [getattr(self, name) for name in names]
        sessions = [self.client, *self.twins]
        count = 0
        try:
            while time.monotonic() < until:
                before = sum(session.sent for session in sessions)
                self.rng.choices(operations, weights)[0]()
                count += sum(session.sent for session in sessions) > before
        except Exception as exc:  # a bug of this tool, or an answer it cannot read: say so, stop
            crashes.append(f"writer {self.number}: {type(exc).__name__}: {exc}")
        done.append(count)


# Operation and weight: mostly transactions, as in real use, with enough setup churn to race.
OPERATIONS = [
    ("transaction_create", 20),
    ("split_income_create", 6),
    ("bulk_create", 3),
    ("transaction_edit", 10),
    ("transaction_delete", 6),
    ("transfer_create", 6),
    ("transfer_delete", 3),
    ("location_create", 2),
    ("location_rename", 3),
    ("location_archive", 3),
    ("bucket_create", 2),
    ("bucket_rename", 3),
    ("bucket_archive", 3),
    ("bucket_percentage", 4),
    ("category_create", 2),
    ("category_sign", 3),
    ("location_race", 2),
    ("bucket_race", 2),
    ("category_race", 2),
]


def hammer(clients: list[Client], pool: Pool, *, seconds: float, seed: int) -> tuple[int, float, list]:
    """Run one writer per client for `seconds`; returns (operations, elapsed seconds, crashes)."""
    writers = [Racer(n + 1, client, pool, seed) for n, client in enumerate(clients)]
    done: list[int] = []
    crashes: list[str] = []
    began = time.monotonic()
    until = began + seconds
    threads = [threading.Thread(target=w.run, args=(until, done, crashes), daemon=True) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done), time.monotonic() - began, crashes
