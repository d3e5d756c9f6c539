"""Transactions that survive a conflict: retried when the database gives up on them, then a 503."""

import functools
import logging
import random
import time

from django.db import DatabaseError, transaction

from .exceptions import ServiceBusy

logger = logging.getLogger(__name__)

ATTEMPTS = 4
# PostgreSQL's deadlock_detected and serialization_failure; SQLite's busy writer past its timeout.
RETRYABLE_SQLSTATES = {"40P01", "40001"}
RETRYABLE_SQLITE = ("database is locked", "database table is locked")


def is_conflict(exc: BaseException) -> bool:
    """A failure that says "try again", not "this is wrong"."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return any(text in str(exc) for text in RETRYABLE_SQLITE)


def retry_on_conflict(run):
    """Run `run()` in its own transaction, again after a conflict; ServiceBusy (503) if it persists.

    Inside an outer transaction a retry is impossible (the whole transaction is lost), so there it
    runs once and the outermost caller decides.
    """
    if transaction.get_connection().in_atomic_block:
        return run()
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return run()
        except DatabaseError as exc:
            if not is_conflict(exc):
                raise
            logger.warning("Write conflict (attempt %d of %d): %s", attempt, ATTEMPTS, exc)
            if attempt < ATTEMPTS:
                time.sleep(random.uniform(0.01, 0.05) * 2**attempt)  # noqa: S311 (jitter, not crypto)
    raise ServiceBusy()


def retrying(function):
    """Decorator form of retry_on_conflict."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        return retry_on_conflict(lambda: function(*args, **kwargs))

    return run
