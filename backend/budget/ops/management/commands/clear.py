from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_q.models import OrmQ, Task

from budget.households.models import Household
from budget.ledger.models import (
    Allocation,
    Bucket,
    Category,
    Location,
    MonthlyTotal,
    Transaction,
    Transfer,
)


class Command(BaseCommand):
    help = "Delete every account but the superusers, all ledger data, task results and the cache."

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, yes, **options):
        User = get_user_model()
        users = User.objects.filter(is_superuser=False)
        summary = (
            f"{users.count()} account(s) (superusers stay) and {Transaction.objects.count()} transactions"
        )
        if not yes:
            answer = input(f"This deletes {summary}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was deleted.")
        with transaction.atomic():
            # Legs and allocations first: transactions RESTRICT the deletion of what they point at.
            for model in (MonthlyTotal, Allocation, Transfer, Transaction, Location, Bucket, Category):
                model.objects.all().delete()
            Household.objects.all().delete()
            users.delete()
            Task.objects.all().delete()
            OrmQ.objects.all().delete()
        cache.clear()
        self.stdout.write(self.style.SUCCESS(f"Deleted {summary}."))
