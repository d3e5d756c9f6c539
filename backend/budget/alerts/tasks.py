"""Django Q tasks: take ids, call one service, return."""

import datetime

from .services import alerts_check, notification_mail, notification_mails_requeue

# A mail normally goes out within seconds; one still pending after this failed or lost its task.
MAIL_RETRY_AFTER = datetime.timedelta(minutes=1)


def check_alerts(household_id: str) -> int:
    return alerts_check(household_id=household_id)


def mail_notification(notification_id: str) -> str:
    return notification_mail(notification_id=notification_id)


def requeue_pending_mails() -> int:
    return notification_mails_requeue(older_than=MAIL_RETRY_AFTER)
