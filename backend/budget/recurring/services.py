"""Writes of recurring items and their occurrences. Each is a ledger write: the household's lock
first, then the item re-read under it, so two schedulers (or a scheduler and a person pressing
"post") handle a date once; the unique (item, date) constraint stands behind that."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django_q.tasks import async_task

from budget.ledger.models import Transfer
from budget.ledger.services.rows import fresh, household_of
from budget.ledger.services.transactions import FIRST_DATE, LAST_DATE
from budget.ledger.writes import ledger_changed, ledger_lock, ledger_write

from . import schedule
from .models import Frequency, Occurrence, OccurrenceStatus, RecurringItem
from .templates import template_check, template_post

logger = logging.getLogger(__name__)

POST_DUE_ITEM_TASK = "budget.recurring.tasks.post_due_item"
MAX_PER_RUN = 200  # occurrences one scheduler run posts; a longer catch-up goes on the next minute
SCHEDULE_FIELDS = ("frequency", "interval", "day", "start_date", "end_date")
FIELDS = ("name", "kind", "template", *SCHEDULE_FIELDS, "auto_post", "is_active")


def _check_schedule(values: dict) -> None:
    errors = {}
    day = values.get("day")
    if values["frequency"] == Frequency.MONTHLY:
        if day is not None and not (1 <= day <= 31 or day == schedule.LAST_DAY):
            errors["day"] = "A monthly item falls on a day from 1 to 31, or -1 for the month's last day."
    elif day is not None:
        errors["day"] = "Only monthly items take a day: weekly and yearly ones repeat their start date."
    for field in ("start_date", "end_date"):
        date = values.get(field)
        if date is not None and not FIRST_DATE <= date <= LAST_DATE:
            errors[field] = f"Dates go from {FIRST_DATE} to {LAST_DATE}."
    if values.get("end_date") is not None and values["end_date"] < values["start_date"]:
        errors["end_date"] = "The end date comes on or after the start date."
    if not 1 <= values["interval"] <= 99:
        errors["interval"] = "Repeat every 1 to 99 weeks, months or years."
    if not str(values.get("name", "")).strip():
        errors["name"] = "Name the item (1 to 100 characters)."
    if errors:
        raise ValidationError(errors)


def _handled(item) -> set[datetime.date]:
    return set(item.occurrences.values_list("date", flat=True))


def _refresh_next(item) -> None:
    item.next_date = schedule.first_open(item, _handled(item))


def _handle_soon(item) -> None:
    """An item with dates due now is handled right after its commit, not only at the next minute."""
    if item.is_active and item.auto_post and item.next_date and item.next_date <= schedule.today():
        item_id = str(item.pk)
        transaction.on_commit(lambda: async_task(POST_DUE_ITEM_TASK, item_id), robust=True)


@ledger_write
def recurring_create(*, user, household=None, **values) -> RecurringItem:
    household_id = household_of(user, household)
    ledger_lock(household_id)
    values = {"interval": 1, "day": None, "end_date": None, "auto_post": False, "is_active": True, **values}
    if values["frequency"] == Frequency.MONTHLY and values["day"] is None:
        values["day"] = values["start_date"].day
    _check_schedule(values)
    template_check(
        kind=values["kind"],
        template=values["template"],
        household_id=household_id,
        actor=user,
        date=values["start_date"],
    )
    item = RecurringItem(
        household_id=household_id, created_by=user, resume_date=values["start_date"], **values
    )
    item.next_date = schedule.first_open(item, set())
    item.save()
    ledger_changed(
        household_id,
        actor=user,
        action="recurring.created",
        obj_id=item.pk,
        summary=f"Added the recurring item '{item.name}'",
        changes={field: [None, getattr(item, field)] for field in FIELDS},
    )
    _handle_soon(item)
    return item


def _live(item) -> RecurringItem:
    item = fresh(RecurringItem, item.household_id, item.pk)
    if item.deleted_at is not None:
        raise RecurringItem.DoesNotExist("Recurring item not found.")
    return item


@ledger_write
def recurring_update(*, item: RecurringItem, user, **changes) -> RecurringItem:
    """Change the item, never what it posted; a new schedule starts after the last date handled."""
    ledger_lock(item.household_id)
    item = _live(item)
    values = {field: getattr(item, field) for field in FIELDS} | changes
    if values["frequency"] == Frequency.MONTHLY and values["day"] is None:
        values["day"] = values["start_date"].day
    elif values["frequency"] != Frequency.MONTHLY and "frequency" in changes and "day" not in changes:
        values["day"] = None  # the monthly day of the old schedule
    _check_schedule(values)
    if "template" in changes or "kind" in changes:
        template_check(
            kind=values["kind"],
            template=values["template"],
            household_id=item.household_id,
            actor=user,
            date=item.next_date or values["start_date"],
        )
    changed = [field for field in FIELDS if values[field] != getattr(item, field)]
    if not changed:
        return item
    before = {field: getattr(item, field) for field in changed}
    for field in changed:
        setattr(item, field, values[field])
    if set(changed) & set(SCHEDULE_FIELDS):
        latest = item.occurrences.aggregate(latest=Max("date"))["latest"]
        item.resume_date = latest + datetime.timedelta(days=1) if latest else item.start_date
    _refresh_next(item)
    item.last_error = ""
    item.save()
    ledger_changed(
        item.household_id,
        actor=user,
        action="recurring.updated",
        obj_id=item.pk,
        summary=f"Changed the recurring item '{item.name}' ({', '.join(changed)})",
        changes={field: [before[field], getattr(item, field)] for field in changed},
    )
    _handle_soon(item)
    return item


@ledger_write
def recurring_delete(*, item: RecurringItem, user) -> None:
    """A soft delete: the item stops and leaves the lists; what it posted keeps pointing at it."""
    ledger_lock(item.household_id)
    item = _live(item)
    item.deleted_at = timezone.now()
    item.is_active = False
    item.save(update_fields=["deleted_at", "is_active", "updated_at"])
    ledger_changed(
        item.household_id,
        actor=user,
        action="recurring.deleted",
        obj_id=item.pk,
        summary=f"Deleted the recurring item '{item.name}'",
        changes={"is_active": [True, False]},
    )


def _check_open(item: RecurringItem, date: datetime.date) -> None:
    done = item.occurrences.filter(date=date).first()
    if done is not None:
        raise ValidationError({"date": f"{date} was already {done.status.lower()} for '{item.name}'."})
    since = max(item.start_date, item.resume_date)
    if date < since or not schedule.is_date_of(schedule.item_rule(item), date):
        hint = f" The next one is {item.next_date}." if item.next_date else " It has no dates left."
        raise ValidationError({"date": f"{date} is not a date of '{item.name}'.{hint}"})


def _record(item, date, status, row=None) -> Occurrence:
    is_transfer = isinstance(row, Transfer)
    occurrence = Occurrence.objects.create(
        household_id=item.household_id,
        item=item,
        date=date,
        status=status,
        transaction=None if row is None or is_transfer else row,
        transfer=row if is_transfer else None,
    )
    if status == OccurrenceStatus.POSTED and (item.last_posted is None or date > item.last_posted):
        item.last_posted = date
    _refresh_next(item)
    item.last_error = ""
    item.save(update_fields=["last_posted", "next_date", "last_error", "updated_at"])
    return occurrence


@ledger_write
def recurring_post(*, item: RecurringItem, date: datetime.date, user) -> Occurrence:
    """Post the occurrence on `date` now (also ahead of time); refused once that date is handled."""
    ledger_lock(item.household_id)
    item = _live(item)
    _check_open(item, date)
    return _record(item, date, OccurrenceStatus.POSTED, template_post(item, date=date, actor=user))


@ledger_write
def recurring_skip(*, item: RecurringItem, date: datetime.date, user) -> Occurrence:
    ledger_lock(item.household_id)
    item = _live(item)
    _check_open(item, date)
    occurrence = _record(item, date, OccurrenceStatus.SKIPPED)
    ledger_changed(
        item.household_id,
        actor=user,
        action="recurring.skipped",
        obj_id=item.pk,
        summary=f"Skipped '{item.name}' on {date}",
        changes={"skipped": [None, date]},
    )
    return occurrence


@ledger_write
def recurring_post_next(*, item_id, today: datetime.date) -> Occurrence | None:
    """The scheduler's step: post the item's first open date if it is due, as the item's author."""
    household_id = RecurringItem.objects.filter(pk=item_id).values_list("household_id", flat=True).first()
    if household_id is None:
        return None
    ledger_lock(household_id)
    item = RecurringItem.objects.filter(pk=item_id).select_related("created_by").first()  # under the lock
    due = item is not None and item.is_active and item.auto_post and item.deleted_at is None
    if not due or item.next_date is None or item.next_date > today:
        return None
    date = item.next_date
    row = template_post(item, date=date, actor=item.created_by)
    return _record(item, date, OccurrenceStatus.POSTED, row)


def recurring_catch_up(*, item_id, today: datetime.date, limit: int) -> int:
    """Post the item's due dates one write each, oldest first; stop at `limit` or a refusal, which
    the item keeps as `last_error` (it is tried again on the next run)."""
    posted = 0
    while posted < limit:
        try:
            if recurring_post_next(item_id=item_id, today=today) is None:
                break
        except ValidationError as exc:
            message = "; ".join(exc.messages)[:500]
            RecurringItem.objects.filter(pk=item_id).update(last_error=message)
            logger.info("Recurring item %s could not post: %s", item_id, message)
            break
        except IntegrityError:  # another scheduler got there first, past the lock (never expected)
            logger.warning("Recurring item %s: a date was posted by another run", item_id)
            break
        posted += 1
    return posted


def recurring_post_due(*, limit: int = MAX_PER_RUN) -> int:
    """Every due date of active auto-post items, catching up after downtime; `limit` per run."""
    today = schedule.today()
    due = RecurringItem.objects.current().filter(is_active=True, auto_post=True, next_date__lte=today)
    posted = 0
    for item_id in due.order_by("next_date").values_list("pk", flat=True)[:limit]:
        posted += recurring_catch_up(item_id=item_id, today=today, limit=limit - posted)
        if posted >= limit:
            break
    return posted
