"""HTTP for recurring items: parse, call one service or selector, answer."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from budget.households.access import HouseholdScoped
from budget.ledger.apis import _not_found
from budget.ledger.serializers import OwnedRefs

from . import services
from .models import RecurringItem
from .selectors import recurring_list, recurring_upcoming
from .serializers import (
    OccurrenceInputSerializer,
    OccurrenceSerializer,
    RecurringSerializer,
    UpcomingQuerySerializer,
    UpcomingSerializer,
)


def _valid(serializer):
    if not serializer.is_valid():
        message = _not_found(serializer.errors)
        if message:
            raise NotFound(message)
        raise ValidationError(serializer.errors)
    return serializer.validated_data


class RecurringViewSet(HouseholdScoped, viewsets.ModelViewSet):
    queryset = RecurringItem.objects.none()  # for the schema; requests use get_queryset
    serializer_class = RecurringSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return recurring_list(**self.scope())

    def _answer(self, item, status_code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data, status=status_code)

    def create(self, request):
        refs = OwnedRefs(self.household)
        data = _valid(RecurringSerializer(data=request.data, context={"refs": refs}))
        item = services.recurring_create(user=request.user, household=self.household, **data)
        return self._answer(item, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        item = self.get_object()
        refs = OwnedRefs(item.household_id)
        data = _valid(RecurringSerializer(item, data=request.data, partial=True, context={"refs": refs}))
        return self._answer(services.recurring_update(item=item, user=request.user, **data))

    @extend_schema(description="Deletes the item (a soft delete): what it posted stays as it is.")
    def destroy(self, request, pk=None):
        services.recurring_delete(item=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=OccurrenceInputSerializer, responses={201: OccurrenceSerializer})
    @action(detail=True, methods=["post"])
    def post(self, request, pk=None):
        item = self.get_object()
        date = _valid(OccurrenceInputSerializer(data=request.data))["date"]
        occurrence = services.recurring_post(item=item, date=date, user=request.user)
        return Response(OccurrenceSerializer(occurrence).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OccurrenceInputSerializer, responses={201: OccurrenceSerializer})
    @action(detail=True, methods=["post"])
    def skip(self, request, pk=None):
        item = self.get_object()
        date = _valid(OccurrenceInputSerializer(data=request.data))["date"]
        occurrence = services.recurring_skip(item=item, date=date, user=request.user)
        return Response(OccurrenceSerializer(occurrence).data, status=status.HTTP_201_CREATED)


class UpcomingApi(HouseholdScoped, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("days", int, description="How many days ahead, 1 to 366 (default 30).")],
        responses={200: UpcomingSerializer(many=True)},
    )
    def get(self, request):
        days = _valid(UpcomingQuerySerializer(data=request.query_params))["days"]
        entries = recurring_upcoming(household=self.household, days=days)
        return Response(UpcomingSerializer(entries, many=True).data)
