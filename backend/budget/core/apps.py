from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "budget.core"
    label = "core"
    verbose_name = "Core"
