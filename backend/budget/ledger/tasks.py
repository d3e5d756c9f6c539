"""Django Q tasks: take ids, call one service, return."""

import datetime
import logging

from .services import income_allocate, incomes_requeue_pending

logger = logging.getLogger(__name__)

# An allocation task normally runs within a second or two of its commit; an income pending for
# longer than this lost its task (a worker killed, a broker restarted). The sweep runs every
# minute, so a lost task heals within two minutes of a worker being up.
QUEUE_DELAY = datetime.timedelta(seconds=60)


def allocate_income(transaction_id: str) -> str:
    return income_allocate(transaction_id=transaction_id)


def requeue_pending_incomes() -> int:
    return incomes_requeue_pending(older_than=QUEUE_DELAY)


def requeue_on_worker_start(sender, proc_name=None, **kwargs) -> None:
    """django-q2's post_spawn: a worker that starts re-enqueues every pending income at once
    (allocation is idempotent, so one that is also still queued is allocated once).

    Not in the main process: django-q2's sync mode (tests) runs a "worker" there for every task.
    """
    if proc_name == "MainProcess":
        return
    try:
        incomes_requeue_pending(older_than=datetime.timedelta(0))
    except Exception:  # a worker must start even when the database is not there yet
        logger.warning("Could not re-enqueue pending incomes at worker start", exc_info=True)
