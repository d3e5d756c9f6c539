"""A believable, deterministic demo ledger: three years of one household's money."""

import calendar
import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from budget.ledger import services
from budget.ledger.models import AllocationStatus, Sign, Transaction

LOCATIONS = ["Cash", "ING", "Revolut"]
BUCKETS = {"Necessities": 50, "Economy": 20, "Education": 10, "Fun": 10, "Donations": 10}
CATEGORIES = {
    Sign.POSITIVE: ["Salary", "Bonus", "Interest", "Side projects", "Gifts received"],
    Sign.NEGATIVE: [
        "Rent",
        "Groceries",
        "Utilities",
        "Transport",
        "Eating out",
        "Entertainment",
        "Health",
        "Clothing",
        "Courses and books",
        "Travel",
        "Subscriptions",
        "Donations",
    ],
    Sign.NEUTRAL: ["Loan given", "Loan paid back"],
}


@dataclass
class DemoLedger:
    user: object
    locations: dict = field(default_factory=dict)
    buckets: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    counts: dict = field(default_factory=lambda: {"transactions": 0, "transfers": 0})


def _cents(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(int(low * 100), int(high * 100))) / 100


def _months(until: datetime.date, years: int):
    year, month = until.year - years, until.month + 1
    for _ in range(12 * years):
        if month > 12:
            year, month = year + 1, 1
        yield year, month
        month += 1


@transaction.atomic
def seed_ledger(*, user, seed: int = 1, until: datetime.date | None = None, years: int = 3) -> DemoLedger:
    """Fill an empty ledger for `user` with `years` of months ending with the month of `until`."""
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible on purpose
    until = until or timezone.localdate()
    demo = DemoLedger(user=user)
    for name in LOCATIONS:
        demo.locations[name] = services.location_create(user=user, name=name)
    for name, percentage in BUCKETS.items():
        demo.buckets[name] = services.bucket_create(
            user=user, name=name, allocation_percentage=Decimal(percentage)
        )
    for sign, names in CATEGORIES.items():
        for name in names:
            demo.categories[name] = services.category_create(user=user, name=name, sign=sign)

    def add(date, description, amount, category, location, bucket=None, split=False):
        if date > until:
            return
        txn = services.transaction_create(
            user=user,
            date=date,
            description=description,
            amount=amount,
            category=demo.categories[category],
            location=demo.locations[location],
            bucket=demo.buckets[bucket] if bucket else None,
            split_income=split,
        )
        demo.counts["transactions"] += 1
        if split:
            services.income_allocate(transaction_id=txn.pk)  # the demo is complete without a worker

    def move(date, description, amount, from_location, to_location, bucket, to_bucket=None):
        if date > until:
            return
        services.transfer_create(
            user=user,
            date=date,
            description=description,
            amount=amount,
            from_location=demo.locations[from_location],
            to_location=demo.locations[to_location],
            from_bucket=demo.buckets[bucket],
            to_bucket=demo.buckets[to_bucket or bucket],
        )
        demo.counts["transfers"] += 1

    salary = Decimal("4200.00")
    months = list(_months(until, years))
    loan_month = months[len(months) // 3]
    for index, (year, month) in enumerate(months):
        last = calendar.monthrange(year, month)[1]

        def day(d, year=year, month=month, last=last):
            return datetime.date(year, month, min(d, last))

        def someday():
            return day(rng.randint(1, 28))

        if month == 1 and index:
            salary = (salary * Decimal("1.04")).quantize(Decimal("1.00"))  # a raise every January
        add(day(1), "Salary", salary, "Salary", "ING", split=True)
        add(day(3), "Rent", Decimal("1200.00"), "Rent", "ING", "Necessities")
        add(day(12), "Electricity, gas and water", _cents(rng, 90, 210), "Utilities", "ING", "Necessities")
        add(day(15), "Internet and phone", Decimal("45.00"), "Utilities", "ING", "Necessities")
        add(day(5), "Music and films", Decimal("16.99"), "Subscriptions", "Revolut", "Fun")
        add(day(20), "Monthly donation", Decimal("50.00"), "Donations", "ING", "Donations")
        add(day(2), "Transit pass", Decimal("39.00"), "Transport", "Revolut", "Necessities")
        move(day(4), "ATM withdrawal", Decimal("200.00"), "ING", "Cash", "Necessities")
        move(day(6), "Top-up", Decimal("450.00"), "ING", "Revolut", "Fun")
        for _ in range(rng.randint(6, 10)):
            where = "Cash" if rng.random() < 0.35 else "Revolut"
            add(someday(), "Groceries", _cents(rng, 18, 95), "Groceries", where, "Necessities")
        for _ in range(rng.randint(1, 4)):
            place = rng.choice(["Pizza with friends", "Sushi", "Lunch out", "Coffee and cake"])
            add(someday(), place, _cents(rng, 12, 70), "Eating out", "Revolut", "Fun")
        if rng.random() < 0.6:
            what = rng.choice(["Cinema", "Concert", "Board game night", "Museum"])
            add(someday(), what, _cents(rng, 15, 80), "Entertainment", "Cash", "Fun")
        if rng.random() < 0.5:
            add(
                someday(),
                "Online course",
                _cents(rng, 20, 180),
                "Courses and books",
                "ING",
                "Education",
            )
        if rng.random() < 0.2:
            add(someday(), "Pharmacy", _cents(rng, 8, 60), "Health", "Cash", "Necessities")
        if month in (4, 10):
            add(
                someday(),
                "Clothes for the season",
                _cents(rng, 80, 250),
                "Clothing",
                "ING",
                "Necessities",
            )
        if month in (3, 6, 9, 12):
            add(day(last), "Savings interest", _cents(rng, 12, 40), "Interest", "ING", "Economy")
        if month == 12:
            add(day(15), "Year-end bonus", _cents(rng, 800, 1500), "Bonus", "ING", split=True)
            add(day(24), "Gift from grandparents", Decimal("150.00"), "Gifts received", "Cash", "Fun")
        if month == 7:
            add(day(10), "Summer holiday", _cents(rng, 700, 1300), "Travel", "Revolut", "Economy")
            move(day(8), "Holiday money", Decimal("600.00"), "ING", "Revolut", "Economy")
        if rng.random() < 0.15:
            add(
                someday(),
                "Website for a friend",
                _cents(rng, 150, 600),
                "Side projects",
                "Revolut",
                split=True,
            )
        if (year, month) == loan_month:
            add(day(18), "Loan to Radu for his car", Decimal("-1000.00"), "Loan given", "ING", "Economy")
    for months_later, amount in ((2, "400.00"), (4, "600.00")):
        index = months.index(loan_month) + months_later
        if index < len(months):
            year, month = months[index]
            add(
                datetime.date(year, month, 20),
                "Radu paid back",
                Decimal(amount),
                "Loan paid back",
                "ING",
                "Economy",
            )
    pending = Transaction.objects.for_user(user).filter(allocation_status=AllocationStatus.PENDING).count()
    assert pending == 0, "every demo income is allocated"
    return demo
