"""The activity log: every write to a household records one entry, in the write's transaction.

Services call `activity_record` after their change and before they return, inside their
transaction, so a rolled-back write leaves no entry and no write commits without one.
"""

from django.core.serializers.json import DjangoJSONEncoder

from .models import ActivityEntry

SUMMARY_LENGTH = ActivityEntry._meta.get_field("summary").max_length


def _plain(value):
    """JSON-safe: Decimals, dates and UUIDs as the strings the API shows."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return DjangoJSONEncoder().default(value)


def activity_record(
    *, household_id, actor, action: str, obj_id, summary: str, changes=None, obj_type: str | None = None
) -> ActivityEntry:
    """Record one write. `actor` is the user (None for the system); `action` is `<object_type>.<verb>`
    (the object type unless `obj_type` says otherwise); `changes` is {field: [before, after]}."""
    if summary and len(summary) > SUMMARY_LENGTH:
        summary = summary[: SUMMARY_LENGTH - 1] + "…"
    return ActivityEntry.objects.create(
        household_id=household_id,
        actor=actor,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        object_type=obj_type or action.split(".")[0],
        object_id=str(obj_id) if obj_id is not None else "",
        summary=summary,
        changes={field: _plain(list(pair)) for field, pair in (changes or {}).items()},
    )
