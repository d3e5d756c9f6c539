"""The stored monthly totals of every household's existing rows (issue 16): two grouped queries each."""

from django.db import migrations
from django.db.models import Count, Sum

from budget.core.fields import MoneySumField as MoneyField


def _sum(field):
    return Sum(field, output_field=MoneyField())


def build(apps, schema_editor):
    Household = apps.get_model("households", "Household")
    Transaction = apps.get_model("ledger", "Transaction")
    Allocation = apps.get_model("ledger", "Allocation")
    MonthlyTotal = apps.get_model("ledger", "MonthlyTotal")

    def stored(household_id, leg, rows):
        return [
            MonthlyTotal(
                household_id=household_id,
                year_month=month,
                category_id=category_id,
                location_id=location_id,
                bucket_id=bucket_id,
                leg=leg,
                amount=amount,
                signed_amount=signed_amount,
                count=count,
            )
            for month, category_id, location_id, bucket_id, amount, signed_amount, count in rows
        ]

    for household_id in Household.objects.values_list("pk", flat=True).iterator():
        rows = (
            Transaction.objects.filter(household_id=household_id)
            .order_by()
            .values_list("year_month", "category_id", "location_id", "bucket_id")
            .annotate(amount=_sum("amount"), signed_amount=_sum("signed_amount"), count=Count("pk"))
        )
        legs = (  # a leg's amount is already signed by its income
            Allocation.objects.filter(household_id=household_id)
            .order_by()
            .values_list(
                "transaction__year_month", "transaction__category_id", "transaction__location_id", "bucket_id"
            )
            .annotate(leg_amount=_sum("amount"), leg_signed_amount=_sum("amount"), count=Count("pk"))
        )
        totals = stored(household_id, False, rows) + stored(household_id, True, legs)
        MonthlyTotal.objects.bulk_create(totals, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0008_monthly_totals")]

    operations = [migrations.RunPython(build, migrations.RunPython.noop, elidable=True)]
