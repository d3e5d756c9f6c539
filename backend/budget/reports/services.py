"""Reports through the cache: keyed per user, ledger version, kind and period.

Every ledger write calls `reports_invalidate` inside its database transaction. The new version
commits (or rolls back) with the write, so no request can find a report cached for an older state
of the ledger once the write has committed, whatever the cache did; old entries just expire.
"""

import logging
import secrets
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task
from rest_framework.fields import DateTimeField

from . import selectors, summary
from .models import LedgerVersion

logger = logging.getLogger(__name__)

REFRESH_TASK = "budget.reports.tasks.refresh_reports"
BUILDERS = {
    "current": selectors.report_current,
    "monthly": selectors.report_monthly,
    "yearly": selectors.report_yearly,
    "historical": selectors.report_historical,
    "summary": summary.report_summary,
}


def ledger_version(*, user_id) -> int:
    """0 until the user's first write."""
    return LedgerVersion.objects.filter(user_id=user_id).values_list("version", flat=True).first() or 0


def ledger_version_change(*, user_id) -> None:
    """A new random version: every report cached so far for this user is unreachable from now on."""
    version = secrets.randbits(62) + 1
    if not LedgerVersion.objects.filter(user_id=user_id).update(version=version):
        LedgerVersion.objects.update_or_create(user_id=user_id, defaults={"version": version})


class _Refresh:
    """The after-commit callback that enqueues the regeneration of one user's reports."""

    def __init__(self, user_id):
        self.user_id = str(user_id)
        # Django names a failing robust callback by its __qualname__, which instances lack.
        self.__qualname__ = f"{type(self).__qualname__}({self.user_id})"

    def __call__(self):
        async_task(REFRESH_TASK, self.user_id)


def reports_invalidate(*, user_id) -> None:
    """Call inside every transaction that writes to a user's ledger.

    Gives the ledger a new version and, after commit, enqueues one regeneration per user and
    transaction (a bulk write of 1000 rows enqueues one task, not 1000).
    """
    ledger_version_change(user_id=user_id)
    connection = transaction.get_connection()
    pending = (callback for _, callback, _ in connection.run_on_commit)
    if not any(isinstance(callback, _Refresh) and callback.user_id == str(user_id) for callback in pending):
        # robust: a broker that is down must not fail a committed write; a miss recomputes.
        transaction.on_commit(_Refresh(user_id), robust=True)


def _jsonable(value):
    """Money as "150.00" strings and ids as strings, ready for the cache and the response."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def _cache_key(user_id, version: int, kind: str, period: dict) -> str:
    label = "-".join(f"{value:02d}" for value in period.values()) or "all"
    return f"reports:{user_id}:{version}:{kind}:{label}"


def report_get(*, user, kind: str, **period) -> dict:
    """The report from the cache, or computed now and cached; says which in `cached`."""
    key = _cache_key(user.pk, ledger_version(user_id=user.pk), kind, period)
    try:
        found = cache.get(key)
    except Exception:  # a cache that is down costs speed, not the report
        logger.warning("Report cache unavailable; computing %s", key, exc_info=True)
        found = None
    if found is not None:
        return {**found, "cached": True}
    report = _jsonable(BUILDERS[kind](user=user, **period))
    report["generated_at"] = DateTimeField().to_representation(timezone.now())
    try:
        cache.set(key, report, settings.REPORTS_CACHE_SECONDS)
    except Exception:
        logger.warning("Report cache unavailable; %s not stored", key, exc_info=True)
    return {**report, "cached": False}


def reports_refresh(*, user_id) -> list[str]:
    """Compute and cache the reports a user looks at most: current, this month, this year, history."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return []
    today = timezone.localdate()
    wanted = (
        ("current", {}),
        ("monthly", {"year": today.year, "month": today.month}),
        ("yearly", {"year": today.year}),
        ("historical", {}),
    )
    return [
        f"{kind}: {'cached' if report_get(user=user, kind=kind, **period)['cached'] else 'generated'}"
        for kind, period in wanted
    ]
