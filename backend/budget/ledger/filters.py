from django import forms
from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from budget.core.fields import MAX_AMOUNT
from budget.core.filters import StrictDateFilter
from budget.core.text import filter_text

from .models import Allocation, Bucket, Category, Location, Sign, Transaction


class StrictBooleanField(forms.Field):
    TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text not in self.TRUE | self.FALSE:
            raise forms.ValidationError("Use true or false.", code="invalid")
        return text in self.TRUE


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.Filter):
    """true or false; anything else is a 400 (django-filter's BooleanFilter ignores unknown values)."""

    field_class = StrictBooleanField


class ArchivableFilter(filters.FilterSet):
    """Active rows unless `include_archived=true`; `search` matches names."""

    search = filters.CharFilter(method="filter_search")
    include_archived = StrictBooleanFilter(method="filter_include_archived")

    def filter_search(self, queryset, name, value):
        return filter_text(queryset, "name", value)

    def filter_include_archived(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which also runs when the parameter is absent

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_archived"):
            queryset = queryset.filter(is_archived=False)
        return queryset


class LocationFilter(ArchivableFilter):
    class Meta:
        model = Location
        fields = ["search", "include_archived"]


class BucketFilter(ArchivableFilter):
    class Meta:
        model = Bucket
        fields = ["search", "include_archived"]


class CategoryFilter(ArchivableFilter):
    sign = filters.ChoiceFilter(choices=Sign.choices)

    class Meta:
        model = Category
        fields = ["search", "include_archived", "sign"]


class TieBreakOrderingFilter(filters.OrderingFilter):
    """Any ordering ends with the newest entry first, so pages never shuffle rows with equal keys."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-created_at", "-id")
        return qs


def _money_filter(lookup: str) -> filters.NumberFilter:
    return filters.NumberFilter(
        field_name="amount",
        lookup_expr=lookup,
        max_digits=12,
        decimal_places=2,
        max_value=MAX_AMOUNT,
        min_value=-MAX_AMOUNT,
    )


class TransactionFilter(filters.FilterSet):
    date_from = StrictDateFilter(field_name="date", lookup_expr="gte")
    date_to = StrictDateFilter(field_name="date", lookup_expr="lte")
    category = filters.UUIDFilter(field_name="category_id")
    sign = filters.ChoiceFilter(field_name="category__sign", choices=Sign.choices)
    location = filters.UUIDFilter(field_name="location_id")
    bucket = filters.UUIDFilter(method="filter_bucket")
    amount_min = _money_filter("gte")
    amount_max = _money_filter("lte")
    search = filters.CharFilter(method="filter_search")
    split_income = StrictBooleanFilter()
    ordering = TieBreakOrderingFilter(fields=["date", "amount", "description"])

    class Meta:
        model = Transaction
        fields = []

    def filter_search(self, queryset, name, value):
        return filter_text(queryset, "description", value)

    def filter_bucket(self, queryset, name, value):
        """A bucket's own transactions and the split incomes that put a share into it."""
        shared = Allocation.objects.filter(transaction=OuterRef("pk"), bucket_id=value)
        return queryset.filter(Q(bucket_id=value) | Q(Exists(shared)))
