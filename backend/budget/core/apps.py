from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "budget.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from .text import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="budget_sqlite_functions")
