"""Reads of recurring items, always starting from the household (or the user's memberships)."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import QuerySet

from budget.ledger.selectors import location_list

from . import schedule
from .models import Kind, Occurrence, RecurringItem
from .templates import template_effects, template_rows

MAX_DAYS = 366
MAX_PER_ITEM = 400  # a daily-ish item over a year; an old item never posted lists its latest dates


def recurring_list(*, household=None, member=None) -> QuerySet[RecurringItem]:
    if (household is None) == (member is None):
        raise TypeError("Give exactly one of household and member.")
    rows = (
        RecurringItem.objects.for_user(member)
        if member is not None
        else RecurringItem.objects.for_household(household)
    )
    return rows.current()


def recurring_upcoming(*, household, days: int, today: datetime.date | None = None) -> list[dict]:
    """The open dates of active items up to `days` from today, overdue ones included, in date order,
    each with the balance its location(s) would have after it and every earlier one."""
    today = today or schedule.today()
    horizon = today + datetime.timedelta(days=days)
    items = [item for item in recurring_list(household=household).filter(is_active=True) if item.next_date]
    if not items:
        return []
    handled = defaultdict(set)
    since = min(item.next_date for item in items)
    for item_id, date in Occurrence.objects.filter(item__in=items, date__gte=since).values_list(
        "item_id", "date"
    ):
        handled[item_id].add(date)
    categories, locations = template_rows([item.template for item in items], household)
    entries = []
    for item in items:
        open_dates = [
            date
            for date in schedule.dates(schedule.item_rule(item), since=item.next_date, until=horizon)
            if date not in handled[item.pk]
        ]
        effects = template_effects(item.kind, item.template, categories=categories, locations=locations)
        for date in open_dates[-MAX_PER_ITEM:]:
            entries.append((date, item, effects))
    entries.sort(key=lambda entry: (entry[0], entry[1].name.lower(), str(entry[1].pk)))

    balances = {str(row.pk): row.balance for row in location_list(household=household)}
    answer = []
    for date, item, effects in entries:
        for location_id, amount in effects:
            balances[location_id] = balances.get(location_id, Decimal(0)) + amount
        answer.append(_entry(item, date, today, effects, balances, locations))
    return answer


def _entry(item, date, today, effects, balances, locations) -> dict:
    (source, signed), *rest = effects
    target = rest[0][0] if rest else None
    if item.kind == Kind.TRANSFER and target == source:
        signed, target = Decimal(0), None  # between buckets of one place: its balance stays
    name = locations.get(source)
    return {
        "recurring": item.pk,
        "name": item.name,
        "kind": item.kind,
        "date": date,
        "amount": Decimal(item.template["amount"]),
        "signed_amount": signed,
        "location": source,
        "location_name": name.name if name else "",
        "projected_balance": balances[source],
        "to_location": target,
        "to_projected_balance": balances[target] if target else None,
        "overdue": date < today,
        "auto_post": item.auto_post,
    }
