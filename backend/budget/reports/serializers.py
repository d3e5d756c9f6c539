"""Query parameters of the reports, and their answers: these serializers write the JSON (and the schema)."""

import re

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budget.core.serializers import MoneyField

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
YEAR = re.compile(r"[0-9]{4}")


@extend_schema_field({"type": "string", "pattern": r"^(\d{4}-(0[1-9]|1[0-2]))?$"})
class MonthField(serializers.CharField):
    """'2024-03' as (2024, 3); empty as None (this month). Anything else names the format."""

    def to_internal_value(self, data) -> tuple[int, int] | None:
        value = super().to_internal_value(data) if isinstance(data, str) and "\x00" not in data else None
        if value == "":
            return None
        match = MONTH.fullmatch(value or "")
        if not match or int(match[1]) < 1 or not 1 <= int(match[2]) <= 12:
            raise serializers.ValidationError(f"Use the format YYYY-MM (e.g. 2024-03), not {data!r}.")
        return int(match[1]), int(match[2])


@extend_schema_field({"type": "string", "pattern": r"^(\d{4})?$"})
class YearField(serializers.CharField):
    """'2024' as 2024; empty as None (this year). Anything else names the format."""

    def to_internal_value(self, data) -> int | None:
        value = super().to_internal_value(data) if isinstance(data, str) and "\x00" not in data else None
        if value == "":
            return None
        if not YEAR.fullmatch(value or "") or int(value) < 1:
            raise serializers.ValidationError(f"Use the format YYYY (e.g. 2024), not {data!r}.")
        return int(value)


class MonthlyQuerySerializer(serializers.Serializer):
    month = MonthField(required=False, allow_blank=True, help_text="YYYY-MM; default: this month.")

    def period(self) -> dict:
        today = timezone.localdate()
        year, month = self.validated_data.get("month") or (today.year, today.month)
        return {"year": year, "month": month}


class YearlyQuerySerializer(serializers.Serializer):
    year = YearField(required=False, allow_blank=True, help_text="YYYY; default: this year.")

    def period(self) -> dict:
        return {"year": self.validated_data.get("year") or timezone.localdate().year}


# --- Answers: the services cache what these produce ---------------------------------


class OrderedSerializer(serializers.Serializer):
    """Fields in the order `field_order` names (inheritance alone puts a base's fields first)."""

    field_order: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        if not self.field_order:
            return fields
        # A subclass may drop a field (set it to None); the order skips it.
        return {name: fields[name] for name in self.field_order if name in fields}


class BalanceSerializer(serializers.Serializer):
    positive = MoneyField()
    negative = MoneyField(help_text="Expenses, as a positive amount.")
    neutral = MoneyField()
    net = MoneyField(help_text="positive - negative + neutral")


class CategoryAmountSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    amount = MoneyField()


class CategoriesBySignSerializer(serializers.Serializer):
    positive = CategoryAmountSerializer(many=True)
    negative = CategoryAmountSerializer(many=True)
    neutral = CategoryAmountSerializer(many=True)


class SummarySerializer(OrderedSerializer):
    categories = CategoriesBySignSerializer(
        help_text="Every active category of each sign, plus archived ones used in the period, "
        "by amount descending, then name."
    )
    balance = BalanceSerializer()


class GeneratedSerializer(OrderedSerializer):
    generated_at = serializers.DateTimeField()
    cached = serializers.BooleanField()


class PlaceBalanceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    balance = MoneyField()


class CurrentReportSerializer(GeneratedSerializer):
    balance = BalanceSerializer()
    locations = PlaceBalanceSerializer(many=True)
    locations_total = MoneyField()
    buckets = PlaceBalanceSerializer(many=True)
    buckets_total = MoneyField()
    unallocated = MoneyField(help_text="Split income whose bucket legs are not written yet.")

    field_order = (
        "balance",
        "locations",
        "locations_total",
        "buckets",
        "buckets_total",
        "unallocated",
        "generated_at",
        "cached",
    )


class MonthPeriodSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField(min_value=1, max_value=12)


class YearPeriodSerializer(serializers.Serializer):
    year = serializers.IntegerField()


class MonthlyReportSerializer(GeneratedSerializer, SummarySerializer):
    period = MonthPeriodSerializer()

    field_order = ("period", "categories", "balance", "generated_at", "cached")


class MonthSummarySerializer(SummarySerializer):
    month = serializers.IntegerField(min_value=1, max_value=12)

    field_order = ("month", "categories", "balance")


class YearlyReportSerializer(GeneratedSerializer):
    period = YearPeriodSerializer()
    months = MonthSummarySerializer(many=True)
    summary = SummarySerializer()

    field_order = ("period", "months", "summary", "generated_at", "cached")


class YearSummarySerializer(SummarySerializer):
    year = serializers.IntegerField()

    field_order = ("year", "categories", "balance")


class HistoricalReportSerializer(GeneratedSerializer):
    years = YearSummarySerializer(many=True, help_text="First to last year with transactions, none skipped.")
    summary = SummarySerializer()

    field_order = ("years", "summary", "generated_at", "cached")


# --- The Overview's summary ---------------------------------------------------------


class SummaryRowSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    date = serializers.DateField()
    description = serializers.CharField()
    amount = MoneyField()
    signed_amount = MoneyField()
    category_name = serializers.CharField()
    category_sign = serializers.CharField()
    location_name = serializers.CharField()
    bucket_name = serializers.CharField(allow_null=True, help_text="Null for a split income.")


class SpendingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    amount = MoneyField(help_text="Spent in the month.")
    previous = MoneyField(help_text="Spent in the month before.")


class MonthTotalsSerializer(serializers.Serializer):
    income = MoneyField()
    expenses = MoneyField()
    net = MoneyField(required=False, help_text="income - expenses (neutral money left out).")


class SavingsRateSerializer(serializers.Serializer):
    month = MoneyField(allow_null=True, help_text="(income - expenses) / income in %; null without income.")
    year = MoneyField(allow_null=True, help_text="The same from January to the month.")


class AverageSpendingSerializer(serializers.Serializer):
    months_3 = MoneyField(help_text="Expenses of the 3 whole months before the month, divided by 3.")
    months_12 = MoneyField(help_text="Expenses of the 12 whole months before the month, divided by 12.")


class CurrentBalancesSerializer(CurrentReportSerializer):
    generated_at = None  # the summary says once when and how it was made
    cached = None


class SummaryReportSerializer(GeneratedSerializer):
    period = MonthPeriodSerializer()
    month = MonthTotalsSerializer()
    previous_month = MonthTotalsSerializer()
    spending = SpendingSerializer(
        many=True, help_text="Expense categories used this month or the last, by amount descending."
    )
    savings_rate = SavingsRateSerializer()
    average_spending = AverageSpendingSerializer()
    largest_expenses = SummaryRowSerializer(many=True, help_text="The month's 5 largest expenses.")
    recent = SummaryRowSerializer(many=True, help_text="The 10 latest transactions, newest first.")
    current = CurrentBalancesSerializer(help_text="Balances now, as GET /api/reports/current/ (no meta).")
