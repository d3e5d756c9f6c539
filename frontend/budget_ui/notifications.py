"""Notifications in the app: the sidebar's unread count and the page's rows."""

import datetime

import streamlit as st

from budget_ui import data
from budget_ui.api import ApiError

KIND_ICONS = {
    "budget.near": "🟠",
    "budget.over": "🔴",
    "goal.reached": "🏁",
    "balance.negative": "⚠️",
}
PREFERENCES = {"off": "Off", "app": "In the app", "email": "In the app and by email"}
PREFERENCE_KINDS = {
    "budget": "Budgets (80 % used, overspent)",
    "goal": "Goals reached",
    "balance": "Balances below zero",
}


def unread_label(count: int) -> str:
    return f"Notifications ({count} unread)" if count else "Notifications"


def sidebar_link() -> None:
    """The unread count, linking to the Notifications page."""
    try:
        count = data.notifications_unread_count()
    except ApiError:
        count = 0  # the page says what is wrong with the API; the link still leads there
    st.page_link("app_pages/notifications.py", label=unread_label(count), icon="🔔")


def when(created_at: str) -> str:
    """ "2024-05-10 14:03" from the API's ISO timestamp (UTC shown as such)."""
    moment = datetime.datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    return moment.strftime("%Y-%m-%d %H:%M")


def heading(row: dict) -> str:
    icon = KIND_ICONS.get(row["kind"], "🔔")
    return f"{icon} **{row['title']}**" + ("" if row["read_at"] else " · new")
