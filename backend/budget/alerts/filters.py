from django_filters import rest_framework as filters

from budget.ledger.filters import StrictBooleanFilter


class NotificationFilter(filters.FilterSet):
    unread = StrictBooleanFilter(method="filter_unread", help_text="true: only unread; false: only read.")

    def filter_unread(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(read_at__isnull=value)
