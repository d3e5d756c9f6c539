from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "budget.reports"
    label = "reports"
    verbose_name = "Reports"
