from django_filters import rest_framework as filters

from budget.ledger.filters import StrictBooleanFilter

from .models import Budget


class BudgetFilter(filters.FilterSet):
    """Active budgets unless `include_archived=true`; `category` narrows to one category's."""

    include_archived = StrictBooleanFilter(method="filter_include_archived")

    class Meta:
        model = Budget
        fields = ["category", "include_archived"]

    def filter_include_archived(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which also runs when the parameter is absent

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_archived"):
            queryset = queryset.filter(is_archived=False)
        return queryset
