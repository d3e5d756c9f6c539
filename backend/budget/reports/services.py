"""Reports through the cache: keyed per user, ledger version, kind and period.

Every ledger write changes the ledger version inside its database transaction (receivers.py). The
new version commits (or rolls back) with the write, so no request can find a report cached for an
older state of the ledger once the write has committed, whatever the cache did; old entries expire.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from . import selectors, serializers, summary
from .models import LedgerVersion

logger = logging.getLogger(__name__)

REFRESH_TASK = "budget.reports.tasks.refresh_reports"
# Each kind of report: the selector that computes it and the serializer that writes its JSON.
REPORTS = {
    "current": (selectors.report_current, serializers.CurrentReportSerializer),
    "monthly": (selectors.report_monthly, serializers.MonthlyReportSerializer),
    "yearly": (selectors.report_yearly, serializers.YearlyReportSerializer),
    "historical": (selectors.report_historical, serializers.HistoricalReportSerializer),
    "summary": (summary.report_summary, serializers.SummaryReportSerializer),
}


def ledger_version(*, user_id) -> int:
    """0 until the user's first write."""
    return LedgerVersion.objects.filter(user_id=user_id).values_list("version", flat=True).first() or 0


def ledger_version_change(*, user_id) -> None:
    """A new random version: every report cached so far for this user is unreachable from now on."""
    version = secrets.randbits(62) + 1
    if not LedgerVersion.objects.filter(user_id=user_id).update(version=version):
        LedgerVersion.objects.update_or_create(user_id=user_id, defaults={"version": version})


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
    build, serializer = REPORTS[kind]
    report = dict(
        serializer({**build(user=user, **period), "generated_at": timezone.now(), "cached": False}).data
    )
    try:
        cache.set(key, report, settings.REPORTS_CACHE_SECONDS)
    except Exception:
        logger.warning("Report cache unavailable; %s not stored", key, exc_info=True)
    return report


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
