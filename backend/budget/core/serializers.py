"""Serializer pieces shared by every app."""

from rest_framework import serializers

from . import fields


class MoneyField(serializers.DecimalField):
    """Money in JSON: a number or a string with at most two decimals in, a string ("150.00") out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", fields.MAX_AMOUNT)
        kwargs.setdefault("min_value", -fields.MAX_AMOUNT)
        # No max_digits: the max_value message ("less than or equal to ...") says more than a digit count.
        super().__init__(max_digits=None, decimal_places=2, coerce_to_string=True, **kwargs)

    def quantize(self, value):
        # Quantizing 1e30 to cents overflows the decimal context (a 500); leave such a value
        # as it is and let the max_value/min_value validators refuse it with their message.
        if abs(value) > fields.MAX_AMOUNT:
            return value
        return super().quantize(value)


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
