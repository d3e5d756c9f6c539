from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "budget.plans"
    label = "plans"
    verbose_name = "Plans"
