"""Benchmark the transaction list and every report at a chosen ledger size."""

import datetime
import platform

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from budget.ops import bench


class Command(BaseCommand):
    help = (
        "Replace the bench@example.com account (and bench-other-N@example.com) with a deterministic "
        "ledger of --transactions rows, then print p50/p95 latency and queries per request for the "
        "transaction list and every report, cached and uncached."
    )

    def add_arguments(self, parser):
        parser.add_argument("--transactions", type=int, default=10_000, help="rows of the benchmark user")
        parser.add_argument("--other-users", type=int, default=2, help="other accounts with their own rows")
        parser.add_argument(
            "--other-transactions", type=int, default=None, help="rows per other user (default: a tenth)"
        )
        parser.add_argument("--years", type=int, default=5, help="years the rows spread over")
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per line")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--until", type=datetime.date.fromisoformat, default=datetime.date(2026, 6, 30))

    def handle(self, *args, **options):
        size = options["transactions"]
        if size < 1 or options["repeat"] < 1 or options["years"] < 1 or options["other_users"] < 0:
            raise CommandError("--transactions, --repeat and --years must be at least 1, --other-users 0.")
        other_size = options["other_transactions"]
        other_size = size // 10 if other_size is None else other_size
        built = bench.build(
            size=size,
            others=options["other_users"],
            other_size=other_size,
            years=options["years"],
            seed=options["seed"],
            until=options["until"],
        )
        bench.settle()
        self.stdout.write(
            f"Built {built.transactions:,} transactions ({built.legs:,} split legs) for {bench.BENCH_EMAIL}, "
            f"{built.first} to {built.last}, plus {built.other_transactions:,} of "
            f"{options['other_users']} other users, in {built.seconds:.1f} s."
        )
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
        with override_settings(DEBUG=False):  # as served: no query log kept per request
            rows = bench.run(built, repeat=options["repeat"], host=host)
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"\n{bench.engine()} · cache {cache} · Django {django.get_version()}"
            f" · Python {platform.python_version()} · {options['repeat']} requests a line\n"
        )
        self.stdout.write(bench.table(rows))
        if any(row.status != 200 for row in rows):
            raise CommandError("Some requests did not answer 200; see the table.")
