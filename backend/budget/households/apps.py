from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "budget.households"
    label = "households"
    verbose_name = "Households"

    def ready(self):
        from . import receivers  # noqa: F401  (a Personal household for every new account)
