from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("recurring", apis.RecurringViewSet, basename="recurring")

urlpatterns = [
    # Before the router, whose detail route would take "upcoming" for an id.
    path("recurring/upcoming/", apis.UpcomingApi.as_view(), name="recurring-upcoming"),
    path("", include(router.urls)),
]
