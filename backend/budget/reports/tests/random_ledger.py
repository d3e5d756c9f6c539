"""Random ledgers for the oracle, made through the ledger services the way the API makes them.

Several years (one gap year, one empty month), split incomes allocated, pending and re-split,
transfers, edits, deletions, archived categories and places, and another user's ledger in the
same periods.
"""

import calendar
import dataclasses
import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError

from budget.ledger import services
from budget.ledger.models import Bucket, Category, Sign, Transaction, Transfer
from budget.ledger.selectors import bucket_list, location_list

KEYS = {Sign.POSITIVE: "positive", Sign.NEGATIVE: "negative", Sign.NEUTRAL: "neutral"}
POOLS = {
    Sign.POSITIVE: ["Salary", "bonus", "Gifts", "interest", "Refunds"],
    Sign.NEGATIVE: ["Food", "rent", "Travel", "utilities", "Books", "Épicerie"],
    Sign.NEUTRAL: ["Loan", "debt", "Savings swap"],
}
SHARES = [
    ["50", "30", "20"],
    ["60", "40"],
    ["40", "30", "20", "10"],
    ["25", "25", "50"],
    ["33.34", "33.33", "33.33"],
]


# --- Random ledgers through the services -----------------------------------------------------------


def money(rng: random.Random) -> Decimal:
    cents = rng.randint(1, 5) if rng.random() < 0.05 else rng.randint(1, 300_000)
    return Decimal(cents).scaleb(-2)


@dataclasses.dataclass
class Plan:
    years: list[int]  # the years the user's transactions fall in; a gap year is left out
    gap: int
    empty: tuple[int, int]  # a month of a busy year without any of the user's transactions

    @classmethod
    def random(cls, rng: random.Random) -> "Plan":
        first = rng.randint(2015, 2021)
        span = rng.randint(4, 5)
        gap = first + rng.randint(1, span - 2)
        years = [year for year in range(first, first + span) if year != gap]
        return cls(years=years, gap=gap, empty=(rng.choice(years), rng.randint(1, 12)))

    @property
    def around(self) -> range:
        """Every year of the plan plus one either side (only the other user has rows there)."""
        return range(self.years[0] - 1, self.years[-1] + 2)


class Builder:
    """One user's ledger, made the way the API makes it; refused operations just count."""

    def __init__(self, user, rng: random.Random, years: list[int], empty: tuple[int, int] | None = None):
        self.user, self.rng, self.years, self.empty = user, rng, years, empty
        self.plain, self.splits, self.transfers, self.pending = [], [], [], []
        self.done: set[str] = set()
        self.refused = 0
        self.setup()

    def date(self, year: int | None = None) -> datetime.date:
        year = year or self.rng.choice(self.years)
        month = self.rng.randint(1, 12)
        while (year, month) == self.empty:
            month = self.rng.randint(1, 12)
        last = calendar.monthrange(year, month)[1]
        return datetime.date(year, month, self.rng.choice([1, last, self.rng.randint(1, last)]))

    def setup(self) -> None:
        rng, user = self.rng, self.user
        names = rng.sample(["Cash", "bank", "Savings", "wallet"], rng.randint(2, 3))
        self.locations = [services.location_create(user=user, name=name) for name in names]
        self.old_location = services.location_create(user=user, name="Old account")
        self.locations.append(self.old_location)
        services.location_archive(location=services.location_create(user=user, name="Attic"))
        shares = [Decimal(share) for share in rng.choice(SHARES)]
        names = rng.sample(["Necessities", "economy", "Fun", "travel fund"], len(shares))
        self.shares = [
            services.bucket_create(user=user, name=name, allocation_percentage=share)
            for name, share in zip(names, shares, strict=True)
        ]
        self.spare = services.bucket_create(user=user, name="spare")
        self.buckets = [*self.shares, services.bucket_create(user=user, name="Buffer"), self.spare]
        self.categories, self.to_archive = {}, []
        for sign, pool in POOLS.items():
            made = [
                services.category_create(user=user, name=name, sign=sign)
                for name in rng.sample(pool, len(pool))
            ]
            # made[0] stays active and unused; one or two are archived once used; the rest stay in use.
            self.to_archive += made[1 : 2 + (len(made) > 3 and rng.random() < 0.5)]
            self.categories[sign] = made[1:]
            unused = services.category_create(user=user, name=f"Old {KEYS[sign]}", sign=sign)
            services.category_archive(category=unused)
        self.create(Sign.NEGATIVE, location=self.old_location, bucket=self.spare)
        self.create(Sign.POSITIVE, location=self.old_location, bucket=self.spare)

    # --- Operations ----------------------------------------------------------------------------

    def create(
        self, sign, *, location=None, bucket=None, category=None, split=False, allocate=None, year=None
    ):
        amount = money(self.rng)
        if sign == Sign.NEUTRAL and self.rng.random() < 0.5:
            amount = -amount
        txn = services.transaction_create(
            user=self.user,
            date=self.date(year),
            description="oracle",
            amount=amount,
            category=category or self.rng.choice(self.categories[sign]),
            location=location or self.rng.choice(self.locations),
            bucket=None if split else bucket or self.rng.choice(self.buckets),
            split_income=split,
        )
        if split:
            self.splits.append(txn.pk)
            self.settle(txn.pk, allocate)
        else:
            self.plain.append(txn.pk)
        return txn

    def settle(self, pk, allocate=None) -> None:
        """Run the allocation task now (most of the time) or leave the income pending for later."""
        if allocate if allocate is not None else self.rng.random() < 0.7:
            services.income_allocate(transaction_id=pk)
        else:
            self.pending.append(pk)

    def allocate_some(self) -> None:
        self.rng.shuffle(self.pending)
        for _ in range(self.rng.randint(0, len(self.pending))):
            services.income_allocate(transaction_id=self.pending.pop())

    def transfer(self, kind=None) -> Transfer:
        rng = self.rng
        kind = kind or rng.choice(["locations", "buckets", "both"])
        from_location, from_bucket = rng.choice(self.locations), rng.choice(self.buckets)
        to_location, to_bucket = from_location, from_bucket
        if kind != "buckets":
            to_location = rng.choice([place for place in self.locations if place != from_location])
        if kind != "locations":
            to_bucket = rng.choice([place for place in self.buckets if place != from_bucket])
        transfer = services.transfer_create(
            user=self.user,
            date=self.date(),
            description=f"move {kind}",
            amount=money(rng),
            from_location=from_location,
            to_location=to_location,
            from_bucket=from_bucket,
            to_bucket=to_bucket,
        )
        self.transfers.append(transfer.pk)
        self.done.add(f"transfer {kind}")
        return transfer

    def update(self) -> None:
        if not self.plain:
            return
        rng = self.rng
        txn = Transaction.objects.select_related("category").get(pk=rng.choice(self.plain))
        change = rng.choice(["amount", "date", "location", "bucket", "category", "split on", "description"])
        if change == "amount":
            amount = money(rng)
            services.transaction_update(txn=txn, amount=-amount if txn.amount < 0 else amount)
        elif change == "date":
            services.transaction_update(txn=txn, date=self.date())
        elif change == "location":
            services.transaction_update(txn=txn, location=rng.choice(self.locations))
        elif change == "bucket":
            services.transaction_update(txn=txn, bucket=rng.choice(self.buckets))
        elif change == "category":
            category = rng.choice(self.categories[rng.choice(list(POOLS))])
            amount = txn.amount if category.sign == Sign.NEUTRAL else abs(txn.amount)
            services.transaction_update(txn=txn, category=category, amount=amount)
        elif change == "split on" and txn.category.sign == Sign.POSITIVE:
            services.transaction_update(txn=txn, split_income=True)
            self.plain.remove(txn.pk)
            self.splits.append(txn.pk)
            self.settle(txn.pk)
        else:
            services.transaction_update(txn=txn, description="renamed")

    def update_split(self) -> None:
        if not self.splits:
            return
        rng = self.rng
        txn = Transaction.objects.get(pk=rng.choice(self.splits))
        change = rng.choice(["amount", "amount", "date", "location", "split off"])
        if change in ("amount", "date"):
            if change == "amount":
                services.transaction_update(txn=txn, amount=money(rng))
            else:
                services.transaction_update(txn=txn, date=self.date())
            self.settle(txn.pk, rng.random() < 0.6)
        elif change == "location":
            services.transaction_update(txn=txn, location=rng.choice(self.locations))
        else:
            services.transaction_update(txn=txn, split_income=False, bucket=rng.choice(self.buckets))
            self.splits.remove(txn.pk)
            self.plain.append(txn.pk)

    def delete(self) -> None:
        kind = self.rng.choice(["plain", "split"])
        pks = self.plain if kind == "plain" else self.splits
        if pks:
            pk = self.rng.choice(pks)
            services.transaction_delete(txn=Transaction.objects.get(pk=pk))
            pks.remove(pk)
            self.done.add(f"delete {kind}")

    def untransfer(self) -> None:
        if self.transfers:
            pk = self.rng.choice(self.transfers)
            services.transfer_delete(transfer=Transfer.objects.get(pk=pk))
            self.transfers.remove(pk)
            self.done.add("delete transfer")

    # --- Milestones ----------------------------------------------------------------------------

    def archive_categories(self) -> None:
        for category in self.to_archive:
            if not Transaction.objects.filter(category=category).exists():
                self.create(category.sign, category=category)
            services.category_archive(category=category)
            self.categories[category.sign].remove(category)
            if self.rng.random() < 0.5:  # a new active one named like the archived one but for case
                twin = services.category_create(
                    user=self.user, name=category.name.upper(), sign=category.sign
                )
                self.categories[category.sign].append(twin)

    def archive_places(self) -> None:
        """Empty the old account and the spare bucket with transfers, then archive them."""
        others = [place for place in self.locations if place != self.old_location]
        balance = location_list(member=self.user).get(pk=self.old_location.pk).balance
        if balance:
            ends = (self.old_location, others[0]) if balance > 0 else (others[0], self.old_location)
            services.transfer_create(
                user=self.user,
                date=self.date(),
                description="close the account",
                amount=abs(balance),
                from_location=ends[0],
                to_location=ends[1],
                from_bucket=self.buckets[0],
            )
        services.location_archive(location=self.old_location)
        self.locations.remove(self.old_location)
        self.empty_bucket(self.spare, self.buckets[0])
        services.bucket_archive(bucket=self.spare)
        self.buckets.remove(self.spare)
        transfer_category = (
            Category.objects.for_user(self.user).filter(name="Transfer", is_archived=False).first()
        )
        if transfer_category is not None and self.rng.random() < 0.5:
            services.category_archive(category=transfer_category)  # the next transfer makes a new one

    def empty_bucket(self, bucket, into) -> None:
        balance = bucket_list(member=self.user).get(pk=bucket.pk).balance
        if balance:
            ends = (bucket, into) if balance > 0 else (into, bucket)
            services.transfer_create(
                user=self.user,
                date=self.date(),
                description="empty the bucket",
                amount=abs(balance),
                from_location=self.locations[0],
                from_bucket=ends[0],
                to_bucket=ends[1],
            )

    def strand_money_in_archived_bucket(self) -> None:
        """A split income re-split while one of its buckets was emptied and archived.

        The late allocation task rewrites the archived bucket's leg, so an archived bucket ends up
        holding money: the current report must list it.
        """
        archived, keeper = self.shares[-1], self.shares[0]
        income = self.create(Sign.POSITIVE, split=True, allocate=True)
        # A change large enough to move every leg by at least a cent.
        services.transaction_update(txn=income, amount=income.amount + 100 + money(self.rng))
        self.empty_bucket(archived, keeper)
        try:
            services.bucket_archive(bucket=archived)
        except ValidationError:  # a ledger may refuse to archive a bucket that a pending income still uses
            services.income_allocate(transaction_id=income.pk)
            return
        keeper = services.bucket_update(
            bucket=Bucket.objects.get(pk=keeper.pk),
            allocation_percentage=keeper.allocation_percentage + archived.allocation_percentage,
        )
        self.shares = [keeper, *self.shares[1:-1]]
        self.buckets = [keeper, *(place for place in self.buckets[1:] if place != archived)]
        services.income_allocate(transaction_id=income.pk)
        self.done.add("stranded")

    # --- The walk ------------------------------------------------------------------------------

    def walk(self, steps: int) -> "Builder":
        operations = (
            [lambda: self.create(Sign.POSITIVE)] * 3
            + [lambda: self.create(Sign.POSITIVE, split=True)] * 4
            + [lambda: self.create(Sign.NEGATIVE)] * 6
            + [lambda: self.create(Sign.NEUTRAL)] * 3
            + [self.transfer] * 3
            + [self.update] * 4
            + [self.update_split] * 4
            + [self.delete] * 2
            + [self.untransfer, self.allocate_some, self.allocate_some]
        )
        milestones = {
            steps // 3: self.archive_categories,
            steps // 2: self.archive_places,
            2 * steps // 3: self.strand_money_in_archived_bucket,
        }
        for step in range(steps):
            if step in milestones:
                milestones[step]()
            try:
                self.rng.choice(operations)()
            except ValidationError:  # e.g. moving money of an archived place: refused, nothing written
                self.refused += 1
        self.ensure()
        return self

    def ensure(self) -> None:
        """What the walk may have missed by chance, so every seed covers every case."""
        for year in (self.years[0], self.years[-1]):
            self.create(Sign.NEGATIVE, year=year)
        for kind in ("locations", "buckets", "both"):
            if f"transfer {kind}" not in self.done:
                self.transfer(kind)
        if "delete transfer" not in self.done:
            services.transfer_delete(transfer=self.transfer())
        for kind in ("plain", "split"):
            if f"delete {kind}" not in self.done:
                txn = self.create(Sign.POSITIVE, split=kind == "split", allocate=True)
                services.transaction_delete(txn=txn)
        for allocate in (True, False):  # edited once split: split again, or waiting with the old legs
            txn = self.create(Sign.POSITIVE, split=True, allocate=True)
            services.transaction_update(txn=txn, amount=txn.amount + 1 + money(self.rng))
            self.settle(txn.pk, allocate)
        self.create(Sign.POSITIVE, split=True, allocate=False)  # one that never got its legs
        # An archived category used in a month where its amounts cancel out: listed there with 0.00.
        settled = services.category_create(user=self.user, name="Settled", sign=Sign.NEUTRAL)
        date, amount = self.date(), money(self.rng)
        for value in (amount, -amount):
            txn = services.transaction_create(
                user=self.user,
                date=date,
                description="settled",
                amount=value,
                category=settled,
                location=self.locations[0],
                bucket=self.buckets[0],
            )
            self.plain.append(txn.pk)
        services.category_archive(category=settled)


def build(seed: int, make_user):
    rng = random.Random(seed)
    plan = Plan.random(rng)
    user = make_user(f"oracle{seed}@example.com")
    other = make_user(f"other{seed}@example.com")
    builder = Builder(user, rng, plan.years, plan.empty).walk(70)
    # The other user writes in every year around, the gap year and the empty month included.
    others = Builder(other, random.Random(-seed), list(plan.around)).walk(25)
    others.create(Sign.POSITIVE, year=plan.gap)
    empty_year, empty_month = plan.empty
    services.transaction_create(
        user=other,
        date=datetime.date(empty_year, empty_month, 15),
        description="other",
        amount=Decimal("123.45"),
        category=others.categories[Sign.NEGATIVE][0],
        location=others.locations[0],
        bucket=others.buckets[0],
    )
    return plan, builder, other
