"""Django Q tasks: take ids, call one service, return."""

from .services import reports_refresh


def refresh_reports(household_id: str) -> list[str]:
    return reports_refresh(household_id=household_id)
