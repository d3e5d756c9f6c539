from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("budgets", apis.BudgetViewSet, basename="budget")

urlpatterns = [
    path("reports/budgets/", apis.BudgetReportApi.as_view(), name="report-budgets"),
    path("", include(router.urls)),
]
