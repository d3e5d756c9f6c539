"""Writes to rules: checked against the household's rows, one activity entry each."""

from django.core.exceptions import ValidationError
from django.db import transaction

from budget.households.activity import activity_record

from .models import Rule

CONDITIONS = ("description_contains", "amount_min", "amount_max", "location", "direction")
ACTIONS = ("category", "bucket", "split_income", "description")
FIELDS = ("name", "priority", "is_active", *CONDITIONS, *ACTIONS)


def _empty(value) -> bool:
    return value is None or value == ""


def _clean(rule: Rule) -> None:
    errors = {}
    if all(_empty(getattr(rule, field)) for field in CONDITIONS):
        errors["conditions"] = "Give at least one condition (text, amount range, location or direction)."
    if all(_empty(getattr(rule, field)) for field in ACTIONS):
        errors["actions"] = "Give at least one action (category, bucket, split or description)."
    if rule.amount_min is not None and rule.amount_max is not None and rule.amount_min > rule.amount_max:
        errors["conditions"] = "The amount range is upside down: amount_min is above amount_max."
    for field in ("amount_min", "amount_max"):
        value = getattr(rule, field)
        if value is not None and value < 0:
            errors["conditions"] = "Amount bounds are sizes (0 or more); use direction for in or out."
    if rule.split_income and rule.bucket_id is not None:
        errors["actions"] = "A split income has no bucket: set split_income or a bucket, not both."
    for field in ("location", "category", "bucket"):
        row = getattr(rule, field)
        if row is not None and row.household_id != rule.household_id:
            raise ValidationError({field: "Not found."})
    if errors:
        raise ValidationError(errors)


def _shown(value):
    return str(value.pk) if hasattr(value, "pk") else value


@transaction.atomic
def rule_create(*, user, household, **values) -> Rule:
    rule = Rule(household_id=getattr(household, "pk", household), **values)
    _clean(rule)
    rule.save()
    activity_record(
        household_id=rule.household_id,
        actor=user,
        action="rule.created",
        obj_id=rule.pk,
        summary=f"Added the rule '{rule.name}'",
        changes={field: [None, _shown(getattr(rule, field))] for field in FIELDS},
    )
    return rule


@transaction.atomic
def rule_update(*, rule: Rule, user, **changes) -> Rule:
    rule = Rule.objects.select_for_update().get(pk=rule.pk)
    before = {field: _shown(getattr(rule, field)) for field in changes}
    for field, value in changes.items():
        setattr(rule, field, value)
    _clean(rule)
    changed = {
        f: [before[f], _shown(getattr(rule, f))] for f in changes if before[f] != _shown(getattr(rule, f))
    }
    if not changed:
        return rule
    rule.save()
    activity_record(
        household_id=rule.household_id,
        actor=user,
        action="rule.updated",
        obj_id=rule.pk,
        summary=f"Changed the rule '{rule.name}' ({', '.join(changed)})",
        changes=changed,
    )
    return rule


@transaction.atomic
def rule_delete(*, rule: Rule, user) -> None:
    rule_id, name, household_id = rule.pk, rule.name, rule.household_id
    rule.delete()
    activity_record(
        household_id=household_id,
        actor=user,
        action="rule.deleted",
        obj_id=rule_id,
        summary=f"Deleted the rule '{name}'",
    )
