"""HTTP for notifications: the signed-in user's own, whatever household they came from."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from .filters import NotificationFilter
from .models import Notification
from .selectors import notification_list
from .serializers import NotificationSerializer
from .services import notification_read, notifications_read_all

# Nothing to send; a body, if any, is read (a malformed one is a 400) and ignored.
NO_BODY = {"application/json": OpenApiTypes.OBJECT}


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Notification.objects.none()  # for the schema; requests use get_queryset
    serializer_class = NotificationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilter

    def get_queryset(self):
        return notification_list(user=self.request.user)

    @extend_schema(request=NO_BODY, responses={204: None})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        request.data  # noqa: B018  (no body is needed, but a malformed one is a 400 as everywhere)
        try:
            notification_read(user=request.user, notification_id=pk)
        except (ObjectDoesNotExist, ValidationError, ValueError) as exc:  # a malformed id: none like it
            raise NotFound("Notification not found.") from exc
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=NO_BODY, responses={204: None})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        request.data  # noqa: B018
        notifications_read_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
