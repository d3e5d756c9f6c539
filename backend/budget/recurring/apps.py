from django.apps import AppConfig


class RecurringConfig(AppConfig):
    name = "budget.recurring"
    label = "recurring"
    verbose_name = "Recurring transactions"
