"""The pending-income sweep runs every minute (was 5), so a lost allocation heals within two."""

from django.db import migrations

NAME = "ledger: re-enqueue pending split incomes"


def every(minutes):
    def run(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.filter(name=NAME).update(minutes=minutes)

    return run


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_report_indexes")]

    operations = [migrations.RunPython(every(1), every(5))]
