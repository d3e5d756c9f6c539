"""A recurring item's template: the body of POST /api/transactions/ or /api/transfers/ without its
date, read by the same serializers and posted by the same services as those endpoints."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework import serializers

from budget.ledger import services as ledger
from budget.ledger.models import Category, Location, Sign, Transaction, Transfer
from budget.ledger.serializers import OwnedRefs, TransactionInputSerializer, TransferInputSerializer

from .models import Kind

INPUT = {Kind.TRANSACTION: TransactionInputSerializer, Kind.TRANSFER: TransferInputSerializer}


def template_read(kind: str, template, *, refs: OwnedRefs, date: datetime.date) -> dict:
    """The template's values as the endpoint's serializer reads them on `date`; raises DRF's
    ValidationError with the field errors ("not_found" for an id of another household)."""
    if not isinstance(template, dict):
        raise serializers.ValidationError(["Send the body of a transaction or transfer, without its date."])
    serializer = INPUT[kind](data={**template, "date": date.isoformat()}, context={"refs": refs})
    if not serializer.is_valid():
        errors = dict(serializer.errors)
        errors.pop("date", None)  # the item's dates are checked on their own fields
        raise serializers.ValidationError(errors or ["The template is not valid."])
    values = dict(serializer.validated_data)
    values.pop("date")
    return values


def template_stored(values: dict) -> dict:
    """Read values as JSON: ids and amounts as strings, the way the API shows them."""
    shown = {}
    for field, value in values.items():
        if hasattr(value, "pk"):
            value = str(value.pk)
        elif isinstance(value, Decimal):
            value = f"{value:.2f}"
        shown[field] = value
    return shown


def template_post(item, *, date: datetime.date, actor) -> Transaction | Transfer:
    """Post the item's template on `date` through the ledger's write services, marked as the item's.

    Inside the caller's ledger write. The template is read again first: what it points at may have
    been archived since (the service refuses that with a message the item keeps).
    """
    row = _post(item, date=date, actor=actor)
    legs = Transaction.objects.filter(transfer=row) if item.kind == Kind.TRANSFER else [row]
    Transaction.objects.filter(pk__in=[leg.pk for leg in legs]).update(recurring=item)
    return row


def _post(item, *, date, actor):
    try:
        values = template_read(item.kind, item.template, refs=OwnedRefs(item.household_id), date=date)
    except serializers.ValidationError as exc:
        raise ValidationError(_messages(exc.detail)) from exc
    common = {"user": actor, "household": item.household_id, "date": date}
    if item.kind == Kind.TRANSFER:
        return ledger.transfer_create(**common, **values)
    return ledger.transaction_create(**common, **values)


class _DryRun(Exception):
    pass


def template_check(*, kind: str, template: dict, household_id, actor, date: datetime.date) -> None:
    """Every rule the posting service checks (active rows, a bucket for an expense, complete
    allocation for a split income...), by posting once in a savepoint that is rolled back."""
    probe = type("Probe", (), {"kind": kind, "template": template, "household_id": household_id})
    try:
        with transaction.atomic():
            _post(probe, date=date, actor=actor)
            raise _DryRun
    except _DryRun:
        pass
    except ValidationError as exc:
        raise ValidationError({"template": exc.messages}) from exc


def template_effects(kind: str, template: dict, *, categories: dict, locations: dict) -> list[tuple]:
    """[(location_id, signed amount)] an occurrence adds to each location's balance."""
    amount = Decimal(template["amount"])
    if kind == Kind.TRANSFER:
        source = template["from_location"]
        target = template.get("to_location") or source
        return [(source, -amount), (target, amount)]
    category = categories.get(template["category"])
    signed = -amount if category is not None and category.sign == Sign.NEGATIVE else amount
    return [(template["location"], signed)]


def template_rows(templates: list[dict], household_id) -> tuple[dict, dict]:
    """The categories and locations the templates name, by id (two queries)."""
    ids = {field: set() for field in ("category", "location")}
    for template in templates:
        for field, value in template.items():
            if value and field == "category":
                ids["category"].add(value)
            elif value and field.endswith("location"):
                ids["location"].add(value)
    categories = Category.objects.for_household(household_id).in_bulk(list(ids["category"]), field_name="pk")
    locations = Location.objects.for_household(household_id).in_bulk(list(ids["location"]), field_name="pk")
    return {str(k): v for k, v in categories.items()}, {str(k): v for k, v in locations.items()}


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{field}: {message}" for field, value in detail.items() for message in _messages(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]
