from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "budget.ledger"
    label = "ledger"
    verbose_name = "Ledger"
