from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("notifications", apis.NotificationViewSet, basename="notification")

urlpatterns = [path("", include(router.urls))]
