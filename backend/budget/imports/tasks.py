"""Django Q tasks: take ids, call one service, return."""

import datetime

from django.core.exceptions import ValidationError

from .services import import_commit, import_commit_failed, import_parse, imports_requeue_stuck

# A parse moves its progress every few hundred rows, and a commit of 20,000 rows takes seconds;
# one untouched for longer than this lost its task.
STUCK_AFTER = datetime.timedelta(minutes=2)


def parse_import(import_id: str) -> str:
    return import_parse(import_id=import_id)


def commit_import(import_id: str) -> int:
    try:
        return import_commit(import_id=import_id)
    except ValidationError as exc:
        import_commit_failed(import_id=import_id, message=" ".join(exc.messages))
        return 0


def requeue_stuck_imports() -> int:
    return imports_requeue_stuck(older_than=STUCK_AFTER)
