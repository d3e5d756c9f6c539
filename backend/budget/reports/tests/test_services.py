"""The cache around the reports: versions, invalidation, the refresh task and a cache that fails."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from budget.ledger import services as ledger
from budget.ledger.tests.conftest import make_ledger
from budget.reports import receivers, services
from budget.reports.models import LedgerVersion
from budget.users.services import user_delete

pytestmark = pytest.mark.django_db


def spend(user, book, amount="10.00", date=None):
    return ledger.transaction_create(
        user=user,
        date=date or timezone.localdate(),
        description="Lunch",
        amount=Decimal(amount),
        category=book.food,
        location=book.cash,
        bucket=book.fun,
    )


def test_ledger_version_is_zero_before_the_first_write_and_changes_with_each(user):
    assert services.ledger_version(household_id=user.default_household_id) == 0

    book = make_ledger(user)
    first = services.ledger_version(household_id=user.default_household_id)
    spend(user, book)
    second = services.ledger_version(household_id=user.default_household_id)

    assert 0 != first != second != 0


def test_report_get_caches_the_answer_until_the_ledger_changes(user):
    book = make_ledger(user)
    spend(user, book, "10.00")

    first = services.report_get(household=user.default_household_id, kind="current")
    again = services.report_get(household=user.default_household_id, kind="current")
    spend(user, book, "5.00")
    after_write = services.report_get(household=user.default_household_id, kind="current")

    assert (first["cached"], again["cached"], after_write["cached"]) == (False, True, False)
    assert again["generated_at"] == first["generated_at"]
    assert (first["balance"]["net"], after_write["balance"]["net"]) == ("-10.00", "-15.00")


def test_each_period_has_its_own_cache_entry(user):
    make_ledger(user)

    march = services.report_get(household=user.default_household_id, kind="monthly", year=2024, month=3)
    april = services.report_get(household=user.default_household_id, kind="monthly", year=2024, month=4)

    assert (march["period"], april["period"]) == ({"year": 2024, "month": 3}, {"year": 2024, "month": 4})
    assert not april["cached"]
    assert services.report_get(household=user.default_household_id, kind="monthly", year=2024, month=3)[
        "cached"
    ]


def test_users_never_share_a_cache_entry(user, other_user):
    spend(user, make_ledger(user), "10.00")
    make_ledger(other_user)

    mine = services.report_get(household=user.default_household_id, kind="current")
    theirs = services.report_get(household=other_user.default_household_id, kind="current")

    assert (mine["balance"]["net"], theirs["balance"]["net"]) == ("-10.00", "0.00")
    assert not theirs["cached"]


def test_a_rolled_back_write_never_revives_a_report_cached_in_between(user):
    """A report computed inside a transaction that rolls back must not be served for a later state."""
    book = make_ledger(user)
    before = services.report_get(household=user.default_household_id, kind="current")["balance"]["net"]

    inside = None
    with transaction.atomic():
        spend(user, book, "99.00")
        inside = services.report_get(household=user.default_household_id, kind="current")["balance"]["net"]
        transaction.set_rollback(True)
    spend(user, book, "1.00")  # a counter would now reach the rolled-back version again

    assert (
        services.report_get(household=user.default_household_id, kind="current")["balance"]["net"] == "-1.00"
    )
    assert (before, inside) == ("0.00", "-99.00")


def test_every_kind_of_ledger_write_changes_the_version(user):
    book = make_ledger(user)
    txn = spend(user, book)
    writes = [
        lambda: ledger.location_create(user=user, name="Revolut"),
        lambda: ledger.location_update(location=book.bank, name="ING"),
        lambda: ledger.bucket_update(bucket=book.fun, allocation_percentage=Decimal(10)),
        lambda: ledger.category_update(category=book.loan, name="Loans"),
        lambda: ledger.category_archive(category=book.loan),
        lambda: ledger.transaction_update(txn=txn, amount=Decimal("12.00")),
        lambda: ledger.transaction_delete(txn=txn),
        lambda: ledger.transaction_bulk_create(
            user=user,
            items=[
                {
                    "date": datetime.date(2024, 1, 1),
                    "description": "Rent",
                    "amount": Decimal(500),
                    "category": book.food,
                    "location": book.bank,
                    "bucket": book.necessities,
                }
            ],
        ),
        lambda: ledger.transfer_create(
            user=user,
            date=datetime.date(2024, 1, 2),
            description="ATM",
            amount=Decimal(50),
            from_location=book.bank,
            from_bucket=book.necessities,
            to_location=book.cash,
        ),
    ]
    versions = [services.ledger_version(household_id=user.default_household_id)]
    for write in writes:
        write()
        versions.append(services.ledger_version(household_id=user.default_household_id))

    assert len(set(versions)) == len(versions)


def test_writing_split_legs_changes_the_version_and_a_second_run_does_not(user):
    book = make_ledger(user)
    income = ledger.transaction_create(
        user=user,
        date=datetime.date(2024, 3, 1),
        description="Salary",
        amount=Decimal(1000),
        category=book.salary,
        location=book.bank,
        split_income=True,
    )
    pending = services.ledger_version(household_id=user.default_household_id)
    ledger.income_allocate(transaction_id=income.pk)
    allocated = services.ledger_version(household_id=user.default_household_id)
    ledger.income_allocate(transaction_id=income.pk)

    assert pending != allocated == services.ledger_version(household_id=user.default_household_id)


def test_one_refresh_is_enqueued_per_write_however_many_rows_it_writes(
    user, other_user, django_capture_on_commit_callbacks, tasks_enqueued
):
    book = make_ledger(user)
    make_ledger(other_user)
    tasks_enqueued.clear()
    item = {
        "date": datetime.date(2024, 5, 1),
        "description": "Coffee",
        "amount": Decimal("3.00"),
        "category": book.food,
        "location": book.cash,
        "bucket": book.fun,
    }

    with django_capture_on_commit_callbacks(execute=True):
        ledger.transaction_bulk_create(user=user, items=[item] * 50)

    assert tasks_enqueued == [services.REFRESH_TASK]


def test_refresh_after_commit_leaves_the_four_reports_cached(user, django_capture_on_commit_callbacks):
    today = timezone.localdate()

    with django_capture_on_commit_callbacks(execute=True):
        spend(user, make_ledger(user), "10.00", date=today)

    for kind, period in [
        ("current", {}),
        ("monthly", {"year": today.year, "month": today.month}),
        ("yearly", {"year": today.year}),
        ("historical", {}),
    ]:
        report = services.report_get(household=user.default_household_id, kind=kind, **period)
        assert report["cached"], kind
    assert report["summary"]["balance"]["negative"] == "10.00"


def test_refresh_of_a_deleted_household_does_nothing(user, password):
    household_id = user.default_household_id
    user_delete(user=user, password=password)  # its Personal household goes with it

    assert services.reports_refresh(household_id=household_id) == []
    assert not LedgerVersion.objects.filter(household_id=household_id).exists()


def test_a_cache_that_fails_costs_speed_not_the_report(user, monkeypatch):
    spend(user, make_ledger(user), "10.00")

    def down(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)

    report = services.report_get(household=user.default_household_id, kind="current")
    assert (report["cached"], report["balance"]["net"]) == (False, "-10.00")


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_is_never_served_stale_even_when_no_refresh_can_be_enqueued(user, monkeypatch):
    """Freshness comes from the version committed with the write, not from the refresh task."""
    book = make_ledger(user)
    assert (
        services.report_get(household=user.default_household_id, kind="current")["balance"]["net"] == "0.00"
    )

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker is down")

    monkeypatch.setattr(receivers, "async_task", broker_down)
    spend(user, book, "10.00")  # commits; the after-commit enqueue fails and is only logged

    report = services.report_get(household=user.default_household_id, kind="current")
    assert (report["cached"], report["balance"]["net"]) == (False, "-10.00")
