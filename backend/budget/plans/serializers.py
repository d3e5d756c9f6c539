"""Budgets in and out, and the answers of the budgets report and a budget's history."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budget.core.serializers import MoneyField
from budget.ledger.models import Category
from budget.ledger.serializers import OwnedRefField
from budget.reports.serializers import GeneratedSerializer, MonthPeriodSerializer, OrderedSerializer

from .models import Budget, BudgetStatus, Period
from .periods import month_index, month_label
from .selectors import HISTORY_LIMIT

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
MONTH_PATTERN = r"^(19\d{2}|20\d{2}|2100)-(0[1-9]|1[0-2])$"
CENT = Decimal("0.01")


@extend_schema_field(
    {"type": "string", "pattern": MONTH_PATTERN, "description": "YYYY-MM (1900-01 to 2100-12)."}
)
class MonthField(serializers.Field):
    """'2024-03' in, as the first day of that month; the same text out."""

    default_error_messages = {
        "invalid": "Use a month in the format YYYY-MM (e.g. 2024-03), from 1900-01 to 2100-12."
    }

    def to_internal_value(self, data) -> datetime.date:
        match = MONTH.fullmatch(data) if isinstance(data, str) else None
        if not match or not 1900 <= int(match[1]) <= 2100 or not 1 <= int(match[2]) <= 12:
            self.fail("invalid")
        return datetime.date(int(match[1]), int(match[2]), 1)

    def to_representation(self, value: datetime.date) -> str:
        return month_label(month_index(value))


class BudgetAmountSerializer(serializers.Serializer):
    # "from" is a Python keyword: the field is renamed in get_fields.
    from_month = MonthField(help_text="The first month this amount is in force.")
    amount = MoneyField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_month")
        fields["from"].source = "from_month"
        return {"from": fields["from"], "amount": fields["amount"]}


class BudgetSerializer(serializers.ModelSerializer):
    category = serializers.UUIDField(source="category_id")
    amount = serializers.SerializerMethodField()
    starts = MonthField(help_text="The first month of its first period.")
    amounts = BudgetAmountSerializer(many=True, help_text="Its amounts, oldest first: each from a month on.")

    class Meta:
        model = Budget
        fields = [
            "id",
            "household",
            "category",
            "period",
            "amount",
            "starts",
            "rollover",
            "amounts",
            "is_archived",
        ]
        read_only_fields = fields

    @extend_schema_field(MoneyField(help_text="The amount in force this month."))
    def get_amount(self, budget) -> str:
        today = month_index(timezone.localdate())
        amounts = [row for row in budget.amounts.all() if month_index(row.from_month) <= today]
        row = amounts[-1] if amounts else budget.amounts.all()[0]
        return MoneyField().to_representation(row.amount)


class BudgetInputSerializer(serializers.Serializer):
    category = OwnedRefField(Category)
    period = serializers.ChoiceField(choices=Period.choices)
    amount = MoneyField(min_value=CENT)
    starts = MonthField()
    rollover = serializers.BooleanField(default=False)
    effective_from = MonthField(
        required=False,
        help_text="With a new amount: the month (of the period) from which it holds; "
        "default: the current period.",
    )

    def validate(self, data):
        if self.instance is None and not self.partial and "effective_from" in data:
            raise serializers.ValidationError(
                {
                    "effective_from": "A new budget starts with `starts`; "
                    "effective_from is for changing its amount."
                }
            )
        return data


class HistoryQuerySerializer(serializers.Serializer):
    from_month = MonthField(required=False, help_text="YYYY-MM; default: 11 periods before `to`.")
    to = MonthField(required=False, help_text="YYYY-MM; default: this month.")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_month")
        return fields

    def validate(self, data):
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            raise serializers.ValidationError({"from": "`from` must be on or before `to`."})
        return data


# --- Answers ------------------------------------------------------------------------


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class PeriodNumbersSerializer(OrderedSerializer):
    start = serializers.CharField(help_text="The period's first month, YYYY-MM.")
    end = serializers.CharField(help_text="The period's last month, YYYY-MM.")
    budgeted = MoneyField(help_text="The amount in force for the period.")
    carried_over = MoneyField(
        help_text="With rollover: budgeted - actual over all earlier periods; else 0.00."
    )
    available = MoneyField(help_text="budgeted + carried_over")
    actual = MoneyField(help_text="The category's spending in the whole period.")
    remaining = MoneyField(help_text="available - actual")
    used = MoneyField(
        allow_null=True, help_text="actual / available, two decimals; null when available <= 0."
    )
    status = serializers.ChoiceField(
        choices=BudgetStatus.choices, help_text="OVER: actual > available; NEAR: used >= 0.80."
    )

    field_order = (
        "start",
        "end",
        "budgeted",
        "carried_over",
        "available",
        "actual",
        "remaining",
        "used",
        "status",
    )


class BudgetRowSerializer(PeriodNumbersSerializer):
    budget = serializers.UUIDField()
    category = CategoryRefSerializer()

    field_order = ("budget", "category", *PeriodNumbersSerializer.field_order)


class BudgetTotalsSerializer(serializers.Serializer):
    budgeted = MoneyField()
    available = MoneyField()
    actual = MoneyField()
    remaining = MoneyField()


class UnbudgetedSerializer(serializers.Serializer):
    category = CategoryRefSerializer()
    actual = MoneyField(help_text="Spent in the month.")


class BudgetReportSerializer(GeneratedSerializer):
    period = MonthPeriodSerializer()
    budgets = BudgetRowSerializer(
        many=True, help_text="Active budgets begun by the month: the period containing it."
    )
    totals = BudgetTotalsSerializer()
    unbudgeted = UnbudgetedSerializer(
        many=True, help_text="NEGATIVE categories spent on in the month without a budget above, by amount."
    )

    field_order = ("period", "budgets", "totals", "unbudgeted", "generated_at", "cached")


class BudgetHistorySerializer(serializers.Serializer):
    budget = serializers.UUIDField()
    category = CategoryRefSerializer()
    periods = PeriodNumbersSerializer(many=True, help_text=f"Oldest first, at most {HISTORY_LIMIT}.")
