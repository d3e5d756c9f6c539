"""Two schedulers at once (real threads, each with its own database connection), and a person
pressing "post" while they run: every date posted exactly once, every invariant afterwards."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from budget.ledger.models import Transaction
from budget.ledger.tests.invariants import check_invariants
from budget.ledger.tests.races import Racer, server_errors
from budget.recurring import services
from budget.recurring.models import Occurrence

from .conftest import make_item

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date


def at_once(*calls):
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait(timeout=30)
        try:
            return call()
        finally:
            connection.close()  # each thread's own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_two_schedulers_at_once_post_each_date_once(user, ledger, clock):
    clock.set(D(2024, 1, 1))
    items = [make_item(user, ledger, name=f"Rent {i}", auto_post=True) for i in range(3)]
    items.append(make_item(user, ledger, kind="TRANSFER", name="Savings", day=1, auto_post=True))
    clock.set(D(2024, 7, 1))
    counts = at_once(*[services.recurring_post_due for _ in range(4)])
    assert sum(counts) == 3 * 6 + 6  # 31 Jan..30 Jun for each rent, 1 Feb..1 Jul for savings
    for item in items:
        dates = list(Occurrence.objects.filter(item=item).values_list("date", flat=True))
        assert len(dates) == len(set(dates))
        legs = 2 if item.kind == "TRANSFER" else 1
        assert Transaction.objects.filter(recurring=item).count() == len(dates) * legs
    check_invariants(user)


def test_posting_by_hand_while_the_scheduler_runs(live_server, user, ledger, clock):
    clock.set(D(2024, 1, 1))
    item = make_item(user, ledger, auto_post=True)
    clock.set(D(2024, 4, 1))
    racer = Racer(live_server, user)
    answers = []

    def by_hand(date):
        return lambda: answers.append(racer.call("POST", f"/api/recurring/{item.pk}/post/", {"date": date}))

    at_once(services.recurring_post_due, by_hand("2024-01-31"), by_hand("2024-02-29"), by_hand("2024-01-31"))
    assert server_errors(answers) == []
    assert sorted(a.status_code for a in answers) in ([201, 400, 400], [400, 400, 400], [201, 201, 400])
    dates = sorted(Transaction.objects.filter(recurring=item).values_list("date", flat=True))
    assert dates == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]
    check_invariants(user)
