"""Django Q tasks: take ids, call one service, return."""

from .services import reports_refresh


def refresh_reports(user_id: str) -> list[str]:
    return reports_refresh(user_id=user_id)
