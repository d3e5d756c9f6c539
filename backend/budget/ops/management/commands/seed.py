import datetime
import logging
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from budget.households.services import households_leave_all
from budget.ops.demo import seed_ledger
from budget.users.services import user_create

DEMO_EMAIL = "demo@example.com"


class Command(BaseCommand):
    help = "Make a demo account with three years of believable transactions, and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEMO_EMAIL, help=f"the account to make (default {DEMO_EMAIL})")
        parser.add_argument("--password", help="its password (default: a new random one, printed)")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same ledger")
        parser.add_argument(
            "--until", type=datetime.date.fromisoformat, help="last day of data, YYYY-MM-DD (default today)"
        )
        parser.add_argument("--years", type=int, default=3, help="how many years of months (default 3)")
        parser.add_argument("--replace", action="store_true", help="delete that account first if it exists")

    def handle(self, *args, email, password, seed, until, years, replace, **options):
        if not 1 <= years <= 30:
            raise CommandError("--years goes from 1 to 30.")
        # Each split income also enqueues its (idempotent) allocation task; no need to log 40 of them.
        logging.getLogger("django-q").setLevel(logging.WARNING)
        User = get_user_model()
        password = password or secrets.token_urlsafe(12)
        with transaction.atomic():
            existing = User.objects.filter(email__iexact=email).first()
            if existing is not None:
                if not replace:
                    raise CommandError(
                        f"{email} already exists; add --replace to delete it and seed it again."
                    )
                if existing.is_superuser:
                    raise CommandError(f"{email} is a superuser; seed another email.")
                try:
                    households_leave_all(user=existing)  # its ledger goes with its households
                except ValidationError as exc:
                    raise CommandError(" ".join(exc.messages)) from exc
                existing.delete()
            try:
                user = user_create(email=email, password=password, full_name="Demo User")
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            demo = seed_ledger(user=user, seed=seed, until=until, years=years)
        counts = demo.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {counts['transactions']} transactions and {counts['transfers']} transfers "
                f"over {years} years (seed {seed})."
            )
        )
        self.stdout.write(f"Sign in with:\n  email:    {user.email}\n  password: {password}")
