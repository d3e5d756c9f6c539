"""Reports through the cache: keyed per household, ledger version, kind and period.

Every ledger write changes the ledger version inside its database transaction (receivers.py). The
new version commits (or rolls back) with the write, so no request can find a report cached for an
older state of the ledger once the write has committed, whatever the cache did; old entries expire.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from budget.households.models import Household

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


def ledger_version(*, household_id) -> int:
    """0 until the household's first write."""
    rows = LedgerVersion.objects.filter(household_id=household_id)
    return rows.values_list("version", flat=True).first() or 0


def ledger_version_change(*, household_id) -> None:
    """A new random version: every report cached so far for this household is unreachable from now on."""
    version = secrets.randbits(62) + 1
    if not LedgerVersion.objects.filter(household_id=household_id).update(version=version):
        LedgerVersion.objects.update_or_create(household_id=household_id, defaults={"version": version})


def _cache_key(household_id, version: int, kind: str, period: dict) -> str:
    label = "-".join(f"{value:02d}" for value in period.values()) or "all"
    return f"reports:{household_id}:{version}:{kind}:{label}"


def report_get(*, household, kind: str, **period) -> dict:
    """The report from the cache, or computed now and cached; says which in `cached`."""
    household_id = getattr(household, "pk", household)
    key = _cache_key(household_id, ledger_version(household_id=household_id), kind, period)
    try:
        found = cache.get(key)
    except Exception:  # a cache that is down costs speed, not the report
        logger.warning("Report cache unavailable; computing %s", key, exc_info=True)
        found = None
    if found is not None:
        return {**found, "cached": True}
    build, serializer = REPORTS[kind]
    report = dict(
        serializer(
            {**build(household=household_id, **period), "generated_at": timezone.now(), "cached": False}
        ).data
    )
    try:
        cache.set(key, report, settings.REPORTS_CACHE_SECONDS)
    except Exception:
        logger.warning("Report cache unavailable; %s not stored", key, exc_info=True)
    return report


def reports_refresh(*, household_id) -> list[str]:
    """Compute and cache the reports members look at most: current, this month, this year, history."""
    if not Household.objects.filter(pk=household_id).exists():
        return []
    today = timezone.localdate()
    wanted = (
        ("current", {}),
        ("monthly", {"year": today.year, "month": today.month}),
        ("yearly", {"year": today.year}),
        ("historical", {}),
    )
    done = []
    for kind, period in wanted:
        cached = report_get(household=household_id, kind=kind, **period)["cached"]
        done.append(f"{kind}: {'cached' if cached else 'generated'}")
    return done
