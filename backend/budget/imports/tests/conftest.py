"""Statements of several banks' styles (samples/), and shortcuts through the services."""

from pathlib import Path

import pytest

from budget.imports import services
from budget.imports.models import Import
from budget.ledger.tests.conftest import Ledger, make_ledger, other_client, other_ledger  # noqa: F401

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@pytest.fixture
def ledger(user) -> Ledger:
    return make_ledger(user)


def parsed(user, ledger, name: str, content: bytes | None = None, *, location=None, **options) -> Import:
    """Upload and parse (as the task would), through the services."""
    statement = services.import_create(
        user=user,
        household=user.default_household_id,
        location=location or ledger.bank,
        filename=name,
        content=sample(name) if content is None else content,
        **options,
    )
    services.import_parse(import_id=statement.pk)
    statement.refresh_from_db()
    return statement


def categorize(statement: Import, ledger: Ledger) -> None:
    """Give every included row a category and bucket that fit its direction."""
    for row in statement.rows.filter(include=True):
        if row.amount > 0:
            row.category, row.bucket, row.split_income = ledger.salary, ledger.economy, False
        else:
            row.category, row.bucket = ledger.food, ledger.necessities
        row.save()


def committed(user, statement: Import, ledger: Ledger) -> Import:
    categorize(statement, ledger)
    services.import_commit_request(statement=statement, user=user)
    services.import_commit(import_id=statement.pk)
    statement.refresh_from_db()
    return statement
