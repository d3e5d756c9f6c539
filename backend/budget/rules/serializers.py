from rest_framework import serializers

from budget.core.serializers import MoneyField
from budget.ledger.models import Bucket, Category, Location
from budget.ledger.serializers import OwnedRefField

from .models import Direction, Rule


class ConditionsSerializer(serializers.Serializer):
    description_contains = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    amount_min = MoneyField(required=False, allow_null=True, default=None, min_value=0)
    amount_max = MoneyField(required=False, allow_null=True, default=None, min_value=0)
    location = OwnedRefField(Location, required=False, allow_null=True, default=None)
    direction = serializers.ChoiceField(Direction.choices, required=False, allow_null=True, default=None)


class ActionsSerializer(serializers.Serializer):
    category = OwnedRefField(Category, required=False, allow_null=True, default=None)
    bucket = OwnedRefField(Bucket, required=False, allow_null=True, default=None)
    split_income = serializers.BooleanField(required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RuleInputSerializer(serializers.Serializer):
    """A `conditions` or `actions` object replaces the rule's whole group (PATCH included)."""

    name = serializers.CharField(max_length=100)
    priority = serializers.IntegerField(required=False, default=100, min_value=-1000000, max_value=1000000)
    is_active = serializers.BooleanField(required=False, default=True)
    conditions = ConditionsSerializer()
    actions = ActionsSerializer()

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        flat = {key: value for key, value in values.items() if key not in ("conditions", "actions")}
        for group in ("conditions", "actions"):
            if group in values:
                flat.update(values[group])
        if "direction" in flat:
            flat["direction"] = flat["direction"] or ""
        return flat


def _id(value):
    return str(value) if value is not None else None


class RuleConditionsOut(serializers.Serializer):
    description_contains = serializers.CharField()
    amount_min = MoneyField(allow_null=True)
    amount_max = MoneyField(allow_null=True)
    location = serializers.UUIDField(allow_null=True)
    direction = serializers.ChoiceField(Direction.choices, allow_null=True)


class RuleActionsOut(serializers.Serializer):
    category = serializers.UUIDField(allow_null=True)
    bucket = serializers.UUIDField(allow_null=True)
    split_income = serializers.BooleanField(allow_null=True)
    description = serializers.CharField(allow_null=True)


class RuleSerializer(serializers.ModelSerializer):
    conditions = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Rule
        fields = ["id", "household", "name", "priority", "is_active", "conditions", "actions", "created_at"]
        read_only_fields = fields

    def _money(self, value):
        return f"{value:.2f}" if value is not None else None

    def get_conditions(self, rule) -> RuleConditionsOut:
        return {
            "description_contains": rule.description_contains,
            "amount_min": self._money(rule.amount_min),
            "amount_max": self._money(rule.amount_max),
            "location": _id(rule.location_id),
            "direction": rule.direction or None,
        }

    def get_actions(self, rule) -> RuleActionsOut:
        return {
            "category": _id(rule.category_id),
            "bucket": _id(rule.bucket_id),
            "split_income": rule.split_income,
            "description": rule.description or None,
        }


class RuleMatchInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=255, allow_blank=True)
    amount = MoneyField(
        required=False, allow_null=True, default=None, help_text="Signed: negative is money out."
    )
    location = OwnedRefField(Location, required=False, allow_null=True, default=None)


class RuleMatchSerializer(serializers.Serializer):
    rule = serializers.UUIDField(allow_null=True)
    rule_name = serializers.CharField(allow_null=True)
    actions = RuleActionsOut(allow_null=True)
