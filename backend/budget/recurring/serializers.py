from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budget.core.serializers import ModelSerializer, MoneyField, StrictDateField

from .models import Kind, Occurrence, RecurringItem
from .templates import template_read, template_stored

TEMPLATE_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "description": (
        "kind TRANSACTION: {description, amount, category, location, bucket, split_income}; "
        "kind TRANSFER: {description, amount, from_location, from_bucket, to_location, to_bucket}. "
        "The body of POST /api/transactions/ or /api/transfers/ without its date."
    ),
    "example": {"description": "Rent", "amount": "850.00", "category": "…", "location": "…", "bucket": "…"},
}


@extend_schema_field(TEMPLATE_SCHEMA)
class TemplateField(serializers.JSONField):
    pass


class RecurringSerializer(ModelSerializer):
    template = TemplateField()
    start_date = StrictDateField()
    end_date = StrictDateField(required=False, allow_null=True)
    day = serializers.IntegerField(required=False, allow_null=True, min_value=-1, max_value=31)
    interval = serializers.IntegerField(required=False, min_value=1, max_value=99)

    class Meta:
        model = RecurringItem
        fields = [
            "id",
            "household",
            "name",
            "kind",
            "template",
            "frequency",
            "interval",
            "day",
            "start_date",
            "end_date",
            "auto_post",
            "is_active",
            "next_date",
            "last_posted",
            "last_error",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["household", "next_date", "last_posted", "last_error", "created_at", "updated_at"]

    def validate(self, attrs):
        """The template as the kind's endpoint reads it (ids of this household, amounts), stored as JSON."""
        if "template" in attrs or "kind" in attrs:
            kind = attrs.get("kind") or getattr(self.instance, "kind", None)
            template = attrs.get("template", getattr(self.instance, "template", None))
            if "template" not in attrs and self.instance is not None and kind != self.instance.kind:
                raise serializers.ValidationError({"template": ["A new kind needs its template."]})
            start = attrs.get("start_date") or getattr(self.instance, "start_date", None)
            if kind and start:
                try:
                    values = template_read(kind, template, refs=self.context["refs"], date=start)
                except serializers.ValidationError as exc:
                    raise serializers.ValidationError({"template": exc.detail}) from exc
                attrs["template"] = template_stored(values)
        return attrs


class OccurrenceInputSerializer(serializers.Serializer):
    date = StrictDateField()


class OccurrenceSerializer(ModelSerializer):
    recurring = serializers.UUIDField(source="item_id", read_only=True)

    class Meta:
        model = Occurrence
        fields = ["id", "recurring", "date", "status", "transaction", "transfer", "created_at"]
        read_only_fields = fields


class UpcomingQuerySerializer(serializers.Serializer):
    days = serializers.IntegerField(required=False, default=30, min_value=1, max_value=366)


class UpcomingSerializer(serializers.Serializer):
    recurring = serializers.UUIDField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(Kind.choices)
    date = serializers.DateField()
    amount = MoneyField()
    signed_amount = MoneyField()
    location = serializers.UUIDField()
    location_name = serializers.CharField()
    projected_balance = MoneyField()
    to_location = serializers.UUIDField(allow_null=True)
    to_projected_balance = MoneyField(allow_null=True)
    overdue = serializers.BooleanField()
    auto_post = serializers.BooleanField()
