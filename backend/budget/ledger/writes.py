"""The one shape of a ledger write: the owner's lock first, the announcement last.

    @ledger_write
    def bucket_update(*, bucket, ...):
        ledger_lock(bucket.household_id)     # first, always
        bucket = ...re-read under the lock...
        ...check, then save only the changed fields...
        ledger_counts().row(txn)             # each transaction (or leg) it adds, removes or moves
        ledger_changed(bucket.household_id, actor=..., action="bucket.updated", ...)  # last

`ledger_write` runs the service in one database transaction, retried when PostgreSQL reports a
deadlock or serialization failure (503 if it persists). Services calling services share the
outer transaction. `ledger_changed` also stores what the write counted in the monthly totals
(`totals.py`), under the lock, so concurrent writers never lose an increment. Other apps
subscribe to the two signals and never get imported from here:
`ledger_changed_in_transaction` fires inside the write's transaction (the reports' ledger
version), `ledger_committed` once per owner after the commit (report refresh).
"""

import functools
import logging
import threading

from django.db import transaction
from django.dispatch import Signal

from budget.core.db import retry_on_conflict
from budget.households.activity import activity_record
from budget.households.models import Household

from .totals import Deltas

logger = logging.getLogger(__name__)

ledger_changed_in_transaction = Signal()  # owner_id: the household's id
ledger_committed = Signal()  # owner_id: the household's id

_state = threading.local()


class _Write:
    def __init__(self):
        self.locked: set = set()
        self.changed: list = []
        self.totals = Deltas()


def _current() -> _Write:
    write = getattr(_state, "write", None)
    if write is None:
        raise RuntimeError("Ledger writes run inside a @ledger_write service.")
    return write


def ledger_write(service):
    @functools.wraps(service)
    def run(*args, **kwargs):
        write = getattr(_state, "write", None)
        if write is not None:  # called by another ledger write
            counted = write.totals.snapshot()
            try:
                with transaction.atomic():
                    return service(*args, **kwargs)
            except BaseException:
                write.totals.restore(counted)  # its savepoint is gone, and what it counted with it
                raise
        return retry_on_conflict(lambda: _outermost(service, args, kwargs))

    return run


def _outermost(service, args, kwargs):
    _state.write = write = _Write()
    try:
        with transaction.atomic():
            result = service(*args, **kwargs)
            if write.totals.pending:
                raise RuntimeError("A ledger write ends with ledger_changed(), which stores its totals.")
            for owner_id in write.changed:
                transaction.on_commit(_announcer(owner_id))
        return result
    finally:
        _state.write = None


def _announcer(owner_id):
    def announce():
        for receiver, error in ledger_committed.send_robust(sender=None, owner_id=owner_id):
            if isinstance(error, Exception):
                # The write has committed; what follows it (a report refresh) heals by itself.
                logger.warning("After-commit work %s failed for %s: %s", receiver, owner_id, error)

    return announce


def ledger_lock(owner_id) -> None:
    """Lock the household's ledger (its row): the first statement of every write to it.

    FOR NO KEY UPDATE on PostgreSQL, which foreign-key checks (KEY SHARE, taken at commit since
    Django's constraints are deferred) do not wait for; SQLite's IMMEDIATE transaction already
    holds the database's one write lock.
    """
    # Taken again when held already: a savepoint rolled back since may have released it.
    write = _current()
    rows = Household.objects.select_for_update(no_key=True).filter(pk=owner_id)
    list(rows.values_list("pk", flat=True))
    write.locked.add(owner_id)


def ledger_counts() -> Deltas:
    """What the current write changes in the stored monthly totals: count each transaction and leg
    it adds (+1), removes (-1) or moves (both); `ledger_changed` stores the sum."""
    return _current().totals


def ledger_repaired(owner_id) -> None:
    """Announce totals corrected by a repair: a new report version, and the refresh after commit.
    Not a change of the ledger's rows, so no activity entry."""
    write = _current()
    if owner_id not in write.locked:
        raise RuntimeError("A ledger write takes ledger_lock() before it changes anything.")
    ledger_changed_in_transaction.send(sender=None, owner_id=owner_id)
    if owner_id not in write.changed:
        write.changed.append(owner_id)


def ledger_changed(
    owner_id, *, actor, action: str, obj_id, summary: str, changes: dict | None = None
) -> None:
    """Announce a change of the household's ledger and record its one activity entry (who, what,
    `changes` as {field: [before, after]}): the last statement of every write to it."""
    write = _current()
    if owner_id not in write.locked:
        raise RuntimeError("A ledger write takes ledger_lock() before it changes anything.")
    write.totals.flush()
    activity_record(
        household_id=owner_id,
        actor=actor,
        action=action,
        obj_id=obj_id,
        summary=summary,
        changes=changes,
    )
    # Sent on every call: a savepoint rolled back since may have undone the previous one.
    ledger_changed_in_transaction.send(sender=None, owner_id=owner_id)
    if owner_id not in write.changed:
        write.changed.append(owner_id)
