import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from budget.ledger.models import AllocationStatus, Bucket, Category, Location, Sign, Transaction, Transfer
from budget.ledger.tests.test_invariants import check_invariants
from budget.users.models import User

pytestmark = pytest.mark.django_db
UNTIL = "2026-11-21"


def seed(*args):
    out = StringIO()
    call_command("seed", "--until", UNTIL, *args, stdout=out)
    return out.getvalue()


def ledger_rows(email):
    rows = Transaction.objects.filter(household__memberships__user__email=email).order_by(
        "date", "description", "amount"
    )
    return list(rows.values_list("date", "description", "amount", "category__name", "location__name"))


def test_seed_makes_a_full_demo_ledger_and_prints_the_credentials():
    output = seed("--password", "demo-password-123")

    user = User.objects.get(email="demo@example.com")
    assert "demo@example.com" in output
    assert "demo-password-123" in output
    assert user.check_password("demo-password-123")
    assert Location.objects.for_user(user).count() == 3
    buckets = Bucket.objects.for_user(user)
    assert buckets.count() == 5
    assert sum(b.allocation_percentage for b in buckets) == 100
    categories = Category.objects.for_user(user)
    assert 18 <= categories.count() <= 22
    assert set(categories.values_list("sign", flat=True)) == set(Sign.values)
    dates = Transaction.objects.for_user(user).values_list("date", flat=True)
    assert min(dates) >= datetime.date(2023, 12, 1)
    assert max(dates) <= datetime.date(2026, 11, 21)
    assert {(d.year, d.month) for d in dates} >= {(2023, 12), (2025, 6), (2026, 11)}
    assert Transfer.objects.for_user(user).count() > 36
    splits = Transaction.objects.for_user(user).filter(split_income=True)
    assert splits.count() >= 36  # a salary every month
    assert not splits.exclude(allocation_status=AllocationStatus.ALLOCATED).exists()
    loans = Transaction.objects.for_user(user).filter(category__name__startswith="Loan")
    assert sum(loans.values_list("signed_amount", flat=True)) == 0  # given and paid back
    check_invariants(user)


def test_seed_is_deterministic_for_a_seed():
    seed("--email", "one@example.com", "--seed", "3")
    seed("--email", "two@example.com", "--seed", "3")
    seed("--email", "three@example.com", "--seed", "4")

    assert ledger_rows("one@example.com") == ledger_rows("two@example.com")
    assert ledger_rows("one@example.com") != ledger_rows("three@example.com")


def test_seed_refuses_an_existing_account_unless_replaced():
    seed()
    first = Transaction.objects.count()

    with pytest.raises(CommandError, match="--replace"):
        seed()
    seed("--replace")

    assert Transaction.objects.count() == first
    assert User.objects.filter(email="demo@example.com").count() == 1


def test_seed_never_replaces_a_superuser():
    User.objects.create_superuser(email="admin@example.com", password="a-long-admin-password")

    with pytest.raises(CommandError, match="superuser"):
        seed("--email", "admin@example.com", "--replace")
