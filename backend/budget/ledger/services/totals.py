"""Repairing the stored monthly totals: recomputed from the rows under the ledger lock."""

from .. import totals
from ..writes import ledger_lock, ledger_repaired, ledger_write


@ledger_write
def totals_repair(*, household_id) -> dict:
    """Make the household's stored totals equal a recomputation from its rows; returns the
    differences found ({key: [stored, computed]}), now corrected.

    Writers of this household wait on its lock meanwhile (two grouped queries: about a second at a
    million rows); readers never wait, and see the old totals until the repair commits.
    """
    ledger_lock(household_id)
    found = totals.differences(household_id)
    if found:
        totals.apply(totals.corrections(found))
        ledger_repaired(household_id)
    return found
