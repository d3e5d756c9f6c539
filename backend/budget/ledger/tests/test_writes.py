"""The shape every ledger write has: lock first, announce last, once per owner after the commit."""

import pytest
from django.core.exceptions import ValidationError

from budget.ledger import services
from budget.ledger.writes import (
    ledger_changed,
    ledger_changed_in_transaction,
    ledger_committed,
    ledger_lock,
    ledger_write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Owner ids each signal was sent with, in order."""
    calls = {"in_transaction": [], "committed": []}

    def in_transaction(sender, owner_id, **kwargs):
        calls["in_transaction"].append(owner_id)

    def committed(sender, owner_id, **kwargs):
        calls["committed"].append(owner_id)

    ledger_changed_in_transaction.connect(in_transaction)
    ledger_committed.connect(committed)
    yield calls
    ledger_changed_in_transaction.disconnect(in_transaction)
    ledger_committed.disconnect(committed)


def test_a_write_announces_inside_its_transaction_and_once_after_commit(
    user, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.location_create(user=user, name="Cash")

    household = user.default_household_id
    assert heard == {"in_transaction": [household], "committed": []}
    for callback in callbacks:
        callback()
    assert heard["committed"] == [household]


def test_a_refused_write_announces_nothing(user, heard, django_capture_on_commit_callbacks):
    services.location_create(user=user, name="Cash")
    heard["in_transaction"].clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.location_create(user=user, name="cash")

    assert heard == {"in_transaction": [], "committed": []}


def test_a_write_that_changes_nothing_announces_nothing(user, heard):
    cash = services.location_create(user=user, name="Cash")
    heard["in_transaction"].clear()

    services.location_update(location=cash, name="Cash")

    assert heard["in_transaction"] == []


def test_announcing_without_the_lock_is_a_programming_error(user):
    @ledger_write
    def careless():
        ledger_changed(
            user.default_household_id, actor=user, action="location.created", obj_id=None, summary="x"
        )

    with pytest.raises(RuntimeError, match="ledger_lock"):
        careless()


@pytest.mark.parametrize(
    "call",
    [
        lambda user: ledger_lock(user.default_household_id),
        lambda user: ledger_changed(
            user.default_household_id, actor=user, action="location.created", obj_id=None, summary="x"
        ),
    ],
    ids=["lock", "announce"],
)
def test_lock_and_announce_only_inside_a_ledger_write(user, call):
    with pytest.raises(RuntimeError, match="@ledger_write"):
        call(user)


def test_a_service_called_by_a_service_shares_its_transaction(
    user, heard, django_capture_on_commit_callbacks
):
    @ledger_write
    def two_locations():
        services.location_create(user=user, name="Cash")
        services.location_create(user=user, name="Bank")

    with django_capture_on_commit_callbacks(execute=True):
        two_locations()

    assert heard["committed"] == [user.default_household_id]  # one refresh for the whole write


def test_every_ledger_write_records_exactly_one_activity_entry_and_a_refused_one_none(
    user, django_capture_on_commit_callbacks
):
    from datetime import date
    from decimal import Decimal

    from budget.households.models import ActivityEntry

    from .conftest import make_ledger

    ledger = make_ledger(user)
    day = date(2024, 5, 10)
    writes = [
        ("location.created", lambda: services.location_create(user=user, name="Wallet")),
        ("location.updated", lambda: services.location_update(location=ledger.cash, name="Purse", user=user)),
        (
            "bucket.updated",
            lambda: services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(10)),
        ),
        ("category.created", lambda: services.category_create(user=user, name="Gifts", sign="NEGATIVE")),
        (
            "transaction.created",
            lambda: services.transaction_create(
                user=user,
                date=day,
                description="Salary",
                amount=Decimal("100.00"),
                category=ledger.salary,
                location=ledger.bank,
                split_income=False,
                bucket=ledger.economy,
            ),
        ),
        (
            "transfer.created",
            lambda: services.transfer_create(
                user=user,
                date=day,
                description="Move",
                amount=Decimal(5),
                from_location=ledger.bank,
                to_location=ledger.cash,
                from_bucket=ledger.economy,
            ),
        ),
        (
            "location.archived",
            lambda: services.location_archive(
                location=services.location_create(user=user, name="Old"), user=user
            ),
        ),
    ]
    for action, write in writes:
        before = ActivityEntry.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            write()
        new = ActivityEntry.objects.count() - before
        added = list(ActivityEntry.objects.order_by("-at").values_list("action", flat=True)[:new])
        assert action in added, (action, added)
        # one entry a write; archiving a location made by the same call makes two writes
        assert new == (2 if action == "location.archived" else 1), (action, added)

    before = ActivityEntry.objects.count()
    with pytest.raises(ValidationError):
        services.location_create(user=user, name="wallet")  # taken: refused, so no entry
    assert ActivityEntry.objects.count() == before
    entry = ActivityEntry.objects.get(action="location.updated")
    assert (entry.actor, entry.changes) == (user, {"name": ["Cash", "Purse"]})
