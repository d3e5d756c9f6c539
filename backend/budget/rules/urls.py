from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("rules", apis.RuleViewSet, basename="rule")

urlpatterns = [
    path("rules/match/", apis.RuleMatchApi.as_view(), name="rule-match"),  # before the router's detail route
    path("", include(router.urls)),
]
