from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from budget.core.apis import HealthApi
from budget.core.exceptions import api_not_found
from budget.users.throttles import throttled_admin_login

api_patterns = [
    path("", include("budget.users.urls")),
    path("", include("budget.households.urls")),
    path("", include("budget.ledger.urls")),
    path("", include("budget.reports.urls")),
    path("health/", HealthApi.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include("budget.plans.urls")),
    path("", include("budget.alerts.urls")),
    path("", include("budget.recurring.urls")),
    path("", include("budget.rules.urls")),
    path("", include("budget.imports.urls")),
]

urlpatterns = [
    path("api/", include(api_patterns)),
    re_path(r"^api/", api_not_found),
]
if settings.ADMIN_ENABLED:
    urlpatterns += [
        # Before admin.site.urls, so the throttled sign-in answers admin/login/ (reverse("admin:login") too).
        path("admin/login/", throttled_admin_login(admin.site.login)),
        path("admin/", admin.site.urls),
    ]

handler400 = "budget.core.exceptions.bad_request"
handler500 = "budget.core.exceptions.server_error"
