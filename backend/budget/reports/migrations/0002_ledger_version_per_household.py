"""Ledger versions are kept per household. Old ones are dropped: they only named cache entries,
whose keys carried the user, so no report cached under them can be found again."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("households", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="LedgerVersion"),
        migrations.CreateModel(
            name="LedgerVersion",
            fields=[
                (
                    "household",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="households.household",
                    ),
                ),
                ("version", models.BigIntegerField()),
            ],
        ),
    ]
