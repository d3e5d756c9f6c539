from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operational commands (bench, seed, clear, stress): they use every domain app, none uses them."""

    name = "budget.ops"
    label = "ops"
    verbose_name = "Operations"
