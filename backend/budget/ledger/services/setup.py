"""Writes to locations, buckets and categories. Every rule a person can break says how to fix it."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.core.text import filter_text

from ..models import (
    HUNDRED,
    Allocation,
    AllocationStatus,
    Archivable,
    Bucket,
    Category,
    Location,
    Sign,
    Transaction,
)
from ..selectors import allocation_total, bucket_list, location_list
from ..writes import ledger_changed, ledger_lock, ledger_write
from .rows import fresh, household_of

OPENING_BALANCE = "Opening balance"


def _name_taken(model: type[Archivable], *, household_id, name: str, exclude_pk=None) -> bool:
    rows = filter_text(model.objects.for_household(household_id).active(), "name", name, exact=True)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.exists()


def _save_named(obj: Archivable, update_fields: list[str] | None = None) -> None:
    """Save, with the unique-active-name constraint as a message (the database index is the backstop)."""
    taken = ValidationError({"name": f"You already have an active {_label(obj)} named '{obj.name}'."})
    if not obj.is_archived and _name_taken(
        type(obj), household_id=obj.household_id, name=obj.name, exclude_pk=obj.pk
    ):
        raise taken
    try:
        with transaction.atomic():
            if update_fields is None:
                obj.save(force_insert=True)
            else:
                obj.save(update_fields=[*update_fields, "updated_at"])
    except IntegrityError as exc:
        raise taken from exc


def _label(obj_or_model) -> str:
    return obj_or_model._meta.verbose_name


def _announce(obj: Archivable, verb: str, *, actor, changes: dict) -> None:
    """The write's last step: the ledger changed, and its activity entry says how."""
    done = {"created": "Added", "updated": "Changed", "archived": "Archived"}[verb]
    ledger_changed(
        obj.household_id,
        actor=actor,
        action=f"{obj._meta.model_name}.{verb}",
        obj_id=obj.pk,
        summary=f"{done} {_label(obj)} '{obj.name}'",
        changes=changes,
    )


def _archive(obj: Archivable, *, actor, selector=None) -> Archivable:
    """Archive `obj` (read under the lock); a location or bucket (with a balance `selector`) only once
    it holds nothing."""
    if obj.is_archived:
        return obj
    if selector is not None:
        balance = selector(household=obj.household_id).get(pk=obj.pk).balance
        if balance:
            raise ValidationError(
                f"'{obj.name}' still holds {balance:,}. Move or spend it (a transfer to another "
                f"{_label(obj)}) before archiving."
            )
    obj.is_archived = True
    obj.save(update_fields=["is_archived", "updated_at"])
    _announce(obj, "archived", actor=actor, changes={"is_archived": [False, True]})
    return obj


def _rename(obj: Archivable, name: str | None) -> dict:
    """{"name": [before, after]} when the name changes, else {}."""
    if name is None or name == obj.name:
        return {}
    before, obj.name = obj.name, name
    return {"name": [before, name]}


# --- Locations -----------------------------------------------------------------


@ledger_write
def location_create(*, user, name: str, household=None, opening_balance: dict | None = None) -> Location:
    """A new location; `opening_balance` ({amount, date, bucket}) records the money already there."""
    household_id = household_of(user, household)
    ledger_lock(household_id)
    location = Location(household_id=household_id, name=name)
    _save_named(location)
    changes = {"name": [None, name]}
    if opening_balance is not None:
        _record_opening_balance(location, actor=user, **opening_balance)
        changes["opening_balance"] = [None, opening_balance["amount"]]
    _announce(location, "created", actor=user, changes=changes)
    return location


def _record_opening_balance(
    location: Location, *, actor, amount: Decimal, date: datetime.date, bucket
) -> None:
    from .transactions import create_row  # transactions build on this module's system categories

    try:
        create_row(
            household_id=location.household_id,
            actor=actor,
            date=date,
            description=OPENING_BALANCE,
            amount=amount,
            category=system_category(household_id=location.household_id, name=OPENING_BALANCE),
            location=location,
            bucket=bucket,
        )
    except ValidationError as exc:
        raise ValidationError({"opening_balance": exc.messages}) from exc


@ledger_write
def location_update(*, location: Location, name: str | None = None, user=None) -> Location:
    ledger_lock(location.household_id)
    location = fresh(Location, location.household_id, location.pk)
    changes = _rename(location, name)
    if changes:
        _save_named(location, list(changes))
        _announce(location, "updated", actor=user, changes=changes)
    return location


@ledger_write
def location_archive(*, location: Location, user=None) -> Location:
    ledger_lock(location.household_id)
    return _archive(fresh(Location, location.household_id, location.pk), actor=user, selector=location_list)


# --- Buckets -------------------------------------------------------------------


def _check_allocation(*, household_id, percentage: Decimal, current: Decimal = Decimal(0)) -> None:
    """`percentage` in place of `current` must keep the active buckets at or under 100 %."""
    in_use = allocation_total(household=household_id)
    total = in_use - current + percentage
    if total > HUNDRED:
        message = f"Total allocation would be {total:.2f}%; {HUNDRED - in_use:.2f}% is left."
        if current:
            message += f" This bucket can go up to {HUNDRED - in_use + current:.2f}%."
        raise ValidationError({"allocation_percentage": message})


UNSET = object()  # "not given", where None means "clear it"


def _check_goal(goal_amount: Decimal | None, goal_date: datetime.date | None) -> None:
    if goal_amount is not None and goal_amount <= 0:
        raise ValidationError({"goal_amount": "A goal amount must be more than 0.00."})
    if goal_date is not None and goal_amount is None:
        raise ValidationError({"goal_date": "A goal date needs a goal amount; set goal_amount too."})


@ledger_write
def bucket_create(
    *,
    user,
    name: str,
    allocation_percentage: Decimal = Decimal("0.00"),
    goal_amount: Decimal | None = None,
    goal_date: datetime.date | None = None,
    household=None,
) -> Bucket:
    household_id = household_of(user, household)
    ledger_lock(household_id)
    _check_allocation(household_id=household_id, percentage=allocation_percentage)
    _check_goal(goal_amount, goal_date)
    bucket = Bucket(
        household_id=household_id,
        name=name,
        allocation_percentage=allocation_percentage,
        goal_amount=goal_amount,
        goal_date=goal_date,
    )
    _save_named(bucket)
    changes = {"name": [None, name], "allocation_percentage": [None, allocation_percentage]}
    if goal_amount is not None:
        changes.update(goal_amount=[None, goal_amount], goal_date=[None, goal_date])
    _announce(bucket, "created", actor=user, changes=changes)
    return bucket


@ledger_write
def bucket_update(
    *,
    bucket: Bucket,
    name: str | None = None,
    allocation_percentage: Decimal | None = None,
    goal_amount=UNSET,
    goal_date=UNSET,
    user=None,
) -> Bucket:
    """Change what is given; `goal_amount` and `goal_date` may be given as None to clear them (no
    amount clears the date too)."""
    ledger_lock(bucket.household_id)
    bucket = fresh(Bucket, bucket.household_id, bucket.pk)
    changes = _rename(bucket, name)
    if goal_amount is None:
        goal_date = None
    goal = {
        "goal_amount": bucket.goal_amount if goal_amount is UNSET else goal_amount,
        "goal_date": bucket.goal_date if goal_date is UNSET else goal_date,
    }
    _check_goal(**goal)
    for field, value in goal.items():
        if value != getattr(bucket, field):
            changes[field] = [getattr(bucket, field), value]
            setattr(bucket, field, value)
    if allocation_percentage is not None and allocation_percentage != bucket.allocation_percentage:
        if not bucket.is_archived:
            _check_allocation(
                household_id=bucket.household_id,
                percentage=allocation_percentage,
                current=bucket.allocation_percentage,
            )
        changes["allocation_percentage"] = [bucket.allocation_percentage, allocation_percentage]
        bucket.allocation_percentage = allocation_percentage
    if changes:
        _save_named(bucket, list(changes))
        _announce(bucket, "updated", actor=user, changes=changes)
    return bucket


@ledger_write
def bucket_archive(*, bucket: Bucket, user=None) -> Bucket:
    ledger_lock(bucket.household_id)
    bucket = fresh(Bucket, bucket.household_id, bucket.pk)
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
    return _archive(bucket, actor=user, selector=bucket_list)


# --- Categories ----------------------------------------------------------------


@ledger_write
def category_create(*, user, name: str, sign: str, household=None) -> Category:
    household_id = household_of(user, household)
    ledger_lock(household_id)
    category = Category(household_id=household_id, name=name, sign=sign)
    _save_named(category)
    _announce(category, "created", actor=user, changes={"name": [None, name], "sign": [None, sign]})
    return category


@ledger_write
def category_update(
    *, category: Category, name: str | None = None, sign: str | None = None, user=None
) -> Category:
    ledger_lock(category.household_id)
    category = fresh(Category, category.household_id, category.pk)
    changes = _rename(category, name)
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
        changes["sign"] = [category.sign, sign]
        category.sign = sign
    if changes:
        _save_named(category, list(changes))
        _announce(category, "updated", actor=user, changes=changes)
    return category


@ledger_write
def category_archive(*, category: Category, user=None) -> Category:
    """Categories hold no money, so one can always be archived; its transactions keep it."""
    ledger_lock(category.household_id)
    return _archive(fresh(Category, category.household_id, category.pk), actor=user)


def system_category(*, household_id, name: str) -> Category:
    """The household's active NEUTRAL category `name` (Transfer, Opening balance), made on first use.

    Called under the ledger lock, so two first uses make one category.
    """
    found = filter_text(Category.objects.for_household(household_id).active(), "name", name, exact=True)
    found = found.first()
    if found is None:
        return Category.objects.create(household_id=household_id, name=name, sign=Sign.NEUTRAL)
    if found.sign != Sign.NEUTRAL:
        raise ValidationError(
            f"Money moved without income or expense is filed under a NEUTRAL category named '{name}', "
            f"but yours is {found.sign}. Rename or archive that category first."
        )
    return found
