"""HTTP for budgets and the budgets report: parse, call one service or selector, answer."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from budget.households.access import HouseholdScoped
from budget.ledger.apis import ListFilterMixin, parse
from budget.reports.serializers import MonthlyQuerySerializer
from budget.reports.services import report_get

from . import services
from .filters import BudgetFilter
from .models import LENGTH, Budget
from .periods import month_date, month_index
from .selectors import HISTORY_LIMIT, budget_history, budget_list, history_size
from .serializers import (
    BudgetHistorySerializer,
    BudgetInputSerializer,
    BudgetReportSerializer,
    BudgetSerializer,
    HistoryQuerySerializer,
)


class BudgetViewSet(
    HouseholdScoped,
    ListFilterMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Budgets: DELETE archives; PATCH changes the amount (from `effective_from`) or the rollover."""

    queryset = Budget.objects.none()  # for the schema; requests use get_queryset
    serializer_class = BudgetSerializer
    filterset_class = BudgetFilter

    def get_queryset(self):
        return budget_list(**self.scope())

    def _answer(self, budget, status_code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=budget.pk)).data, status=status_code)

    @extend_schema(request=BudgetInputSerializer, responses={201: BudgetSerializer})
    def create(self, request):
        data = parse(BudgetInputSerializer, request, household=self.household)
        budget = services.budget_create(user=request.user, household=self.household, **data)
        return self._answer(budget, status.HTTP_201_CREATED)

    @extend_schema(request=BudgetInputSerializer, responses={200: BudgetSerializer})
    def partial_update(self, request, pk=None):
        budget = self.get_object()
        data = parse(BudgetInputSerializer, request, household=budget.household_id, partial=True)
        return self._answer(services.budget_update(budget=budget, user=request.user, **data))

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        services.budget_archive(budget=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[HistoryQuerySerializer], responses={200: BudgetHistorySerializer})
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        budget = self.get_object()
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        last = query.validated_data.get("to") or month_date(
            month_index(services.current_period_start(budget))
        )
        first = query.validated_data.get("from")
        if first is None:
            length = LENGTH[budget.period]
            first = month_date(
                max(month_index(last) - (HISTORY_LIMIT // 10 - 1) * length, month_index(budget.starts))
            )
        if history_size(budget, first=first, last=last) > HISTORY_LIMIT:
            raise ValidationError({"from": f"Ask for at most {HISTORY_LIMIT} periods at a time."})
        answer = {
            "budget": budget.pk,
            "category": {"id": budget.category_id, "name": budget.category.name},
            "periods": budget_history(budget, first=first, last=last),
        }
        return Response(BudgetHistorySerializer(answer).data)


class BudgetReportApi(HouseholdScoped, APIView):
    """The budgets of a month, cached like the other reports (budget writes change the version)."""

    @extend_schema(parameters=[MonthlyQuerySerializer], responses=BudgetReportSerializer)
    def get(self, request):
        query = MonthlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report_get(household=self.household, kind="budgets", **query.period()))
