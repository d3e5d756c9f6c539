"""DESIGN.md invariants 1-5 after random sequences of operations through the services.

A seeded random walk: create, edit and delete transactions (split incomes too), make and undo
transfers, change and archive buckets, with allocation tasks run at random later moments (as a
real queue would). Refused operations are part of the walk: they must leave nothing behind.
"""

import contextlib
import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.households.models import Membership, Role
from budget.ledger import services
from budget.ledger.models import AllocationStatus, Bucket, Sign, Transaction, Transfer
from budget.ledger.tests.invariants import check_invariants

from .conftest import make_ledger

STEPS = 80


def money(rng: random.Random, low=1, high=500_000) -> Decimal:
    return Decimal(rng.randint(low, high)) / 100


class Walk:
    """Writes to `user`'s household by `user` and any `members` (editors), at random."""

    def __init__(self, user, rng, capture, members=()):
        self.user, self.rng, self.capture = user, rng, capture
        self.actors = [user, *members]
        self.household = user.default_household_id
        self.ledger = make_ledger(user)
        self.locations = [self.ledger.cash, self.ledger.bank]
        self.buckets = [self.ledger.necessities, self.ledger.economy, self.ledger.fun]
        self.categories = [self.ledger.salary, self.ledger.food, self.ledger.loan]
        self.queue = []  # allocation tasks enqueued but not run yet

    def date(self):
        return datetime.date(2024, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 900))

    def step(self):
        op = self.rng.choice(
            [self.create] * 5
            + [self.update] * 3
            + [self.delete, self.transfer, self.untransfer, self.rebalance]
        )
        # A refused operation is part of the walk; the invariants prove it left nothing behind.
        with self.capture(execute=False) as callbacks, contextlib.suppress(ValidationError):
            op()
        self.queue.extend(callbacks)
        # Tasks run late, in any order, sometimes not yet.
        self.rng.shuffle(self.queue)
        for _ in range(self.rng.randint(0, len(self.queue))):
            self.queue.pop()()

    def create(self):
        category = self.rng.choice(self.categories)
        split = category.sign == Sign.POSITIVE and self.rng.random() < 0.6
        amount = money(self.rng)
        if category.sign == Sign.NEUTRAL and self.rng.random() < 0.5:
            amount = -amount
        services.transaction_create(
            user=self.rng.choice(self.actors),
            household=self.household,
            date=self.date(),
            description="walk",
            amount=amount,
            category=category,
            location=self.rng.choice(self.locations),
            bucket=None if split else self.rng.choice(self.buckets),
            split_income=split,
        )

    def some_transaction(self):
        rows = list(
            Transaction.objects.for_user(self.user).filter(transfer=None).values_list("pk", flat=True)
        )
        return Transaction.objects.get(pk=self.rng.choice(rows)) if rows else None

    def update(self):
        txn = self.some_transaction()
        if txn is None:
            return
        change = self.rng.choice(
            ["amount", "date", "location", "bucket", "split_on", "split_off", "category"]
        )
        if change == "amount":
            services.transaction_update(txn=txn, amount=money(self.rng))
        elif change == "date":
            services.transaction_update(txn=txn, date=self.date())
        elif change == "location":
            services.transaction_update(txn=txn, location=self.rng.choice(self.locations))
        elif change == "bucket":
            services.transaction_update(txn=txn, bucket=self.rng.choice(self.buckets))
        elif change == "split_on":
            services.transaction_update(txn=txn, split_income=True)
        elif change == "split_off":
            services.transaction_update(txn=txn, split_income=False, bucket=self.rng.choice(self.buckets))
        else:
            services.transaction_update(txn=txn, category=self.rng.choice(self.categories))

    def delete(self):
        txn = self.some_transaction()
        if txn is not None:
            services.transaction_delete(txn=txn)

    def transfer(self):
        services.transfer_create(
            user=self.rng.choice(self.actors),
            household=self.household,
            date=self.date(),
            description="move",
            amount=money(self.rng, high=50_000),
            from_location=self.rng.choice(self.locations),
            to_location=self.rng.choice(self.locations),
            from_bucket=self.rng.choice(self.buckets),
            to_bucket=self.rng.choice(self.buckets),
        )

    def untransfer(self):
        transfer = Transfer.objects.for_user(self.user).order_by("?").first()
        if transfer is not None:
            services.transfer_delete(transfer=transfer)

    def rebalance(self):
        bucket = Bucket.objects.get(pk=self.rng.choice(self.buckets).pk)
        if self.rng.random() < 0.15:
            services.bucket_archive(bucket=bucket)
        else:
            services.bucket_update(
                bucket=bucket, allocation_percentage=Decimal(self.rng.randint(0, 6000)) / 100
            )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(5))
def test_invariants_hold_after_random_operations(
    seed, user, other_user, make_user, django_capture_on_commit_callbacks
):
    other = Walk(other_user, random.Random(-seed), django_capture_on_commit_callbacks)
    for _ in range(10):
        other.step()
    other_snapshot = sorted(Transaction.objects.for_user(other_user).values_list("pk", "signed_amount"))

    editor = make_user("eve@example.com")
    Membership.objects.create(household=user.default_household, user=editor, role=Role.EDITOR)
    walk = Walk(user, random.Random(seed), django_capture_on_commit_callbacks, members=[editor])
    for _ in range(STEPS):
        walk.step()
        check_invariants(user)

    while walk.queue:
        walk.queue.pop()()
    services.incomes_requeue_pending(older_than=datetime.timedelta(0))  # the sweeper, run now
    check_invariants(user)
    assert Transaction.objects.for_user(user).count() > 10  # the walk did write, not only get refused
    # An income can only stay pending when there is no bucket to split it over.
    if Bucket.objects.for_user(user).filter(is_archived=False, allocation_percentage__gt=0).exists():
        assert (
            not Transaction.objects.for_user(user).filter(allocation_status=AllocationStatus.PENDING).exists()
        )
    # 5. Nothing of the other user moved.
    assert (
        sorted(Transaction.objects.for_user(other_user).values_list("pk", "signed_amount")) == other_snapshot
    )
