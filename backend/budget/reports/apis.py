"""HTTP for the reports: parse the period, ask the service, answer."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import serializers
from .services import report_get


class CurrentReportApi(APIView):
    @extend_schema(responses=serializers.CurrentReportSerializer)
    def get(self, request):
        return Response(report_get(user=request.user, kind="current"))


class MonthlyReportApi(APIView):
    @extend_schema(
        parameters=[serializers.MonthlyQuerySerializer], responses=serializers.MonthlyReportSerializer
    )
    def get(self, request):
        query = serializers.MonthlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report_get(user=request.user, kind="monthly", **query.period()))


class YearlyReportApi(APIView):
    @extend_schema(
        parameters=[serializers.YearlyQuerySerializer], responses=serializers.YearlyReportSerializer
    )
    def get(self, request):
        query = serializers.YearlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report_get(user=request.user, kind="yearly", **query.period()))


class HistoricalReportApi(APIView):
    @extend_schema(responses=serializers.HistoricalReportSerializer)
    def get(self, request):
        return Response(report_get(user=request.user, kind="historical"))


class SummaryReportApi(APIView):
    """Everything the Overview shows, in one answer (see reports/summary.py)."""

    @extend_schema(
        parameters=[serializers.MonthlyQuerySerializer], responses=serializers.SummaryReportSerializer
    )
    def get(self, request):
        query = serializers.MonthlyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = report_get(user=request.user, kind="summary", **query.period())
        return Response(serializers.SummaryReportSerializer(report).data)
