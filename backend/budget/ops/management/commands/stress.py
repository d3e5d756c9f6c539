"""Parallel writers of one owner against a running API, then every invariant the API can show."""

import secrets

from django.core.management.base import BaseCommand, CommandError

UNTIMED = {"setup", "settle", "check"}  # before and after the writers' run


def _statuses(counter) -> str:
    order = sorted(counter, key=lambda status: (isinstance(status, str), str(status)))
    return " · ".join(f"{status} x{counter[status]}" for status in order)


class Command(BaseCommand):
    help = (
        "Sign up a fresh stress user on a running API (--url, on this machine only), set up a small "
        "ledger, run --writers threads of random writes for --seconds, wait for allocations, then "
        "print operations per second, the statuses per operation and DESIGN.md's invariants. "
        "Exits 1 when a response was 5xx (or none came) or an invariant failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running API (loopback only)")
        parser.add_argument("--writers", type=int, default=8, help="parallel writers (1 to 64)")
        parser.add_argument("--seconds", type=float, default=30, help="how long they write (1 to 3600)")
        parser.add_argument("--settle", type=float, default=20, help="seconds to wait for allocation tasks")
        parser.add_argument("--timeout", type=float, default=30, help="seconds one request may take")
        parser.add_argument("--seed", type=int, default=1, help="the writers' random choices")
        parser.add_argument("--email", help="the account (default: a new stress-…@example.com)")
        parser.add_argument("--password", help="its password (default: a new random one)")

    def handle(self, *args, **options):
        try:
            from budget.ops.stress import checks as stress_checks
            from budget.ops.stress import pool as stress_pool
            from budget.ops.stress import races
            from budget.ops.stress.client import Client, Recorder, loopback_url, sign_up
        except ImportError as exc:  # requests is a development dependency
            raise CommandError(f"stress needs the development requirements ({exc}).") from exc
        writers, seconds = options["writers"], options["seconds"]
        if not 1 <= writers <= 64 or not 1 <= seconds <= 3600 or not 0 <= options["settle"] <= 600:
            raise CommandError("--writers goes from 1 to 64, --seconds from 1 to 3600, --settle to 600.")
        try:
            base = loopback_url(options["url"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        email = options["email"] or f"stress-{secrets.token_hex(4)}@example.com"
        password = options["password"] or secrets.token_urlsafe(16)
        timeout = options["timeout"]
        self.stdout.write(f"Stress: {writers} writers for {seconds:g} s against {base} as {email}")

        recorder = Recorder()
        try:
            auth = sign_up(base, email=email, password=password, timeout=timeout)
            pool = stress_pool.Pool()
            stress_pool.set_up(Client(base, auth, recorder, timeout), pool)
            clients = [Client(base, auth, recorder, timeout) for _ in range(writers)]
            done, elapsed, crashes = races.hammer(clients, pool, seconds=seconds, seed=options["seed"])
            reader = Client(base, auth, recorder, timeout)
            pending = stress_checks.settle(reader, seconds=options["settle"])
            checks = stress_checks.check(stress_checks.snapshot(reader), pool.created, pool.archived)
        except Exception as exc:
            raise CommandError(f"{type(exc).__name__}: {exc}") from exc

        write = self.stdout.write
        sent = sum(
            sum(counter.values()) for kind, counter in recorder.statuses.items() if kind not in UNTIMED
        )
        write(
            f"Operations: {done} ({sent} requests) in {elapsed:.1f} s = {done / elapsed:.1f} ops/s, "
            f"{sent / elapsed:.1f} requests/s; split incomes pending after {options['settle']:g} s: {pending}"
        )
        write(f"Statuses: {_statuses(recorder.totals())}")
        write("By operation:")
        width = max(len(kind) for kind in recorder.statuses)
        for kind, counter in sorted(recorder.statuses.items()):
            write(f"  {kind:<{width}}  {_statuses(counter)}")
        if pool.races:
            write("Races (statuses of the requests sent at once, in that order):")
            for race, counter in sorted(pool.races.items()):
                write(f"  {race}: {_statuses(counter)}")
        write("Invariants:")
        for item in checks:
            write(item.line())
        write(f"  ({stress_checks.NOT_VISIBLE})")
        for failure in recorder.failures:
            write(f"First server errors: {failure}")
        for crash in crashes:
            write(f"Writer crashed: {crash}")

        errors, broken = recorder.server_errors(), [str(item.number) for item in checks if not item.ok]
        problems = [f"{errors} responses ≥ 500 or none"] if errors else []
        problems += [f"invariant {', '.join(broken)} broken"] if broken else []
        problems += [f"{len(crashes)} writers crashed"] if crashes else []
        if problems:
            write("Result: FAILED")
            raise CommandError("; ".join(problems))
        write(self.style.SUCCESS("Result: ok"))
