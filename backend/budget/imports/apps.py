from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "budget.imports"
    label = "imports"
    verbose_name = "Imports"
