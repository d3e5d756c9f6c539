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
