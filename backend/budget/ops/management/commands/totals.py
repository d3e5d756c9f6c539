"""Check the stored monthly totals against the rows, or rebuild them (DESIGN.md invariant 8)."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from budget.households.models import Household
from budget.ledger import totals
from budget.ledger.services import totals_repair


def _shown(total) -> str:
    if total is None:
        return "none"
    amount, signed_amount, count = total
    return f"{signed_amount} ({amount} as entered) in {count}"


class Command(BaseCommand):
    help = (
        "Compare every household's stored monthly totals with a recomputation from its transactions "
        "(--check: exits 1 naming each difference), or correct them (--rebuild), one household at a "
        "time under its ledger lock: reports go on reading meanwhile."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="report differences; exit 1 if any")
        action.add_argument("--rebuild", action="store_true", help="recompute and correct the totals")
        parser.add_argument("--household", help="only this household (its id)")

    def handle(self, *args, check, rebuild, household, **options):
        households = Household.objects.order_by("created_at", "pk")
        if household:
            households = households.filter(pk=household) if _is_uuid(household) else households.none()
            if not households.exists():
                raise CommandError(f"No household with id {household}.")
        differing = 0
        checked = 0
        for household_id, name in households.values_list("pk", "name").iterator():
            checked += 1
            found = totals_repair(household_id=household_id) if rebuild else totals.differences(household_id)
            for key, (have, want) in sorted(found.items(), key=lambda item: str(item[0])):
                _, month, category_id, location_id, bucket_id, leg = key
                self.stdout.write(
                    f"{household_id} ({name}) {month} category {category_id} location {location_id} "
                    f"bucket {bucket_id}{' (split legs)' if leg else ''}: stored {_shown(have)}, "
                    f"rows say {_shown(want)}"
                )
            differing += bool(found)
        verb = "corrected" if rebuild else "differ"
        summary = f"{checked} household(s) checked; {differing} {verb}."
        if check and differing:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
