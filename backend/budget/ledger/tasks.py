"""Django Q tasks: take ids, call one service, return."""

import datetime

from .services import income_allocate, incomes_requeue_pending

PENDING_TOO_LONG = datetime.timedelta(minutes=10)


def allocate_income(transaction_id: str) -> str:
    return income_allocate(transaction_id=transaction_id)


def requeue_pending_incomes() -> int:
    return incomes_requeue_pending(older_than=PENDING_TOO_LONG)
