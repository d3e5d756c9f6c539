"""The asynchronous path once for real: the ORM broker's queue table and a django-q2 worker run."""

import datetime
from decimal import Decimal

import pytest
from django_q.models import OrmQ, Task

from budget.core.testing import queued_funcs, run_worker_once
from budget.ledger import services
from budget.ledger.models import AllocationStatus, Transaction

from .conftest import make_ledger

ALLOCATE = "budget.ledger.tasks.allocate_income"


@pytest.mark.django_db(transaction=True)
def test_split_income_goes_pending_then_allocated_through_the_orm_broker(user, orm_broker):
    ledger = make_ledger(user)
    orm_broker.delete_queue()  # the setup's report refreshes are not this test's business

    txn = services.transaction_create(
        user=user,
        date=datetime.date(2026, 5, 1),
        description="Salary",
        amount=Decimal("2500.00"),
        category=ledger.salary,
        location=ledger.bank,
        split_income=True,
    )

    # Committed (no test transaction here), so the task sits in the broker's table, not yet run.
    assert queued_funcs(orm_broker).count(ALLOCATE) == 1
    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.PENDING

    while OrmQ.objects.exists():  # writing the legs enqueues a report refresh in turn
        run_worker_once(orm_broker)

    txn = Transaction.objects.get(pk=txn.pk)
    assert txn.allocation_status == AllocationStatus.ALLOCATED
    assert sorted(txn.allocations.values_list("amount", flat=True)) == [
        Decimal("500.00"),
        Decimal("750.00"),
        Decimal("1250.00"),
    ]
    task = Task.objects.get(func=ALLOCATE)
    assert task.success, task.result
