"""Every ledger row moves into its user's Personal household: one UPDATE per table, nothing lost."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery

MODELS = ("Location", "Bucket", "Category", "Transfer", "Transaction", "Allocation")


def into_households(apps, schema_editor):
    User = apps.get_model("users", "User")
    personal = Subquery(User.objects.filter(pk=OuterRef("user_id")).values("default_household_id")[:1])
    for name in MODELS:
        apps.get_model("ledger", name).objects.update(household_id=personal)
    apps.get_model("ledger", "Transaction").objects.update(created_by_id=F("user_id"), updated_by_id=F("user_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0005_household_columns"),
        ("households", "0002_personal_households"),
    ]

    operations = [migrations.RunPython(into_households, migrations.RunPython.noop)]
