"""A Django Q schedule kept by a migration: the one shape every app's every-N-minutes job takes."""

from django.db import migrations

# The django_q migration that every schedule migration must follow.
DJANGO_Q_MIGRATION = ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")


def schedule_operation(*, name: str, func: str, minutes: int = 1) -> migrations.RunPython:
    """A reversible migration step that adds (or updates) the repeating schedule `name` running `func`."""

    def add(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": "I", "minutes": minutes, "repeats": -1}
        )

    def remove(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.filter(name=name).delete()

    return migrations.RunPython(add, remove)
