"""The schedule that re-queues notification mails still pending (a failed attempt, a lost task)."""

from django.db import migrations

from budget.core.schedules import DJANGO_Q_MIGRATION, schedule_operation


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial"), DJANGO_Q_MIGRATION]

    operations = [schedule_operation(name="alerts: re-queue pending notification mails", func="budget.alerts.tasks.requeue_pending_mails")]
