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
        "Replace the bench@example.com account (and bench-other-N@example.com) with a deterministic "
        "ledger of --transactions rows (or of each of --sizes in turn), check its stored totals, then print "
        "p50/p95 latency, queries and the raw-SQL floor per request for the transaction list and every "
        "report, cached and uncached; with several sizes, each p50 against the smallest's."
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
        runs = {size: self._one(size, options) for size in sizes}
        if len(runs) > 1:
            self.stdout.write("\n" + bench_run.ratios(runs))
        if any(row.status != 200 for rows in runs.values() for row in rows):
            raise CommandError("Some requests did not answer 200; see the tables.")

    def _one(self, size: int, options) -> list:
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
            f"\nBuilt {built.transactions:,} transactions ({built.legs:,} split legs) for "
            f"{bench.BENCH_EMAIL}, {built.first} to {built.last}, plus {built.other_transactions:,} of "
            f"{options['other_users']} other users, in {built.seconds:.1f} s."
        )
        self.stdout.write("manage.py totals --check: ", ending="")
        call_command("totals", "--check", stdout=self.stdout)  # exits 1, naming them, on any difference
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
        with override_settings(DEBUG=False):  # as served: no query log kept per request
            rows = bench_run.run(built, repeat=options["repeat"], host=host)
        self.stdout.write(bench_run.table(rows))
        return rows
