from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Models that exist only in tests, to exercise the core building blocks on a real table."""

    name = "budget.core.tests.testapp"
    label = "core_testapp"
