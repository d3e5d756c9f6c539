"""Rows as they are under the ledger lock. Whose row it is decides whether it exists: a row of
another household is as absent as one that never existed (the API answers 404 for both)."""

from django.core.exceptions import ValidationError
from django.db import models


def fresh(model: type[models.Model], household_id, pk, *, related: tuple[str, ...] = ()) -> models.Model:
    row = model.objects.for_household(household_id).select_related(*related).filter(pk=pk).first()
    if row is None:
        raise model.DoesNotExist(f"{model._meta.verbose_name.capitalize()} not found.")
    return row


class Refs:
    """Rows a write points at (category, location, bucket), re-read once each under the lock."""

    def __init__(self, household_id):
        self.household_id = household_id
        self._rows: dict = {}

    def get(self, row: models.Model | None) -> models.Model | None:
        if row is None:
            return None
        key = (type(row), row.pk)
        if key not in self._rows:
            self._rows[key] = fresh(type(row), self.household_id, row.pk)
        return self._rows[key]


def household_of(user, household) -> object:
    """The id of the household a create service writes to: the one given, else the user's default
    (as the API does without ?household=)."""
    if household is not None:
        return getattr(household, "pk", household)
    if user.default_household_id is None:
        raise ValidationError("You belong to no household yet: create one first.")
    return user.default_household_id
