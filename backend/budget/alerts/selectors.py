"""Reads of notifications: always the requesting user's own."""

from django.db.models import QuerySet

from .models import Notification


def notification_list(*, user) -> QuerySet[Notification]:
    """The user's notifications, newest first, with their alert (title, body, subject) joined."""
    return Notification.objects.filter(user=user).select_related("alert").order_by("-created_at", "-id")


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
