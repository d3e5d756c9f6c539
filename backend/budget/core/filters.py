"""Query-parameter filters shared by every app."""

from django import forms
from django_filters import rest_framework as filters

from .dates import parse_iso_date


class StrictDateFormField(forms.Field):
    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return parse_iso_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class StrictDateFilter(filters.DateFilter):
    """A date as exactly YYYY-MM-DD (Django's form field also reads "2024-1-1" and "05/10/2024")."""

    field_class = StrictDateFormField
