from django.core.management.base import BaseCommand, CommandError
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.status import Stat


class Command(BaseCommand):
    help = "Exit 0 when a Django Q cluster is alive and its broker reachable, 1 otherwise, with one line why."

    def handle(self, *args, **options):
        broker = get_broker()
        try:
            reachable = broker.ping()
        except Exception as exc:  # any failure to reach the broker is the answer
            raise CommandError(f"broker unreachable ({type(exc).__name__}: {exc})".splitlines()[0]) from exc
        if reachable is False:
            raise CommandError("broker unreachable")
        # Clusters refresh their status every few seconds and it expires after 3: a stale one is gone.
        alive = [stat for stat in Stat.get_all(broker=broker) if stat.status != Conf.STOPPED]
        if not alive:
            raise CommandError("no cluster is running (start one with `make qcluster`)")
        workers = sum(len(stat.workers) for stat in alive)
        self.stdout.write(
            f"ok: {len(alive)} cluster(s), {workers} workers, {broker.queue_size()} queued task(s), "
            f"broker {broker.info()}"
        )
