import pytest
from django.utils.module_loading import import_string
from django_q.models import Schedule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "func",
    [
        "budget.ledger.tasks.requeue_pending_incomes",
        "budget.alerts.tasks.requeue_pending_mails",
        "budget.imports.tasks.requeue_stuck_imports",
        "budget.recurring.tasks.post_due",
    ],
)
def test_every_minute_schedule_is_installed_by_the_migrations(func):
    schedule = Schedule.objects.get(func=func)
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 1, -1)
    assert callable(import_string(func))
