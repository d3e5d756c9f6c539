from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("imports", apis.ImportViewSet, basename="import")

urlpatterns = [path("", include(router.urls))]
