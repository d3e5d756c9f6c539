"""Rows as they are under the ledger lock. Whose row it is decides whether it exists: a row of
another owner is as absent as one that never existed (the API answers 404 for both)."""

from django.db import models


def fresh(model: type[models.Model], owner_id, pk, *, related: tuple[str, ...] = ()) -> models.Model:
    row = model.objects.for_user(owner_id).select_related(*related).filter(pk=pk).first()
    if row is None:
        raise model.DoesNotExist(f"{model._meta.verbose_name.capitalize()} not found.")
    return row


class Refs:
    """Rows a write points at (category, location, bucket), re-read once each under the lock."""

    def __init__(self, owner_id):
        self.owner_id = owner_id
        self._rows: dict = {}

    def get(self, row: models.Model | None) -> models.Model | None:
        if row is None:
            return None
        key = (type(row), row.pk)
        if key not in self._rows:
            self._rows[key] = fresh(type(row), self.owner_id, row.pk)
        return self._rows[key]
