"""Writes to budgets: under the household's ledger lock, each with its activity entry.

A budget change is announced like a ledger write (`ledger_changed`): the reports' version changes
with it, so the cached budgets report is never older than the budgets, and what follows a ledger
change (report refresh, alerts) follows a budget change too.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from budget.core.fields import to_money
from budget.ledger.models import Category, Sign
from budget.ledger.services.rows import fresh, household_of
from budget.ledger.writes import ledger_changed, ledger_lock, ledger_write

from .models import LENGTH, Budget, BudgetAmount
from .periods import amount_at, month_date, month_index, month_label, period_number

FIXED = ("category", "period", "starts")


def _check_category(category: Category) -> None:
    if category.sign != Sign.NEGATIVE:
        raise ValidationError(
            {
                "category": f"Budgets limit spending: '{category.name}' is {category.sign}; "
                "pick a NEGATIVE category."
            }
        )
    if category.is_archived:
        raise ValidationError({"category": f"'{category.name}' is archived; pick an active category."})


def _amount(amount) -> Decimal:
    amount = to_money(amount)
    if amount <= 0:
        raise ValidationError({"amount": "A budget's amount is more than 0.00."})
    return amount


def _taken(category: Category) -> ValidationError:
    return ValidationError(
        {"category": f"'{category.name}' already has a budget; change its amount, or archive it first."}
    )


def _announce(budget: Budget, verb: str, *, actor, changes: dict) -> None:
    done = {"created": "Added", "updated": "Changed", "archived": "Archived"}[verb]
    ledger_changed(
        budget.household_id,
        actor=actor,
        action=f"budget.{verb}",
        obj_id=budget.pk,
        summary=f"{done} the budget of '{budget.category.name}'",
        changes=changes,
    )


@ledger_write
def budget_create(
    *,
    user,
    category: Category,
    period: str,
    amount: Decimal,
    starts: datetime.date,
    rollover: bool = False,
    household=None,
) -> Budget:
    """A budget for `category` from the month of `starts` on, `amount` a period."""
    household_id = household_of(user, household)
    amount = _amount(amount)
    ledger_lock(household_id)
    category = fresh(Category, household_id, category.pk)
    _check_category(category)
    if Budget.objects.filter(category=category).active().exists():
        raise _taken(category)
    starts = month_date(month_index(starts))
    budget = Budget(
        household_id=household_id, category=category, period=period, starts=starts, rollover=rollover
    )
    try:
        with transaction.atomic():
            budget.save(force_insert=True)
    except IntegrityError as exc:  # the partial unique index: the backstop of the check above
        raise _taken(category) from exc
    BudgetAmount.objects.create(budget=budget, from_month=starts, amount=amount)
    changes = {
        "category": [None, category.name],
        "period": [None, period],
        "amount": [None, amount],
        "starts": [None, month_label(month_index(starts))],
        "rollover": [None, rollover],
    }
    _announce(budget, "created", actor=user, changes=changes)
    return budget


def current_period_start(budget: Budget, today: datetime.date | None = None) -> datetime.date:
    """The first month of the period containing today (the budget's first one before it starts)."""
    start, length = month_index(budget.starts), LENGTH[budget.period]
    number = max(period_number(start, length, month_index(today or timezone.localdate())), 0)
    return month_date(start + number * length)


def _amount_from(budget: Budget, amount: Decimal, effective_from: datetime.date | None) -> dict:
    """Set `amount` from the period containing `effective_from` (default: the current one) on:
    earlier periods keep theirs, later changes are replaced. Returns the activity's changes."""
    start, length = month_index(budget.starts), LENGTH[budget.period]
    if effective_from is None:
        effective_from = current_period_start(budget)
    number = period_number(start, length, month_index(effective_from))
    if number < 0:
        raise ValidationError(
            {
                "effective_from": f"The budget starts in {month_label(start)}; "
                "a new amount can take effect from then on."
            }
        )
    first = start + number * length
    rows = list(BudgetAmount.objects.filter(budget=budget))
    amounts = sorted((month_index(row.from_month), row.amount) for row in rows)
    before = amount_at(amounts, first)
    later = [row.pk for row in rows if month_index(row.from_month) > first]
    if before == amount and not later:
        return {}
    BudgetAmount.objects.filter(pk__in=later).delete()
    BudgetAmount.objects.update_or_create(
        budget=budget, from_month=month_date(first), defaults={"amount": amount}
    )
    return {"amount": [before, amount], "effective_from": [None, month_label(first)]}


@ledger_write
def budget_update(
    *,
    budget: Budget,
    user=None,
    amount: Decimal | None = None,
    effective_from: datetime.date | None = None,
    rollover: bool | None = None,
    **fixed,
) -> Budget:
    """Change the amount (from `effective_from`'s period on) or the rollover. Category, period and
    starts stay: they would rewrite every period's numbers, so they take a new budget."""
    ledger_lock(budget.household_id)
    budget = fresh(Budget, budget.household_id, budget.pk, related=("category",))
    for field in FIXED:
        value = fixed.get(field)
        if field == "starts" and value is not None:
            value = month_date(month_index(value))
        if value is not None and value != getattr(budget, field):
            raise ValidationError(
                {field: f"A budget's {field} cannot change; archive this budget and make a new one."}
            )
    if budget.is_archived and (amount is not None or rollover is not None):
        raise ValidationError("This budget is archived; make a new one for the category instead.")
    if effective_from is not None and amount is None:
        raise ValidationError({"effective_from": "Give the new amount that takes effect then."})
    changes = {}
    if amount is not None:
        amount = _amount(amount)
        changes.update(_amount_from(budget, amount, effective_from))
    if rollover is not None and rollover != budget.rollover:
        changes["rollover"] = [budget.rollover, rollover]
        budget.rollover = rollover
        budget.save(update_fields=["rollover", "updated_at"])
    if changes:
        _announce(budget, "updated", actor=user, changes=changes)
    return budget


@ledger_write
def budget_archive(*, budget: Budget, user=None) -> Budget:
    """Archive: the budget leaves the report and keeps its history; the category may get a new one."""
    ledger_lock(budget.household_id)
    budget = fresh(Budget, budget.household_id, budget.pk, related=("category",))
    if budget.is_archived:
        return budget
    budget.is_archived = True
    budget.save(update_fields=["is_archived", "updated_at"])
    _announce(budget, "archived", actor=user, changes={"is_archived": [False, True]})
    return budget
