"""`manage.py bench` (behind `make bench`): a deterministic ledger, then one table of measurements."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from budget.ledger.models import Allocation, Transaction
from budget.ops import bench
from budget.reports.selectors import report_current

pytestmark = pytest.mark.django_db

UNTIL = datetime.date(2026, 6, 30)


def build(seed=1, size=400):
    (built,) = bench.build(sizes=[size], others=2, other_size=50, years=2, seed=seed, until=UNTIL)
    return built


def fingerprint(user) -> tuple:
    rows = Transaction.objects.for_user(user)
    return (
        rows.count(),
        rows.aggregate(total=Sum("signed_amount"))["total"],
        sorted(rows.values_list("date", "description", "amount")),
        Allocation.objects.for_user(user).aggregate(total=Sum("amount"))["total"],
    )


def test_build_makes_the_size_asked_with_other_users_beside_it():
    built = build()

    assert built.transactions == Transaction.objects.for_user(built.user).count() == 400
    assert (
        built.other_transactions
        == Transaction.objects.exclude(household_id=built.user.default_household_id).count()
        == 100
    )
    assert built.last == UNTIL
    assert (built.last - built.first).days + 1 == 2 * 365
    dates = Transaction.objects.for_user(built.user).values_list("date", flat=True)
    assert built.first <= min(dates)
    assert max(dates) <= built.last


def test_build_is_deterministic_for_a_seed_and_replaces_the_previous_accounts(make_user):
    bystander = make_user("benchmark@example.com")
    first = fingerprint(build(seed=7).user)
    second = fingerprint(build(seed=7).user)
    other_seed = fingerprint(build(seed=8).user)

    assert first == second != other_seed
    assert Transaction.objects.count() == 400 + 2 * 50  # nothing left of the earlier builds
    assert get_user_model().objects.filter(email__startswith="bench").count() == 3 + 1
    assert get_user_model().objects.filter(pk=bystander.pk).exists()


def test_built_ledger_is_consistent():
    """Split legs add up to their incomes, so invariant 1 holds on the bench ledger too."""
    user = build().user
    report = report_current(household=user.default_household_id)

    assert report["unallocated"] == 0
    assert report["locations_total"] == report["buckets_total"] == report["balance"]["net"]
    for txn in Transaction.objects.for_user(user).filter(split_income=True):
        assert sum(txn.allocations.values_list("amount", flat=True)) == txn.amount


def test_bench_command_prints_one_line_per_request_and_mode():
    out = StringIO()

    call_command("bench", transactions=300, other_users=1, years=1, repeat=2, stdout=out)

    text = out.getvalue()
    assert "Built 300 transactions" in text
    assert "manage.py totals --check: 2 household(s) checked; 0 differ." in text
    lines = [line.split() for line in text.splitlines() if line.startswith(("transactions", "report"))]
    assert len(lines) == 4 + 4 * 2
    cursor_lines = [["transactions,", "cursor", "start"], ["transactions,", "cursor", "5"]]
    assert [line[0:3] for line in lines[2:4]] == cursor_lines
    assert [line[-5] for line in lines[4:]] == ["uncached", "cached"] * 4
    assert all(line[-2].isdigit() and int(line[-2]) > 0 for line in lines)  # queries per request
    assert all(float(line[-1]) >= 0 for line in lines)  # the raw-SQL floor
    assert "HTTP" not in text  # every request answered 200


def test_bench_with_several_sizes_compares_each_with_the_smallest():
    out = StringIO()

    call_command("bench", sizes=[120, 240], other_users=0, years=1, repeat=1, stdout=out)

    text = out.getvalue()
    assert "Built 120 transactions (" in text
    assert "bench-120@example.com" in text
    assert "Built 240 transactions (" in text
    assert "bench-240@example.com" in text
    tables = text.split("\n240 transactions (bench-240@example.com)", 1)
    assert len(tables) == 2
    assert "report historical" in tables[0]
    assert "report historical" in tables[1]
    ratios = text.split("p50 ÷ p50 at 120", 1)[1].splitlines()
    assert any(line.startswith("report current (uncached)") for line in ratios)
    assert any(line.startswith("cursor deep ÷ first page at 240") for line in ratios)


def test_bench_uncached_lines_recompute_and_cached_ones_do_not():
    out = StringIO()
    call_command("bench", transactions=200, other_users=0, years=1, repeat=1, stdout=out)

    queries = {
        (line[1], line[2]): int(line[-2])
        for line in (row.split() for row in out.getvalue().splitlines())
        if line and line[0] == "report"
    }
    for kind in ("current", "monthly", "yearly", "historical"):
        assert queries[(kind, "uncached")] > queries[(kind, "cached")]


@pytest.mark.parametrize("option", [{"transactions": 0}, {"repeat": 0}, {"years": 0}, {"other_users": -1}])
def test_bench_refuses_sizes_below_one(option):
    with pytest.raises(CommandError):
        call_command("bench", **option, stdout=StringIO())


@pytest.mark.parametrize("sizes", ["10k", "0,10", ""])
def test_bench_refuses_sizes_it_cannot_read(sizes):
    with pytest.raises(CommandError, match="--sizes"):
        call_command("bench", "--sizes", sizes, stdout=StringIO())


def test_several_sizes_are_built_side_by_side_and_replaced_by_the_next_run():
    bench.build(sizes=[30, 60], others=1, other_size=10, years=1, seed=1, until=UNTIL)
    small, large = bench.build(sizes=[40, 80], others=1, other_size=10, years=1, seed=1, until=UNTIL)

    assert (small.user.email, large.user.email) == ("bench-40@example.com", "bench-80@example.com")
    assert Transaction.objects.for_user(small.user).count() == 40
    assert Transaction.objects.for_user(large.user).count() == 80
    assert Transaction.objects.count() == 40 + 80 + 10  # nothing left of the first run
    assert small.other_transactions == large.other_transactions == 10
