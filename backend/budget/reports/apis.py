"""HTTP for the reports: parse the period, ask the service, answer."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from budget.households.access import HouseholdScoped

from . import serializers
from .services import report_get


class CurrentReportApi(HouseholdScoped, APIView):
    @extend_schema(responses=serializers.CurrentReportSerializer)
    def get(self, request):
        return Response(report_get(household=self.household, kind="current"))


class MonthlyReportApi(HouseholdScoped, APIView):
    @extend_schema(
        parameters=[serializers.MonthlyQuerySerializer], responses=serializers.MonthlyReportSerializer
    )
    def get(self, request):
        query = serializers.MonthlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report_get(household=self.household, kind="monthly", **query.period()))


class YearlyReportApi(HouseholdScoped, APIView):
    @extend_schema(
        parameters=[serializers.YearlyQuerySerializer], responses=serializers.YearlyReportSerializer
    )
    def get(self, request):
        query = serializers.YearlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report_get(household=self.household, kind="yearly", **query.period()))


class HistoricalReportApi(HouseholdScoped, APIView):
    @extend_schema(responses=serializers.HistoricalReportSerializer)
    def get(self, request):
        return Response(report_get(household=self.household, kind="historical"))


class SummaryReportApi(HouseholdScoped, APIView):
    """Everything the Overview shows, in one answer (see reports/summary.py)."""

    @extend_schema(
        parameters=[serializers.MonthlyQuerySerializer], responses=serializers.SummaryReportSerializer
    )
    def get(self, request):
        query = serializers.MonthlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report_get(household=self.household, kind="summary", **query.period()))
