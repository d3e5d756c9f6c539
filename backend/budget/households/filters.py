from django_filters import rest_framework as filters

from .models import ActivityEntry


class ActivityFilter(filters.FilterSet):
    actor = filters.UUIDFilter(field_name="actor_id")
    object_type = filters.CharFilter()
    object_id = filters.CharFilter()
    action = filters.CharFilter()
    date_from = filters.DateFilter(field_name="at", lookup_expr="date__gte")
    date_to = filters.DateFilter(field_name="at", lookup_expr="date__lte")

    class Meta:
        model = ActivityEntry
        fields = ["actor", "object_type", "object_id", "action", "date_from", "date_to"]
