from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "budget.ledger"
    label = "ledger"
    verbose_name = "Ledger"

    def ready(self):
        from django_q.signals import post_spawn

        from .tasks import requeue_on_worker_start

        post_spawn.connect(requeue_on_worker_start, dispatch_uid="ledger-requeue-on-worker-start")
