"""Conflicts the database reports are retried; one that persists is a 503 with Retry-After."""

import pytest
from django.db import OperationalError, transaction

from budget.core import db
from budget.core.exceptions import ServiceBusy


class Deadlock(Exception):
    sqlstate = "40P01"


def conflict() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = Deadlock()
    return error


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch):
    monkeypatch.setattr(db.time, "sleep", lambda seconds: None)


def flaky(failures: int, error_factory=conflict):
    calls = []

    def run():
        calls.append(transaction.get_connection().in_atomic_block)
        if len(calls) <= failures:
            raise error_factory()
        return "written"

    return run, calls


@pytest.mark.django_db(transaction=True)
def test_a_conflict_is_retried_in_a_new_transaction():
    run, calls = flaky(failures=2)

    assert db.retry_on_conflict(run) == "written"
    assert calls == [True, True, True]


@pytest.mark.django_db(transaction=True)
def test_a_conflict_that_persists_is_service_busy():
    run, calls = flaky(failures=99)

    with pytest.raises(ServiceBusy):
        db.retry_on_conflict(run)
    assert len(calls) == db.ATTEMPTS


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("error", [OperationalError("no such table: x"), ValueError("bug")])
def test_other_errors_are_not_retried(error):
    def run():
        raise error

    with pytest.raises(type(error)):
        db.retry_on_conflict(run)


@pytest.mark.django_db
def test_inside_an_outer_transaction_it_runs_once_and_leaves_the_retry_to_the_outermost():
    run, calls = flaky(failures=1)

    with pytest.raises(OperationalError):
        db.retry_on_conflict(run)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (conflict(), True),
        (OperationalError("database is locked"), True),
        (OperationalError("no such column"), False),
    ],
)
def test_is_conflict(error, expected):
    assert db.is_conflict(error) is expected


@pytest.mark.django_db(transaction=True)
def test_a_write_that_keeps_conflicting_answers_503_with_retry_after(api_client, monkeypatch):
    from budget.ledger.services import setup

    def always_conflicting(*args, **kwargs):
        raise conflict()

    monkeypatch.setattr(setup, "_save_named", always_conflicting)

    response = api_client.post("/api/locations/", {"name": "Cash"}, format="json")

    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert "nothing was saved" in response.json()["detail"]
