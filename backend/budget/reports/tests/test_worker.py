"""The refresh task once for real: enqueued after commit on the ORM broker, run by a django-q2 worker."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django_q.models import Task

from budget.core.testing import queued_funcs, run_worker_once
from budget.ledger import services as ledger
from budget.ledger.tests.conftest import make_ledger
from budget.reports import services

REFRESH = "budget.reports.tasks.refresh_reports"


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_enqueues_one_refresh_that_a_worker_runs(user, orm_broker):
    book = make_ledger(user)
    orm_broker.delete_queue()
    today = timezone.localdate()

    ledger.transaction_bulk_create(
        user=user,
        items=[
            {
                "date": today - datetime.timedelta(days=day),
                "description": "Groceries",
                "amount": Decimal("12.50"),
                "category": book.food,
                "location": book.cash,
                "bucket": book.necessities,
            }
            for day in range(3)
        ],
    )

    assert queued_funcs(orm_broker) == [REFRESH]  # one for the whole bulk write
    assert not services.report_get(household=user.default_household_id, kind="historical")[
        "cached"
    ]  # nothing ran it yet

    run_worker_once(orm_broker)

    task = Task.objects.get(func=REFRESH)
    assert task.success, task.result
    assert task.result == [
        "current: generated",
        "monthly: generated",
        "yearly: generated",
        "historical: cached",
    ]
    current = services.report_get(household=user.default_household_id, kind="current")
    monthly = services.report_get(
        household=user.default_household_id, kind="monthly", year=today.year, month=today.month
    )
    yearly = services.report_get(household=user.default_household_id, kind="yearly", year=today.year)
    assert (current["cached"], monthly["cached"], yearly["cached"]) == (True, True, True)
    assert current["balance"]["negative"] == "37.50"
