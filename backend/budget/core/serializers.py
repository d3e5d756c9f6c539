"""Serializer pieces shared by every app."""

from decimal import Decimal, InvalidOperation

from django.utils.encoding import smart_str
from rest_framework import serializers

from . import fields
from .dates import parse_iso_date

LIMITS = {"max_value": fields.MAX_AMOUNT, "min_value": -fields.MAX_AMOUNT}


class MoneyField(serializers.DecimalField):
    """Money in JSON: a number or a string with at most two decimals in, a string ("150.00") out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", fields.MAX_AMOUNT)
        kwargs.setdefault("min_value", -fields.MAX_AMOUNT)
        # No max_digits: the max_value message ("less than or equal to ...") says more than a digit count.
        super().__init__(max_digits=None, decimal_places=2, coerce_to_string=True, **kwargs)

    def to_internal_value(self, data):
        text = smart_str(data).strip()
        if len(text) > self.MAX_STRING_LENGTH:
            # DRF would say "String value too large."; for a number out of range a person needs the limit.
            try:
                number = Decimal(text)
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite() and number.copy_abs() > fields.MAX_AMOUNT:
                self.fail("min_value" if number < 0 else "max_value", **LIMITS)
        return super().to_internal_value(data)

    def quantize(self, value):
        # Quantizing 1e30 to cents overflows the decimal context, and so does abs() of 1e999999999
        # (both a 500): copy_abs() is exact. Such a value is left as it is for the max_value/min_value
        # validators to refuse with the limit.
        if value.copy_abs() > fields.MAX_AMOUNT:
            return value
        return super().quantize(value)


class StrictDateField(serializers.DateField):
    """A date in JSON: exactly YYYY-MM-DD, the only format the contract knows."""

    def to_internal_value(self, value):
        try:
            return parse_iso_date(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc), code="invalid") from None


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer that maps the money model field to MoneyField, not to an integer of cents."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        fields.MoneyField: MoneyField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, fields.MoneyField):
            # Integer-only limits that DRF derives from BigIntegerField do not apply to money.
            for key in ("max_value", "min_value", "max_digits", "decimal_places", "coerce_to_string"):
                field_kwargs.pop(key, None)
            field_kwargs["validators"] = [
                v for v in field_kwargs.get("validators", []) if not hasattr(v, "limit_value")
            ]
        return field_class, field_kwargs
