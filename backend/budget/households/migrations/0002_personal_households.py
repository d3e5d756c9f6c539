"""Every account that exists gets its "Personal" household, as sign-up gives one from now on."""

from django.db import migrations


def personal_households(apps, schema_editor):
    User = apps.get_model("users", "User")
    Household = apps.get_model("households", "Household")
    Membership = apps.get_model("households", "Membership")
    for user in User.objects.filter(default_household__isnull=True).only("pk").iterator():
        household = Household.objects.create(name="Personal")
        Membership.objects.create(household=household, user=user, role="OWNER")
        User.objects.filter(pk=user.pk).update(default_household=household)


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0001_initial"),
        ("users", "0002_user_default_household"),
    ]

    operations = [migrations.RunPython(personal_households, migrations.RunPython.noop)]
