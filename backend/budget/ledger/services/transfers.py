"""Transfers: money moved between locations and/or buckets, as two NEUTRAL legs."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.core.fields import MAX_AMOUNT
from budget.core.text import filter_text
from budget.reports.services import reports_invalidate

from ..models import AllocationStatus, Bucket, Category, Location, Sign, Transaction, Transfer
from .setup import lock_user_ledger
from .transactions import check_active, check_date, check_history_open, check_owned

TRANSFER_CATEGORY = "Transfer"


def transfer_category(*, user) -> Category:
    """The user's active NEUTRAL category named Transfer, made on first use."""
    found = filter_text(
        Category.objects.for_user(user).active(), "name", TRANSFER_CATEGORY, exact=True
    ).first()
    if found is None:
        lock_user_ledger(user)  # two first transfers at once make one category
        found = filter_text(
            Category.objects.for_user(user).active(), "name", TRANSFER_CATEGORY, exact=True
        ).first()
    if found is None:
        try:
            with transaction.atomic():
                return Category.objects.create(user=user, name=TRANSFER_CATEGORY, sign=Sign.NEUTRAL)
        except IntegrityError:
            found = Category.objects.for_user(user).active().get(name__iexact=TRANSFER_CATEGORY)
    if found.sign != Sign.NEUTRAL:
        raise ValidationError(
            f"Transfers are filed under a NEUTRAL category named '{TRANSFER_CATEGORY}', but yours is "
            f"{found.sign}. Rename or archive that category first."
        )
    return found


@transaction.atomic
def transfer_create(
    *,
    user,
    date: datetime.date,
    description: str,
    amount: Decimal,
    from_location: Location,
    from_bucket: Bucket,
    to_location: Location | None = None,
    to_bucket: Bucket | None = None,
) -> Transfer:
    """Move `amount` from from_location/from_bucket to to_location/to_bucket (each defaults to its from)."""
    to_location = to_location or from_location
    to_bucket = to_bucket or from_bucket
    places = {
        "from_location": from_location,
        "to_location": to_location,
        "from_bucket": from_bucket,
        "to_bucket": to_bucket,
    }
    check_owned(user, **places)
    errors: dict[str, str] = {}
    for field, obj in places.items():
        check_active(errors, field, obj)
    check_date(errors, date)
    if not description.strip():
        errors["description"] = "Describe the transfer (1 to 255 characters)."
    if not Decimal(0) < amount <= MAX_AMOUNT:
        errors["amount"] = f"A transfer moves an amount above zero and up to {MAX_AMOUNT:,}."
    if from_location == to_location and from_bucket == to_bucket:
        errors["to_location"] = "A transfer moves money to another location, another bucket, or both."
    if errors:
        raise ValidationError(errors)

    category = transfer_category(user=user)
    transfer = Transfer.objects.create(user=user, date=date, description=description, amount=amount, **places)
    for location, bucket, leg_amount in (
        (from_location, from_bucket, -amount),
        (to_location, to_bucket, amount),
    ):
        Transaction.objects.create(
            user=user,
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
    reports_invalidate(user_id=user.pk)
    return transfer


@transaction.atomic
def transfer_delete(*, transfer: Transfer) -> None:
    """Both legs go, or neither."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    for leg in transfer.legs.select_related("location", "bucket"):
        check_history_open(leg)
    transfer.delete()
    reports_invalidate(user_id=transfer.user_id)
