from decimal import Decimal

from .matching import first_match
from .models import Rule


def rule_list(*, household=None, member=None):
    rules = Rule.objects.all()
    if member is not None:
        return rules.for_user(member)
    return rules.for_household(household)


def rules_active(*, household) -> list[Rule]:
    """The household's active rules, in the order they are tried."""
    return list(
        Rule.objects.for_household(household).filter(is_active=True).order_by("priority", "created_at")
    )


def rule_match(*, household, description: str, amount: Decimal | None = None, location=None) -> Rule | None:
    location_id = getattr(location, "pk", location)
    return first_match(
        rules_active(household=household), description=description, amount=amount, location_id=location_id
    )
