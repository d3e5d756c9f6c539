"""Django Q tasks: take ids, call one service, return."""

from . import schedule
from .services import MAX_PER_RUN, recurring_catch_up, recurring_post_due


def post_due() -> int:
    """The every-minute schedule: every due occurrence of active auto-post items."""
    return recurring_post_due()


def post_due_item(item_id: str) -> int:
    """Right after an item with due dates commits."""
    return recurring_catch_up(item_id=item_id, today=schedule.today(), limit=MAX_PER_RUN)
