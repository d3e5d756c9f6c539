"""Split income: the allocation task, its idempotence, edits and the pending sweeper."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from budget.ledger import services, tasks
from budget.ledger.models import Allocation, AllocationStatus, Transaction
from budget.ledger.selectors import bucket_list
from budget.ledger.services.transactions import ALLOCATE_TASK
from budget.ledger.tests.helpers import unallocated_total

pytestmark = pytest.mark.django_db


def split_income(user, ledger, amount="1000.00", **fields):
    return services.transaction_create(
        user=user,
        date=fields.pop("date", datetime.date(2026, 3, 1)),
        description=fields.pop("description", "Salary"),
        amount=Decimal(amount),
        category=ledger.salary,
        location=ledger.bank,
        split_income=True,
        **fields,
    )


def legs(txn) -> dict[str, tuple[Decimal, Decimal]]:
    return {leg.bucket.name: (leg.percentage, leg.amount) for leg in txn.allocations.select_related("bucket")}


def test_split_income_stays_pending_until_the_task_runs(
    user, ledger, django_capture_on_commit_callbacks, tasks_enqueued
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        txn = split_income(user, ledger)

    assert tasks_enqueued == []  # enqueued after commit, not before
    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.PENDING
    assert not txn.allocations.exists()
    assert unallocated_total(user=user) == Decimal("1000.00")

    for callback in callbacks:
        callback()
    assert tasks_enqueued.count(ALLOCATE_TASK) == 1

    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.ALLOCATED
    assert unallocated_total(user=user) == 0


def test_allocate_income_writes_one_leg_per_bucket_with_its_percentage(user, ledger, run_on_commit):
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(0))
    services.bucket_create(user=user, name="Travel", allocation_percentage=Decimal(20))
    with run_on_commit():
        txn = split_income(user, ledger, amount="100.01")

    assert legs(txn) == {
        "Necessities": (Decimal("50.00"), Decimal("50.01")),
        "Economy": (Decimal("30.00"), Decimal("30.00")),
        "Travel": (Decimal("20.00"), Decimal("20.00")),
    }  # no leg for Fun at 0 %


def test_allocate_income_twice_changes_nothing(user, ledger, run_on_commit):
    with run_on_commit():
        txn = split_income(user, ledger, amount="333.33")
    before = list(txn.allocations.values_list("id", "bucket", "percentage", "amount", "updated_at"))
    txn.refresh_from_db()
    income_before = (txn.amount, txn.description, txn.date, txn.updated_at)

    assert tasks.allocate_income(str(txn.pk)) == "allocated"
    assert tasks.allocate_income(str(txn.pk)) == "allocated"

    txn.refresh_from_db()
    assert list(txn.allocations.values_list("id", "bucket", "percentage", "amount", "updated_at")) == before
    assert (txn.amount, txn.description, txn.date, txn.updated_at) == income_before


def test_allocate_income_never_touches_the_income_row(user, ledger, run_on_commit):
    with run_on_commit():
        txn = split_income(user, ledger, amount="1000.00", description="March salary")

    txn.refresh_from_db()
    assert (txn.amount, txn.signed_amount, txn.description) == (
        Decimal("1000.00"),
        Decimal("1000.00"),
        "March salary",
    )


def test_allocate_income_of_a_deleted_or_unsplit_transaction_does_nothing(user, ledger):
    txn = split_income(user, ledger)
    services.transaction_update(txn=txn, split_income=False, bucket=ledger.fun)

    assert tasks.allocate_income(str(txn.pk)) == "nothing to allocate"
    assert not Allocation.objects.exists()
    txn_id = str(txn.pk)
    txn.delete()
    assert tasks.allocate_income(txn_id) == "nothing to allocate"


def test_editing_the_amount_resplits_with_the_stored_percentages(user, ledger, run_on_commit):
    with run_on_commit():
        txn = split_income(user, ledger, amount="1000.00")
    # Later percentages must not rewrite this income's history.
    services.bucket_update(bucket=ledger.necessities, allocation_percentage=Decimal(10))
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(60))

    with run_on_commit():
        txn = services.transaction_update(txn=txn, amount=Decimal("2000.01"))

    assert legs(txn) == {
        "Necessities": (Decimal("50.00"), Decimal("1000.01")),
        "Economy": (Decimal("30.00"), Decimal("600.00")),
        "Fun": (Decimal("20.00"), Decimal("400.00")),
    }
    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.ALLOCATED


def test_editing_the_amount_keeps_totals_exact_while_the_task_is_pending(user, ledger, run_on_commit):
    with run_on_commit():
        txn = split_income(user, ledger, amount="1000.00")

    services.transaction_update(txn=txn, amount=Decimal("1200.00"))  # task not run: legs are the old ones

    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.PENDING
    buckets_total = sum(b.balance for b in bucket_list(member=user))
    assert buckets_total == Decimal("1000.00")
    assert unallocated_total(user=user) == Decimal("200.00")  # never lost, never counted twice


def test_editing_the_date_reallocates_and_editing_the_description_does_not(
    user, ledger, run_on_commit, tasks_enqueued
):
    with run_on_commit():
        txn = split_income(user, ledger)
    tasks_enqueued.clear()
    with run_on_commit():
        services.transaction_update(txn=txn, description="Renamed")
    assert ALLOCATE_TASK not in tasks_enqueued
    with run_on_commit():
        services.transaction_update(txn=txn, date=datetime.date(2026, 4, 1))
    assert tasks_enqueued.count(ALLOCATE_TASK) == 1


def test_turning_split_off_removes_the_legs_and_needs_a_bucket(user, ledger, run_on_commit):
    with run_on_commit():
        txn = split_income(user, ledger)

    with pytest.raises(ValidationError) as exc:
        services.transaction_update(txn=txn, split_income=False)
    assert "bucket" in exc.value.message_dict

    txn = services.transaction_update(txn=txn, split_income=False, bucket=ledger.economy)
    assert not txn.allocations.exists()
    assert txn.allocation_status == AllocationStatus.NOT_SPLIT
    assert {b.name: b.balance for b in bucket_list(member=user)}["Economy"] == Decimal("1000.00")


def test_deleting_a_split_income_removes_its_legs(user, ledger, run_on_commit):
    with run_on_commit():
        txn = split_income(user, ledger)

    services.transaction_delete(txn=txn)

    assert not Allocation.objects.exists()
    assert all(b.balance == 0 for b in bucket_list(member=user))


def test_an_income_with_no_bucket_to_go_to_stays_pending(user, ledger, run_on_commit):
    txn = split_income(user, ledger)
    for bucket in (ledger.necessities, ledger.economy, ledger.fun):
        services.bucket_update(bucket=bucket, allocation_percentage=Decimal(0))

    assert tasks.allocate_income(str(txn.pk)) == "no buckets"
    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.PENDING
    assert unallocated_total(user=user) == Decimal("1000.00")


def test_sweeper_requeues_incomes_pending_for_more_than_a_minute(user, ledger):
    stale = split_income(user, ledger, description="lost task")
    fresh = split_income(user, ledger, description="task on its way")
    Transaction.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - datetime.timedelta(seconds=61))
    Transaction.objects.filter(pk=fresh.pk).update(updated_at=timezone.now() - datetime.timedelta(seconds=30))

    assert tasks.requeue_pending_incomes() == 1  # tasks run inline in tests (Q_CLUSTER sync)

    statuses = dict(Transaction.objects.values_list("description", "allocation_status"))
    assert statuses == {"lost task": AllocationStatus.ALLOCATED, "task on its way": AllocationStatus.PENDING}
    assert tasks.requeue_pending_incomes() == 0


def test_a_worker_that_starts_reenqueues_every_pending_income(
    user, ledger, django_capture_on_commit_callbacks
):
    from django_q.signals import post_spawn

    with django_capture_on_commit_callbacks(execute=False):  # the task of the commit is lost
        split_income(user, ledger, description="lost task")

    post_spawn.send(sender="django_q", proc_name="Process-1")

    assert Transaction.objects.get().allocation_status == AllocationStatus.ALLOCATED
