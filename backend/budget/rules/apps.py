from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "budget.rules"
    label = "rules"
    verbose_name = "Rules"
