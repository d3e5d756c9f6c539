from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "budget.alerts"
    label = "alerts"
    verbose_name = "Alerts and notifications"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to the ledger's signals)
