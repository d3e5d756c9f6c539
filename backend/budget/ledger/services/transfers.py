"""Transfers: money moved between locations and/or buckets, as two NEUTRAL legs."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from budget.core.fields import MAX_AMOUNT

from ..models import AllocationStatus, Bucket, Location, Transaction, Transfer
from ..writes import ledger_changed, ledger_counts, ledger_lock, ledger_write
from .rows import Refs, fresh, household_of
from .setup import system_category
from .transactions import check_active, check_date, check_history_open

TRANSFER_CATEGORY = "Transfer"


@ledger_write
def transfer_create(
    *,
    user,
    household=None,
    date: datetime.date,
    description: str,
    amount: Decimal,
    from_location: Location,
    from_bucket: Bucket,
    to_location: Location | None = None,
    to_bucket: Bucket | None = None,
) -> Transfer:
    """Move `amount` from from_location/from_bucket to to_location/to_bucket (each defaults to its from)."""
    household_id = household_of(user, household)
    ledger_lock(household_id)
    refs = Refs(household_id)
    places = {
        "from_location": refs.get(from_location),
        "to_location": refs.get(to_location or from_location),
        "from_bucket": refs.get(from_bucket),
        "to_bucket": refs.get(to_bucket or from_bucket),
    }
    errors: dict[str, str] = {}
    for field, obj in places.items():
        check_active(errors, field, obj)
    check_date(errors, date)
    if not description.strip():
        errors["description"] = "Describe the transfer (1 to 255 characters)."
    if not Decimal(0) < amount <= MAX_AMOUNT:
        errors["amount"] = f"A transfer moves an amount above zero and up to {MAX_AMOUNT:,}."
    if places["from_location"] == places["to_location"] and places["from_bucket"] == places["to_bucket"]:
        errors["to_location"] = "A transfer moves money to another location, another bucket, or both."
    if errors:
        raise ValidationError(errors)

    category = system_category(household_id=household_id, name=TRANSFER_CATEGORY)
    transfer = Transfer.objects.create(
        household_id=household_id, date=date, description=description, amount=amount, **places
    )
    for location, bucket, leg_amount in (
        (places["from_location"], places["from_bucket"], -amount),
        (places["to_location"], places["to_bucket"], amount),
    ):
        leg = Transaction.objects.create(
            household_id=household_id,
            created_by=user,
            updated_by=user,
            date=date,
            description=description,
            amount=leg_amount,
            signed_amount=leg_amount,
            category=category,
            location=location,
            bucket=bucket,
            allocation_status=AllocationStatus.NOT_SPLIT,
            transfer=transfer,
        )
        ledger_counts().row(leg)
    ledger_changed(
        household_id,
        actor=user,
        action="transfer.created",
        obj_id=transfer.pk,
        summary=f"Moved {amount:,}: {description}",
        changes={field: [None, str(obj.pk)] for field, obj in places.items()} | {"amount": [None, amount]},
    )
    return transfer


@ledger_write
def transfer_delete(*, transfer: Transfer, user=None) -> None:
    """Both legs go, or neither."""
    ledger_lock(transfer.household_id)
    transfer = fresh(Transfer, transfer.household_id, transfer.pk)
    for leg in transfer.legs.select_related("location", "bucket"):
        check_history_open(leg)
        ledger_counts().row(leg, -1)
    transfer_id = transfer.pk
    transfer.delete()
    ledger_changed(
        transfer.household_id,
        actor=user,
        action="transfer.deleted",
        obj_id=transfer_id,
        summary=f"Undid the move of {transfer.amount:,}: {transfer.description}",
        changes={"amount": [transfer.amount, None]},
    )
