"""Every minute, re-enqueue parses and commits whose task was lost (a worker killed mid-way)."""

from django.db import migrations

from budget.core.schedules import DJANGO_Q_MIGRATION, schedule_operation


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial"), DJANGO_Q_MIGRATION]

    operations = [schedule_operation(name="imports: re-enqueue stuck imports", func="budget.imports.tasks.requeue_stuck_imports")]
