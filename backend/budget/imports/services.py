"""Imports: upload, parse (task), review, commit (task), discard; and the sweep that heals lost tasks.

Parse and commit are idempotent and keyed on the import's status, so a task run twice, or again
after its worker died, does its work once: the parse rewrites the rows of an import still being
parsed; the commit runs in one ledger transaction that re-reads the status under the household
lock, and a commit that died left nothing behind.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from budget.households.activity import activity_record
from budget.ledger.models import Bucket, Category, Sign, Transaction
from budget.ledger.services import create_rows
from budget.ledger.writes import ledger_changed, ledger_lock, ledger_write

from .csvfile import read_csv
from .models import Duplicate, Format, Import, ImportRow, Status
from .ofxfile import read_ofx
from .reading import MAX_BYTES, MAX_ROWS, FileError, looks_like_ofx
from .review import review_rows

logger = logging.getLogger(__name__)

PARSE_TASK = "budget.imports.tasks.parse_import"
COMMIT_TASK = "budget.imports.tasks.commit_import"
PROGRESS_EVERY = 500


def _enqueue(func: str, import_id) -> None:
    # robust: a broker that is down must not fail a write that has committed; the sweep retries.
    transaction.on_commit(lambda: async_task(func, str(import_id)), robust=True)


def _last_mapping(household_id, location_id) -> dict | None:
    previous = (
        Import.objects.for_household(household_id)
        .filter(location_id=location_id, format=Format.CSV, status__in=[Status.READY, Status.COMMITTED])
        .exclude(mapping=None)
        .order_by("-created_at")
        .values_list("mapping", flat=True)
        .first()
    )
    return previous


@transaction.atomic
def import_create(*, user, household, location, filename: str, content: bytes, format=None, mapping=None):
    """Store the upload and queue its parse. Limits are checked here, so an oversized file is a 400."""
    household_id = getattr(household, "pk", household)
    if location.is_archived:
        raise ValidationError({"location": f"Location '{location.name}' is archived; pick an active one."})
    if len(content) > MAX_BYTES:
        raise ValidationError(
            {"file": f"The file is {len(content) / 1048576:.1f} MB; at most 5 MB are read at once."}
        )
    if content.count(b"\n") > MAX_ROWS + 1 and not looks_like_ofx(filename, content):
        raise ValidationError({"file": f"The file has more than {MAX_ROWS:,} rows; split it."})
    format = format or (Format.OFX if looks_like_ofx(filename, content) else Format.CSV)
    if format == Format.OFX and mapping:
        raise ValidationError({"mapping": "A mapping is for CSV files; OFX files name their own fields."})
    statement = Import.objects.create(
        household_id=household_id,
        location=location,
        filename=(filename or "statement")[:255],
        format=format,
        content=content,
        mapping=mapping or None,
        created_by=user,
    )
    activity_record(
        household_id=household_id,
        actor=user,
        action="import.created",
        obj_id=statement.pk,
        summary=f"Uploaded '{statement.filename}'",
    )
    _enqueue(PARSE_TASK, statement.pk)
    return statement


def _progress(statement_id, done: int) -> None:
    Import.objects.filter(pk=statement_id, status=Status.PARSING).update(
        rows_done=done, updated_at=timezone.now()
    )


def import_parse(*, import_id) -> str:
    """Read the file into rows (task). Runs again from the start when run twice or after a crash."""
    claimed = Import.objects.filter(pk=import_id, status__in=[Status.QUEUED, Status.PARSING]).update(
        status=Status.PARSING, rows_done=0, updated_at=timezone.now()
    )
    if not claimed:
        return "nothing to parse"
    statement = Import.objects.get(pk=import_id)
    try:
        if statement.format == Format.OFX:
            read = read_ofx(bytes(statement.content))
        else:
            remembered = (
                None if statement.mapping else _last_mapping(statement.household_id, statement.location_id)
            )
            read = read_csv(bytes(statement.content), statement.mapping, remembered=remembered)
    except FileError as exc:
        Import.objects.filter(pk=import_id, status=Status.PARSING).update(
            status=Status.FAILED, error=str(exc), updated_at=timezone.now()
        )
        return "failed"
    Import.objects.filter(pk=import_id).update(rows_total=len(read.rows), updated_at=timezone.now())
    rows = review_rows(
        household_id=statement.household_id,
        location_id=statement.location_id,
        rows=read.rows,
        progress=lambda done: _progress(import_id, done),
    )
    counts = {
        "rows": len(rows),
        "new": sum(1 for r in rows if not r.error and r.duplicate == Duplicate.NEW),
        "duplicate": sum(1 for r in rows if not r.error and r.duplicate == Duplicate.DUPLICATE),
        "possible_duplicate": sum(1 for r in rows if not r.error and r.duplicate == Duplicate.POSSIBLE),
        "invalid": sum(1 for r in rows if r.error),
    }
    with transaction.atomic():
        statement = Import.objects.select_for_update().filter(pk=import_id, status=Status.PARSING).first()
        if statement is None:
            return "discarded meanwhile"
        ImportRow.objects.filter(statement=statement).delete()
        for row in rows:
            row.statement = statement
        ImportRow.objects.bulk_create(rows, batch_size=1000)
        statement.status, statement.counts, statement.rows_done = Status.READY, counts, len(rows)
        statement.mapping = read.mapping or None
        statement.save(update_fields=["status", "counts", "rows_done", "mapping", "updated_at"])
    return "ready"


def _locked(statement: Import) -> Import:
    return Import.objects.select_for_update().get(pk=statement.pk)


@transaction.atomic
def import_row_update(*, statement: Import, line: int, user, **changes) -> ImportRow:
    statement = _locked(statement)
    if statement.status != Status.READY:
        raise ValidationError(
            f"The import is {statement.status.lower()}; only a ready import can be reviewed."
        )
    row = ImportRow.objects.filter(statement=statement, line=line).first()
    if row is None:
        raise ImportRow.DoesNotExist(f"No row at line {line}.")
    if changes.get("include") and row.error:
        raise ValidationError({"include": f"{row.error} It cannot be imported."})
    if changes.get("split_income") and "bucket" not in changes:
        changes["bucket"] = None
    for field, value in changes.items():
        setattr(row, field, value)
    row.save(update_fields=list(changes))
    return row


def _problems(row: ImportRow) -> str | None:
    category = row.category
    if category is None:
        return "no category"
    if category.is_archived:
        return f"the category '{category.name}' is archived"
    if category.sign != Sign.NEUTRAL and (category.sign == Sign.POSITIVE) != (row.amount > 0):
        kind = "money in" if row.amount > 0 else "money out"
        return f"the category '{category.name}' ({category.sign.lower()}) does not fit {kind}"
    if row.split_income and category.sign != Sign.POSITIVE:
        return "only income can be split"
    if not row.split_income and row.bucket_id is None:
        return "no bucket"
    return None


@transaction.atomic
def import_commit_request(*, statement: Import, user) -> Import:
    """Check the included rows and queue the commit; a committed or committing import is left as it is."""
    statement = _locked(statement)
    if statement.status in (Status.COMMITTING, Status.COMMITTED):
        return statement
    if statement.status != Status.READY:
        raise ValidationError(
            f"The import is {statement.status.lower()}; only a ready import can be committed."
        )
    included = ImportRow.objects.filter(statement=statement, include=True).select_related("category")
    problems = {}
    for row in included:
        problem = _problems(row)
        if problem:
            problems.setdefault(problem, []).append(row.line)
    if problems:
        raise ValidationError(
            {
                "rows": [
                    f"Lines {', '.join(map(str, lines[:20]))}{' …' if len(lines) > 20 else ''}: {problem}."
                    for problem, lines in problems.items()
                ]
            }
        )
    statement.status, statement.committed_by, statement.error = Status.COMMITTING, user, ""
    statement.save(update_fields=["status", "committed_by", "error", "updated_at"])
    _enqueue(COMMIT_TASK, statement.pk)
    return statement


@ledger_write
def import_commit(*, import_id) -> int:
    """Create every included row (task): all in one ledger transaction, nothing twice. A row whose
    key reached the ledger since the review (an overlapping statement committed first) is skipped."""
    statement = Import.objects.filter(pk=import_id).first()
    if statement is None:
        return 0
    ledger_lock(statement.household_id)
    statement = Import.objects.select_for_update().get(pk=import_id)
    if statement.status != Status.COMMITTING:
        return 0
    rows = list(
        ImportRow.objects.filter(statement=statement, include=True, error="")
        .order_by("line")
        .values_list(
            "line", "date", "description", "amount", "category_id", "bucket_id", "split_income", "import_id"
        )
    )  # plain tuples: 20,000 rows as model instances cost seconds
    categories = {c.pk: c for c in Category.objects.for_household(statement.household_id)}
    buckets = {b.pk: b for b in Bucket.objects.for_household(statement.household_id)}
    taken = set()
    for start in range(0, len(rows), 500):
        keys = [row[-1] for row in rows[start : start + 500]]
        taken.update(
            Transaction.objects.for_household(statement.household_id)
            .filter(location_id=statement.location_id, import_id__in=keys)
            .values_list("import_id", flat=True)
        )
    items, lines = [], []
    for line, date, description, amount, category_id, bucket_id, split_income, import_id in rows:
        if import_id in taken:
            continue
        taken.add(import_id)
        category = categories.get(category_id)
        sign = category.sign if category else None
        items.append(
            {
                "date": date,
                "description": description,
                "amount": abs(amount) if sign in (Sign.POSITIVE, Sign.NEGATIVE) else amount,
                "category": category,
                "location": statement.location,
                "bucket": buckets.get(bucket_id),
                "split_income": split_income,
                "import_id": import_id,
            }
        )
        lines.append(line)
    try:
        created = create_rows(household_id=statement.household_id, actor=statement.committed_by, items=items)
    except ValidationError as exc:
        index, messages = next(iter(exc.message_dict.items()))
        raise ValidationError(f"Line {lines[int(index)]}: {' '.join(messages)}") from None
    statement.status, statement.created, statement.committed_at = (
        Status.COMMITTED,
        len(created),
        timezone.now(),
    )
    statement.save(update_fields=["status", "created", "committed_at", "updated_at"])
    ledger_changed(
        statement.household_id,
        actor=statement.committed_by,
        action="import.committed",
        obj_id=statement.pk,
        summary=f"Imported {len(created)} transaction(s) from '{statement.filename}'",
        changes={"created": [None, len(created)]},
    )
    return len(created)


def import_commit_failed(*, import_id, message: str) -> None:
    """A commit the ledger refused (a category archived since the review): back to review, with why."""
    Import.objects.filter(pk=import_id, status=Status.COMMITTING).update(
        status=Status.READY, error=message[:2000], updated_at=timezone.now()
    )


@transaction.atomic
def import_delete(*, statement: Import, user) -> None:
    statement = _locked(statement)
    if statement.status in (Status.COMMITTING, Status.COMMITTED):
        raise ValidationError(
            f"The import is {statement.status.lower()}; its transactions stay (delete them one by one)."
        )
    statement_id, household_id, filename = statement.pk, statement.household_id, statement.filename
    statement.delete()
    activity_record(
        household_id=household_id,
        actor=user,
        action="import.deleted",
        obj_id=statement_id,
        summary=f"Discarded the import of '{filename}'",
    )


def imports_requeue_stuck(*, older_than: datetime.timedelta) -> int:
    """Re-enqueue parses and commits whose task was lost (a worker killed, a broker restarted)."""
    cutoff = timezone.now() - older_than
    stuck = Import.objects.filter(
        status__in=[Status.QUEUED, Status.PARSING, Status.COMMITTING], updated_at__lte=cutoff
    ).values_list("pk", "status")
    count = 0
    for pk, status in stuck:
        async_task(COMMIT_TASK if status == Status.COMMITTING else PARSE_TASK, str(pk))
        count += 1
    return count
