"""Benchmark the transaction list and every report at one or several ledger sizes."""

import datetime
import platform

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from budget.ops import bench, bench_run


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise CommandError("--sizes takes whole numbers separated by commas: 10000,100000,1000000.") from None
    if not sizes or sizes[0] < 1:
        raise CommandError("--sizes takes sizes of at least 1.")
    return sizes


class Command(BaseCommand):
    help = (
        "Replace the bench@example.com account (bench-SIZE@example.com for each of --sizes, side by side) "
        "and bench-other-N@example.com with deterministic ledgers, check their stored totals, then print "
        "p50/p95 latency, queries and the raw-SQL floor per request for the transaction list and every "
        "report, cached and uncached, the sizes taking turns request by request; with several sizes, "
        "each p50 against the smallest's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--transactions", type=int, default=10_000, help="rows of the benchmark user")
        parser.add_argument("--sizes", type=_sizes, help="several sizes in one run: 10000,100000,1000000")
        parser.add_argument("--other-users", type=int, default=2, help="other accounts with their own rows")
        parser.add_argument(
            "--other-transactions", type=int, default=None, help="rows per other user (default: a tenth)"
        )
        parser.add_argument("--years", type=int, default=5, help="years the rows spread over")
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per line")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--until", type=datetime.date.fromisoformat, default=datetime.date(2026, 6, 30))

    def handle(self, *args, **options):
        sizes = options["sizes"] or [options["transactions"]]
        if sizes[0] < 1 or options["repeat"] < 1 or options["years"] < 1 or options["other_users"] < 0:
            raise CommandError("--transactions, --repeat and --years must be at least 1, --other-users 0.")
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"{bench_run.engine()} · cache {cache} · Django {django.get_version()}"
            f" · Python {platform.python_version()} · {options['repeat']} requests a line"
        )
        other_size = options["other_transactions"]
        builds = bench.build(
            sizes=sizes,
            others=options["other_users"],
            other_size=sizes[-1] // 10 if other_size is None else other_size,
            years=options["years"],
            seed=options["seed"],
            until=options["until"],
        )
        bench.settle()
        for built in builds:
            self.stdout.write(
                f"Built {built.transactions:,} transactions ({built.legs:,} split legs) for "
                f"{built.user.email}, {built.first} to {built.last}, in {built.seconds:.1f} s."
            )
        self.stdout.write(
            f"Beside them: {builds[0].other_transactions:,} transactions of "
            f"{options['other_users']} other users."
        )
        self.stdout.write("manage.py totals --check: ", ending="")
        call_command("totals", "--check", stdout=self.stdout)  # exits 1, naming them, on any difference
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
        with override_settings(DEBUG=False):  # as served: no query log kept per request
            runs = bench_run.run(builds, repeat=options["repeat"], host=host)
        for built in builds:
            self.stdout.write(f"\n{built.transactions:,} transactions ({built.user.email})")
            self.stdout.write(bench_run.table(runs[built.transactions]))
        if len(runs) > 1:
            self.stdout.write("\n" + bench_run.ratios(runs))
        if any(row.status != 200 for rows in runs.values() for row in rows):
            raise CommandError("Some requests did not answer 200; see the tables.")
