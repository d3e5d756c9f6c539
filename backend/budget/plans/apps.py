from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "budget.plans"
    label = "plans"
    verbose_name = "Plans"

    def ready(self):
        # The budgets report is cached like the other reports: register it with their service.
        from budget.reports.services import REPORTS

        from .selectors import report_budgets
        from .serializers import BudgetReportSerializer

        REPORTS.setdefault("budgets", (report_budgets, BudgetReportSerializer))
