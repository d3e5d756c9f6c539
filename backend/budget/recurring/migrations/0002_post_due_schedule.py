"""The every-minute schedule that posts due occurrences of auto-post items (and catches up)."""

from django.db import migrations

from budget.core.schedules import DJANGO_Q_MIGRATION, schedule_operation


class Migration(migrations.Migration):
    dependencies = [("recurring", "0001_initial"), DJANGO_Q_MIGRATION]

    operations = [schedule_operation(name="recurring: post due occurrences", func="budget.recurring.tasks.post_due")]
