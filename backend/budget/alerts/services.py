"""The alerts check (one household, idempotent) and the mail that follows a notification."""

import logging

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django_q.tasks import async_task

from budget.core.db import retrying
from budget.households.models import Household, Membership

from .checks import CHECKS, EPISODIC, Finding
from .models import Alert, MailStatus, Notification

logger = logging.getLogger(__name__)

CHECK_TASK = "budget.alerts.tasks.check_alerts"
MAIL_TASK = "budget.alerts.tasks.mail_notification"
# A check stays "queued" this long at most: one whose task was lost stops blocking new ones then.
QUEUED_SECONDS = 5 * 60
MAIL_ATTEMPTS = 5


def _queued_key(household_id) -> str:
    return f"alerts:queued:{household_id}"


def alerts_check_enqueue(*, household_id) -> bool:
    """Queue the household's check unless one is queued and not started yet (it will see this change
    too). Returns whether a task was queued."""
    key = _queued_key(household_id)
    if not cache.add(key, True, timeout=QUEUED_SECONDS):
        return False
    try:
        async_task(CHECK_TASK, str(household_id))
    except BaseException:
        cache.delete(key)
        raise
    return True


@retrying
def alerts_check(*, household_id, checks=None, today=None) -> int:
    """Run the checks and notify the members of what is new; returns the notifications made.

    Under the household's lock (the ledger's one lock order: it first), so a check sees a ledger no
    write is changing and two checks never interleave; the unique constraints are the backstop when
    a task runs twice or after a crash.
    """
    cache.delete(_queued_key(household_id))  # a write from now on queues a new check
    today = today or timezone.localdate()
    with transaction.atomic():
        if not Household.objects.select_for_update(no_key=True).filter(pk=household_id).exists():
            return 0  # deleted since
        findings = [
            finding for check in checks or CHECKS for finding in check(household_id=household_id, today=today)
        ]
        alerts = _new_alerts(household_id, findings)
        notifications = _notify(household_id, alerts)
    return len(notifications)


def _new_alerts(household_id, findings: list[Finding]) -> list[Alert]:
    episodic = [f for f in findings if f.kind in EPISODIC]
    periodic = [f for f in findings if f.kind not in EPISODIC]
    new = []
    if periodic:
        known = set(
            Alert.objects.filter(
                household_id=household_id,
                kind__in={f.kind for f in periodic},
                subject_id__in={f.subject_id for f in periodic},
            ).values_list("kind", "subject_id", "period")
        )
        new += [f for f in periodic if (f.kind, f.subject_id, f.period) not in known]
    # Episodes: an open alert stays open while its finding holds, and is resolved once it does not.
    past = Alert.objects.filter(household_id=household_id, kind__in=EPISODIC)
    open_alerts = {
        (kind, subject): pk
        for pk, kind, subject in past.filter(resolved_at__isnull=True).values_list("pk", "kind", "subject_id")
    }
    holding = {(f.kind, f.subject_id) for f in episodic}
    over = [pk for key, pk in open_alerts.items() if key not in holding]
    if over:
        Alert.objects.filter(pk__in=over).update(resolved_at=timezone.now())
    starting = [f for f in episodic if (f.kind, f.subject_id) not in open_alerts]
    if starting:
        counts = {
            (kind, subject): n
            for kind, subject, n in past.values("kind", "subject_id")
            .annotate(n=Count("pk"))
            .values_list("kind", "subject_id", "n")
        }
        new += [
            Finding(**{**f.__dict__, "period": str(counts.get((f.kind, f.subject_id), 0) + 1)})
            for f in starting
        ]
    return Alert.objects.bulk_create(Alert(household_id=household_id, **f.__dict__) for f in new)


def _notify(household_id, alerts: list[Alert]) -> list[Notification]:
    if not alerts:
        return []
    members = [m.user for m in Membership.objects.filter(household_id=household_id).select_related("user")]
    notifications = []
    for alert in alerts:
        for user in members:
            channel = user.notification_channel(alert.kind)
            if channel == "off":
                continue
            mail = MailStatus.PENDING if channel == "email" else MailStatus.NONE
            notifications.append(
                Notification(alert=alert, user=user, household_id=household_id, mail_status=mail)
            )
    Notification.objects.bulk_create(notifications)
    to_mail = [str(n.pk) for n in notifications if n.mail_status == MailStatus.PENDING]
    if to_mail:
        transaction.on_commit(lambda: [async_task(MAIL_TASK, pk) for pk in to_mail], robust=True)
    return notifications


def notification_mail(*, notification_id) -> str:
    """Mail one notification; a failure leaves it to mail again (the sweep re-queues it) until
    MAIL_ATTEMPTS, and never touches the notification itself."""
    notification = (
        Notification.objects.select_related("alert", "user")
        .filter(pk=notification_id, mail_status=MailStatus.PENDING)
        .first()
    )
    if notification is None:
        return "nothing to mail"
    try:
        send_mail(
            subject=notification.alert.title,
            message=f"{notification.alert.body}\n\nBudget",
            from_email=None,
            recipient_list=[notification.user.email],
        )
    except Exception as exc:
        attempts = notification.mail_attempts + 1
        status = MailStatus.FAILED if attempts >= MAIL_ATTEMPTS else MailStatus.PENDING
        Notification.objects.filter(pk=notification.pk).update(
            mail_attempts=F("mail_attempts") + 1, mail_status=status
        )
        logger.warning("Mail of notification %s failed (attempt %s): %s", notification.pk, attempts, exc)
        return "failed"
    Notification.objects.filter(pk=notification.pk).update(
        mail_attempts=F("mail_attempts") + 1, mail_status=MailStatus.SENT
    )
    return "sent"


def notification_mails_requeue(*, older_than) -> int:
    """Queue the mail of every notification still to be mailed after `older_than` (a failed attempt,
    a lost task)."""
    ids = list(
        Notification.objects.filter(
            mail_status=MailStatus.PENDING, created_at__lt=timezone.now() - older_than
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        async_task(MAIL_TASK, str(pk))
    return len(ids)


def notification_read(*, user, notification_id) -> Notification:
    """Mark one of the user's notifications read (again is a no-op); another's is DoesNotExist."""
    notification = Notification.objects.get(user=user, pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
