"""Writes to transactions and the allocation of split income."""

import datetime
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django_q.tasks import async_task

from budget.core.fields import MAX_AMOUNT

from ..models import AllocationStatus, Bucket, Category, Location, Sign, Transaction
from ..selectors import allocation_total
from ..writes import ledger_changed, ledger_counts, ledger_lock, ledger_write
from .rows import Refs, fresh, household_of

logger = logging.getLogger(__name__)

FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)
FIELDS = ("date", "description", "amount", "category", "location", "bucket", "split_income")
ALLOCATE_TASK = "budget.ledger.tasks.allocate_income"


class BulkValidationError(Exception):
    """Some items of a bulk write were refused: `errors` maps each index to its field errors."""

    def __init__(self, errors: dict[int, dict[str, list[str]]]):
        super().__init__(f"{len(errors)} items were refused")
        self.errors = errors


def _shown(value):
    """A field's value as the activity log keeps it: rows by id."""
    return str(value.pk) if hasattr(value, "pk") else value


def signed(amount: Decimal, sign: str) -> Decimal:
    return -amount if sign == Sign.NEGATIVE else amount


def check_active(errors: dict, field: str, obj) -> None:
    if obj is not None and obj.is_archived:
        errors[field] = f"{obj._meta.verbose_name.capitalize()} '{obj.name}' is archived; pick an active one."


def check_date(errors: dict, date: datetime.date) -> None:
    if not FIRST_DATE <= date <= LAST_DATE:
        errors["date"] = f"Dates go from {FIRST_DATE} to {LAST_DATE}."


def _clean(
    household_id, values: dict, previous: Transaction | None = None, allocation: Decimal | None = None
) -> None:
    """Every rule of a transaction, on the values it will have; one ValidationError lists all broken ones.

    The rows it points at are the ones read under the ledger lock (see `Refs`).
    """
    category, bucket, amount = values["category"], values["bucket"], values["amount"]
    errors: dict[str, str] = {}
    for field in ("category", "location", "bucket"):
        # An existing transaction may keep pointing at something archived since; a new pointer may not.
        if previous is None or getattr(previous, f"{field}_id") != getattr(values[field], "pk", None):
            check_active(errors, field, values[field])
    check_date(errors, values["date"])
    if not values["description"].strip():
        errors["description"] = "Describe the transaction (1 to 255 characters)."
    if abs(amount) > MAX_AMOUNT:
        errors["amount"] = f"Amounts go up to {MAX_AMOUNT:,}."
    elif category.sign == Sign.NEUTRAL and amount == 0:
        errors["amount"] = (
            "A neutral transaction needs a non-zero amount: negative for money out, positive for in."
        )
    elif category.sign != Sign.NEUTRAL and amount <= 0:
        kind = "income" if category.sign == Sign.POSITIVE else "expense"
        errors["amount"] = (
            f"Enter the {kind} as an amount above zero; the category '{category.name}' gives the direction."
        )
    if values["split_income"]:
        if category.sign != Sign.POSITIVE:
            errors["split_income"] = "Only income (a POSITIVE category) can be split over buckets."
        elif bucket is not None:
            errors["bucket"] = "Leave the bucket empty for a split income: it is spread over all buckets."
        elif previous is None or not previous.split_income:
            total = allocation if allocation is not None else allocation_total(household=household_id)
            if total != Decimal(100):
                errors["split_income"] = (
                    f"Splitting needs bucket percentages that sum to 100.00%; yours sum to {total}%. "
                    "Adjust the buckets first, or pick one bucket."
                )
    elif bucket is None:
        errors["bucket"] = "Pick a bucket" + (
            ", or split the income over all buckets." if category.sign == Sign.POSITIVE else "."
        )
    if errors:
        raise ValidationError(errors)


def check_history_open(txn: Transaction) -> None:
    """Money that sits in an archived location or bucket stays put: archiving needs a zero balance."""
    archived = [obj for obj in (txn.location, txn.bucket) if obj is not None and obj.is_archived]
    if txn.split_income:
        archived += [leg.bucket for leg in txn.allocations.select_related("bucket") if leg.bucket.is_archived]
    if archived:
        obj = archived[0]
        raise ValidationError(
            f"{obj._meta.verbose_name.capitalize()} '{obj.name}' is archived, so this transaction's amount, "
            "place and bucket cannot change any more (its date and description can)."
        )


def _check_not_transfer_leg(txn: Transaction) -> None:
    if txn.transfer_id is not None:
        raise ValidationError(
            "This transaction is one leg of a transfer; change or delete the transfer instead."
        )


def _enqueue_allocation(txn: Transaction) -> None:
    txn_id = str(txn.pk)
    # robust: a broker that is down must not fail a write that has committed; the sweeper retries.
    transaction.on_commit(lambda: async_task(ALLOCATE_TASK, txn_id), robust=True)


@ledger_write
def transaction_create(*, user, household=None, **values) -> Transaction:
    """Record a transaction entered by `user`; a split income gets its bucket legs from a task after
    commit."""
    household_id = household_of(user, household)
    ledger_lock(household_id)
    txn = create_row(household_id=household_id, actor=user, **values)
    ledger_changed(
        household_id,
        actor=user,
        action="transaction.created",
        obj_id=txn.pk,
        summary=f"Added '{txn.description}' ({txn.signed_amount:,})",
        changes={field: [None, _shown(getattr(txn, field))] for field in FIELDS},
    )
    return txn


def create_row(  # under the caller's ledger lock, without announcing, so a bulk write announces once
    *,
    household_id,
    actor,
    date: datetime.date,
    description: str,
    amount: Decimal,
    category: Category,
    location: Location,
    bucket: Bucket | None = None,
    split_income: bool = False,
    refs: Refs | None = None,
) -> Transaction:
    refs = refs or Refs(household_id)
    values = {
        "date": date,
        "description": description,
        "amount": amount,
        "category": refs.get(category),
        "location": refs.get(location),
        "bucket": refs.get(bucket),
        "split_income": split_income,
    }
    _clean(household_id, values)
    txn = Transaction.objects.create(
        household_id=household_id,
        created_by=actor,
        updated_by=actor,
        **values,
        signed_amount=signed(amount, values["category"].sign),
        allocation_status=AllocationStatus.PENDING if split_income else AllocationStatus.NOT_SPLIT,
    )
    if split_income:
        _enqueue_allocation(txn)
    ledger_counts().row(txn)  # last: a bulk item refused before this counted nothing
    return txn


@ledger_write
def transaction_update(*, txn: Transaction, user=None, **changes) -> Transaction:
    """Change any of FIELDS; the rules are checked on the result, not on the fields sent."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    ledger_lock(txn.household_id)
    txn = fresh(Transaction, txn.household_id, txn.pk, related=("category", "location", "bucket"))
    _check_not_transfer_leg(txn)
    refs = Refs(txn.household_id)
    values = {field: getattr(txn, field) for field in FIELDS}
    if changes.get("split_income") and "bucket" not in changes:
        values["bucket"] = None  # turning the split on clears the bucket it replaces
    values.update(changes)
    for field in ("category", "location", "bucket"):
        if field in changes:
            values[field] = refs.get(values[field])
    _clean(txn.household_id, values, previous=txn)

    new_signed = signed(values["amount"], values["category"].sign)
    effect_changed = (
        new_signed != txn.signed_amount
        or values["location"].pk != txn.location_id
        or getattr(values["bucket"], "pk", None) != txn.bucket_id
        or values["split_income"] != txn.split_income
    )
    if effect_changed:
        check_history_open(txn)
    resplit = values["split_income"] and (
        not txn.split_income or values["amount"] != txn.amount or values["date"] != txn.date
    )
    changed = [field for field in FIELDS if values[field] != getattr(txn, field)]
    if not changed:
        return txn
    counts = ledger_counts()
    legs = list(txn.allocations.all()) if txn.split_income else []
    counts.row(txn, -1)  # as it was; counted again below as it is
    counts.legs(txn, legs, -1)
    if txn.split_income and not values["split_income"]:
        txn.allocations.all().delete()  # the legs go; they are not counted again below
        txn.allocation_status = AllocationStatus.NOT_SPLIT
        changed.append("allocation_status")
    elif resplit:
        txn.allocation_status = AllocationStatus.PENDING
        changed.append("allocation_status")
    if new_signed != txn.signed_amount:
        changed.append("signed_amount")
    changes = {
        field: [_shown(getattr(txn, field)), _shown(values[field])] for field in changed if field in FIELDS
    }
    for field, value in values.items():
        setattr(txn, field, value)
    txn.signed_amount = new_signed
    if user is not None:
        txn.updated_by = user
        changed.append("updated_by")
    txn.save(update_fields=[*changed, "updated_at"])
    counts.row(txn)
    if txn.split_income:
        counts.legs(txn, legs)  # unchanged until the allocation task re-splits them
    if resplit:
        _enqueue_allocation(txn)
    ledger_changed(
        txn.household_id,
        actor=user,
        action="transaction.updated",
        obj_id=txn.pk,
        summary=f"Changed '{txn.description}' ({', '.join(changes)})",
        changes=changes,
    )
    return txn


@ledger_write
def transaction_delete(*, txn: Transaction, user=None) -> None:
    ledger_lock(txn.household_id)
    txn = fresh(Transaction, txn.household_id, txn.pk, related=("location", "bucket"))
    _check_not_transfer_leg(txn)
    check_history_open(txn)
    gone = {field: [_shown(getattr(txn, field)), None] for field in FIELDS}
    txn_id = txn.pk
    ledger_counts().row(txn, -1)
    ledger_counts().legs(txn, txn.allocations.all(), -1)
    txn.delete()
    ledger_changed(
        txn.household_id,
        actor=user,
        action="transaction.deleted",
        obj_id=txn_id,
        summary=f"Deleted '{txn.description}' ({txn.signed_amount:,})",
        changes=gone,
    )


@ledger_write
def transaction_bulk_create(
    *, user, items: list[dict] | dict[int, dict], refused: dict[int, dict] | None = None, household=None
) -> list[Transaction]:
    """All or nothing: every item is checked, and one refused item rolls back the others.

    `refused` holds the errors of items the caller could not even parse, by their index in the
    request; `items` are the others, keyed the same way when given as a dict.
    """
    household_id = household_of(user, household)
    ledger_lock(household_id)
    refs = Refs(household_id)
    indexed = items.items() if isinstance(items, dict) else enumerate(items)
    created, errors = [], dict(refused or {})
    for index, item in indexed:
        try:
            # A savepoint each: one item failing in the database must not poison the others.
            with transaction.atomic():
                created.append(create_row(household_id=household_id, actor=user, refs=refs, **item))
        except ValidationError as exc:
            errors[index] = (
                exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            )
    if errors:
        raise BulkValidationError(dict(sorted(errors.items())))
    ledger_changed(
        household_id,
        actor=user,
        action="transaction.bulk_created",
        obj_id=None,
        summary=f"Added {len(created)} transaction{'s' if len(created) != 1 else ''} at once",
        changes={"transactions": [None, [str(txn.pk) for txn in created]]},
    )
    return created


BATCH = 1000


def create_rows(*, household_id, actor, items: list[dict]) -> list[Transaction]:
    """Many new transactions in few statements (imports), under the caller's ledger lock, without
    announcing: checked one by one as `create_row` does (one ValidationError names the item's
    index), then inserted in batches. An item may carry an `import_id`."""
    refs = Refs(household_id)
    allocation = allocation_total(household=household_id)
    rows = []
    for index, item in enumerate(items):
        values = {field: item.get(field) for field in FIELDS}
        values["split_income"] = bool(values["split_income"])
        for field in ("category", "location", "bucket"):
            values[field] = refs.get(values[field])
        if values["category"] is None:
            raise ValidationError({str(index): ["Pick a category."]})
        try:
            _clean(household_id, values, allocation=allocation)
        except ValidationError as exc:
            raise ValidationError({str(index): exc.messages}) from None
        rows.append(
            Transaction(
                household_id=household_id,
                created_by=actor,
                updated_by=actor,
                **values,
                signed_amount=signed(values["amount"], values["category"].sign),
                allocation_status=(
                    AllocationStatus.PENDING if values["split_income"] else AllocationStatus.NOT_SPLIT
                ),
                import_id=item.get("import_id"),
            )
        )
    Transaction.objects.bulk_create(rows, batch_size=BATCH)
    counts = ledger_counts()
    for txn in rows:
        counts.row(txn)
        if txn.split_income:
            _enqueue_allocation(txn)
    return rows
