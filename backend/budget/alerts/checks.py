"""What the alerts task looks for. Each check is independent: given a household and today, it
returns the findings that hold now; `services.alerts_check` turns new ones into alerts.

A finding's `period` names the occurrence it is once per. Kinds in `EPISODIC` have none: the
finding holds or not, and the alert stays open until it no longer does.
"""

import datetime
from dataclasses import dataclass
from uuid import UUID

from django.db.models import F

from budget.ledger.selectors import bucket_list, location_list
from budget.plans.selectors import budget_report

from .models import Kind, SubjectType

EPISODIC = frozenset({Kind.BALANCE_NEGATIVE})


@dataclass(frozen=True)
class Finding:
    kind: str
    subject_type: str
    subject_id: UUID
    period: str
    title: str
    body: str


def balances_negative(*, household_id, today: datetime.date) -> list[Finding]:
    """Locations and buckets below zero."""
    findings = []
    for subject_type, rows in (
        (SubjectType.LOCATION, location_list(household=household_id)),
        (SubjectType.BUCKET, bucket_list(household=household_id)),
    ):
        for row in rows.filter(balance__lt=0):
            findings.append(
                Finding(
                    kind=Kind.BALANCE_NEGATIVE,
                    subject_type=subject_type,
                    subject_id=row.pk,
                    period="",
                    title=f"'{row.name}' is below zero",
                    body=f"The {subject_type} '{row.name}' holds {row.balance:,}.",
                )
            )
    return findings


def goals_reached(*, household_id, today: datetime.date) -> list[Finding]:
    """Active buckets whose balance reached their goal amount, once per bucket and amount."""
    rows = (
        bucket_list(household=household_id)
        .active()
        .filter(goal_amount__isnull=False, balance__gte=F("goal_amount"))
    )
    return [
        Finding(
            kind=Kind.GOAL_REACHED,
            subject_type=SubjectType.BUCKET,
            subject_id=row.pk,
            period=str(row.goal_amount),
            title=f"Goal reached: '{row.name}'",
            body=f"'{row.name}' holds {row.balance:,} of its {row.goal_amount:,} goal.",
        )
        for row in rows
    ]


def budgets_used(*, household_id, today: datetime.date) -> list[Finding]:
    """Budgets NEAR (used >= 0.80) or OVER in the period containing today, once per budget and
    period. A budget found OVER is told as over only (not near as well)."""
    findings = []
    for row in budget_report(household_id, today)["budgets"]:
        name, status = row["category"]["name"], row["status"]
        if status not in ("NEAR", "OVER"):
            continue
        period = row["start"] if row["start"] == row["end"] else f"{row['start']} to {row['end']}"
        spent = f"{row['actual']:,} of {row['available']:,} available in {period}"
        findings.append(
            Finding(
                kind=Kind.BUDGET_OVER if status == "OVER" else Kind.BUDGET_NEAR,
                subject_type=SubjectType.BUDGET,
                subject_id=row["budget"],
                period=row["start"],
                title=f"Budget over: '{name}'" if status == "OVER" else f"Budget nearly used: '{name}'",
                body=f"'{name}' has spent {spent}.",
            )
        )
    return findings


CHECKS = [balances_negative, goals_reached, budgets_used]
