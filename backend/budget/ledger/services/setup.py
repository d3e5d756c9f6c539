"""Writes to locations, buckets and categories. Every rule a person can break says how to fix it."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.core.text import filter_text
from budget.reports.services import reports_invalidate

from ..models import (
    HUNDRED,
    Allocation,
    AllocationStatus,
    Archivable,
    Bucket,
    Category,
    Location,
    Transaction,
)
from ..selectors import allocation_total, bucket_list, location_list


def lock_user_ledger(user) -> None:
    """Serialize one user's writes that must see each other (bucket percentages, the Transfer category).

    A row lock on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the write lock.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()


def _name_taken(model: type[Archivable], *, user, name: str, exclude_pk=None) -> bool:
    rows = filter_text(model.objects.for_user(user).active(), "name", name, exact=True)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.exists()


def _save_named(obj: Archivable) -> None:
    """Save, with the unique-active-name constraint as a message (two requests can race past the check)."""
    if not obj.is_archived and _name_taken(type(obj), user=obj.user, name=obj.name, exclude_pk=obj.pk):
        raise ValidationError({"name": f"You already have an active {_label(obj)} named '{obj.name}'."})
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"name": f"You already have an active {_label(obj)} named '{obj.name}'."}
        ) from exc
    reports_invalidate(user_id=obj.user_id)  # names and active categories show in reports


def _label(obj_or_model) -> str:
    return obj_or_model._meta.verbose_name


def _archive(obj: Archivable, *, selector=None) -> Archivable:
    """Archive `obj`; a location or bucket (with a balance `selector`) only once it holds nothing."""
    if obj.is_archived:
        return obj
    if selector is not None:
        balance = selector(user=obj.user).get(pk=obj.pk).balance
        if balance:
            raise ValidationError(
                f"'{obj.name}' still holds {balance:,}. Move or spend it (a transfer to another "
                f"{_label(obj)}) before archiving."
            )
    obj.is_archived = True
    obj.save(update_fields=["is_archived", "updated_at"])
    reports_invalidate(user_id=obj.user_id)
    return obj


# --- Locations -----------------------------------------------------------------


@transaction.atomic
def location_create(*, user, name: str) -> Location:
    location = Location(user=user, name=name)
    _save_named(location)
    return location


@transaction.atomic
def location_update(*, location: Location, name: str | None = None) -> Location:
    if name is not None:
        location.name = name
    _save_named(location)
    return location


@transaction.atomic
def location_archive(*, location: Location) -> Location:
    return _archive(location, selector=location_list)


# --- Buckets -------------------------------------------------------------------


def _check_allocation(*, user, percentage: Decimal, exclude_pk=None) -> None:
    in_use = allocation_total(user=user)
    current = Decimal(0)
    if exclude_pk is not None:
        bucket = Bucket.objects.for_user(user).active().filter(pk=exclude_pk).first()
        current = bucket.allocation_percentage if bucket else Decimal(0)
    total = in_use - current + percentage
    if total > HUNDRED:
        message = f"Total allocation would be {total:.2f}%; {HUNDRED - in_use:.2f}% is left."
        if current:
            message += f" This bucket can go up to {HUNDRED - in_use + current:.2f}%."
        raise ValidationError({"allocation_percentage": message})


@transaction.atomic
def bucket_create(*, user, name: str, allocation_percentage: Decimal = Decimal("0.00")) -> Bucket:
    lock_user_ledger(user)
    _check_allocation(user=user, percentage=allocation_percentage)
    bucket = Bucket(user=user, name=name, allocation_percentage=allocation_percentage)
    _save_named(bucket)
    return bucket


@transaction.atomic
def bucket_update(
    *, bucket: Bucket, name: str | None = None, allocation_percentage: Decimal | None = None
) -> Bucket:
    lock_user_ledger(bucket.user)
    if allocation_percentage is not None:
        if not bucket.is_archived:
            _check_allocation(user=bucket.user, percentage=allocation_percentage, exclude_pk=bucket.pk)
        bucket.allocation_percentage = allocation_percentage
    if name is not None:
        bucket.name = name
    _save_named(bucket)
    return bucket


@transaction.atomic
def bucket_archive(*, bucket: Bucket) -> Bucket:
    # An edited split income re-splits with its stored percentages, so a bucket it had a leg in
    # would get money again after it was archived, where nothing could move it out.
    resplitting = Allocation.objects.filter(
        bucket=bucket, transaction__allocation_status=AllocationStatus.PENDING
    ).exists()
    if resplitting and not bucket.is_archived:
        raise ValidationError(
            f"'{bucket.name}' is about to get its share of an edited split income again; "
            "try again in a minute, once it is allocated."
        )
    return _archive(bucket, selector=bucket_list)


# --- Categories ----------------------------------------------------------------


@transaction.atomic
def category_create(*, user, name: str, sign: str) -> Category:
    category = Category(user=user, name=name, sign=sign)
    _save_named(category)
    return category


@transaction.atomic
def category_update(*, category: Category, name: str | None = None, sign: str | None = None) -> Category:
    if sign is not None and sign != category.sign:
        used = Transaction.objects.filter(category=category).count()
        if used:
            raise ValidationError(
                {
                    "sign": (
                        f"'{category.name}' is used by {used} transaction{'s' if used != 1 else ''}, so its "
                        "sign cannot change. Make a new category instead."
                    )
                }
            )
        category.sign = sign
    if name is not None:
        category.name = name
    _save_named(category)
    return category


@transaction.atomic
def category_archive(*, category: Category) -> Category:
    """Categories hold no money, so one can always be archived; its transactions keep it."""
    return _archive(category)
