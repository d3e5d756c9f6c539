"""The asynchronous path once for real: the ORM broker's queue table and a django-q2 worker run."""

import datetime
from decimal import Decimal
from multiprocessing import Event, Queue, Value

import pytest
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.models import OrmQ, Task
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.worker import worker

from budget.ledger import services
from budget.ledger.models import AllocationStatus, Transaction

from .conftest import make_ledger


@pytest.fixture
def orm_broker(monkeypatch):
    """Tests run tasks inline (sync); here they go through the ORM broker, whatever REDIS_URL says."""
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", "default")
    monkeypatch.setattr(Conf, "BROKER_CLASS", None)
    broker = ORM(list_key=Conf.CLUSTER_NAME)
    broker.delete_queue()
    yield broker
    broker.delete_queue()


def run_worker_once(broker) -> None:
    """What a qcluster does for each queued task: pull it, run it in a worker, save the result."""
    task_queue, result_queue = Queue(), Queue()
    stop = Event()
    stop.set()  # the pusher pulls what is queued and returns
    while broker.queue_size():
        pusher(task_queue, stop, broker=broker)
    task_queue.put("STOP")
    worker(task_queue, result_queue, Value("f", -1))
    result_queue.put("STOP")
    monitor(result_queue, broker)


@pytest.mark.django_db(transaction=True)
def test_split_income_goes_pending_then_allocated_through_the_orm_broker(user, orm_broker):
    ledger = make_ledger(user)

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
    assert OrmQ.objects.count() == 1
    txn.refresh_from_db()
    assert txn.allocation_status == AllocationStatus.PENDING

    run_worker_once(orm_broker)

    txn = Transaction.objects.get(pk=txn.pk)
    assert txn.allocation_status == AllocationStatus.ALLOCATED
    assert sorted(txn.allocations.values_list("amount", flat=True)) == [
        Decimal("500.00"),
        Decimal("750.00"),
        Decimal("1250.00"),
    ]
    task = Task.objects.get(func="budget.ledger.tasks.allocate_income")
    assert task.success, task.result
    assert OrmQ.objects.count() == 0
