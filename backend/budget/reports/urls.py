from django.urls import path

from . import apis

urlpatterns = [
    path("reports/current/", apis.CurrentReportApi.as_view(), name="report-current"),
    path("reports/monthly/", apis.MonthlyReportApi.as_view(), name="report-monthly"),
    path("reports/yearly/", apis.YearlyReportApi.as_view(), name="report-yearly"),
    path("reports/historical/", apis.HistoricalReportApi.as_view(), name="report-historical"),
    path("reports/summary/", apis.SummaryReportApi.as_view(), name="report-summary"),
]
