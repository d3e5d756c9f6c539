"""Cached reads from the API, and typed writes that forget what they changed.

Reads are cached per browser session (`scope="session"`): one person's answers can never reach
another session, and signing out drops them with the session. Each write clears the reads it can
change, even when the API refuses it: a timeout may still have written.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from budget_ui.api import Api

TTL_SECONDS = 60
# The sidebar's household switcher keeps the chosen household's id here (and in the URL).
HOUSEHOLD_KEY = "household"


def household() -> str | None:
    """The household the pages show and write to; None until the switcher has drawn (the API's default)."""
    return st.session_state.get(HOUSEHOLD_KEY)


def _api(household_id: str | None = None) -> Api:
    return Api(st.session_state, household=household_id or household())


# Every ledger read takes the household as its first argument, so each household has its own cache.


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _list(household_id: str | None, resource: str, include_archived: bool) -> list[dict]:
    return _api(household_id).list_all(resource, include_archived=include_archived or None)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _report(household_id: str | None, kind: str, period: tuple) -> dict:
    return _api(household_id).report(kind, **dict(period))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _transactions(household_id: str | None, query: tuple) -> dict:
    return _api(household_id).page("transactions", **dict(query))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _allocation(household_id: str | None) -> dict:
    return _api(household_id).allocation()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _households() -> list[dict]:
    return _api().households()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _members(household_id: str) -> list[dict]:
    return _api().members(household_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _invitations(household_id: str) -> list[dict]:
    return _api().invitations(household_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _activity(household_id: str, query: tuple) -> dict:
    return _api(household_id).activity(**dict(query))


# ---------------------------------------------------------------------- reads


def _query(query: dict) -> tuple:
    return tuple(sorted((k, v) for k, v in query.items() if v not in (None, "")))


def locations(include_archived: bool = False) -> list[dict]:
    return _list(household(), "locations", include_archived)


def buckets(include_archived: bool = False) -> list[dict]:
    return _list(household(), "buckets", include_archived)


def categories(include_archived: bool = False) -> list[dict]:
    return _list(household(), "categories", include_archived)


def allocation() -> dict:
    return _allocation(household())


def report(kind: str, **period) -> dict:
    """A report (current, monthly, yearly, historical, summary) for its period's query parameters."""
    return _report(household(), kind, tuple(sorted(period.items())))


def transactions(**query) -> dict:
    """One page of transactions ({count, results, ...}) for the filters, ordering and page given."""
    return _transactions(household(), _query(query))


def export_transactions(**filters) -> bytes:
    return _api().export_transactions(**filters)


def households() -> list[dict]:
    """Mine: [{id, name, role, members, created_at}]."""
    return _households()


def members(household_id: str) -> list[dict]:
    return _members(household_id)


def invitations(household_id: str) -> list[dict]:
    return _invitations(household_id)


def activity(household_id: str, **query) -> dict:
    """One page of the household's activity, newest first, for the filters and page given."""
    return _activity(household_id, _query(query))


def forget() -> None:
    """Drop every cached answer of this session (at sign-out)."""
    for fetcher in (_list, _report, _transactions, _allocation):
        fetcher.clear()
    for fetcher in (_households, _members, _invitations, _activity):
        fetcher.clear()


# ---------------------------------------------------------------------- writes

# What each kind of write can change: the lists showing balances, and every report.
_FORGETS: dict[str, tuple[Callable[[], None], ...]] = {
    "locations": (_list.clear, _report.clear, _activity.clear),
    "buckets": (_list.clear, _allocation.clear, _report.clear, _activity.clear),
    "categories": (_list.clear, _report.clear, _activity.clear),
    "transactions": (_list.clear, _transactions.clear, _report.clear, _activity.clear),
    "members": (_households.clear, _members.clear, _invitations.clear, _activity.clear),
    "account": (forget,),
}


def _forget(kind: str) -> None:
    for clear in _FORGETS.get(kind, (forget,)):
        clear()


@contextmanager
def _forgetting(kind: str) -> Iterator[Api]:
    try:
        yield _api()
    finally:
        _forget(kind)


def location_create(*, name: str, opening_balance: dict | None = None) -> dict:
    """A new location; `opening_balance` ({amount, date, bucket}) records the money already there."""
    body: dict[str, Any] = {"name": name}
    if opening_balance:
        body["opening_balance"] = opening_balance
    with _forgetting("locations") as api:
        return api.create("locations", body)


def bucket_create(*, name: str, allocation_percentage: str, **goal) -> dict:
    """A new bucket; `goal` may hold goal_amount and goal_date."""
    with _forgetting("buckets") as api:
        return api.create("buckets", {"name": name, "allocation_percentage": allocation_percentage, **goal})


def category_create(*, name: str, sign: str) -> dict:
    with _forgetting("categories") as api:
        return api.create("categories", {"name": name, "sign": sign})


def transaction_create(**body) -> dict:
    """A transaction: date, description, amount, category, location, bucket, split_income."""
    with _forgetting("transactions") as api:
        return api.create("transactions", body)


def transfer_create(**body) -> dict:
    """A transfer: date, description, amount, from_/to_location, from_/to_bucket."""
    with _forgetting("transactions") as api:
        return api.create("transfers", body)


def update(resource: str, item_id: str, body: dict) -> dict:
    """PATCH one row of locations, buckets, categories, transactions or transfers."""
    with _forgetting("transactions" if resource == "transfers" else resource) as api:
        return api.update(resource, item_id, body)


def delete(resource: str, item_id: str) -> None:
    """Archive a location, bucket or category; delete a transaction or a transfer."""
    with _forgetting("transactions" if resource == "transfers" else resource) as api:
        api.delete(resource, item_id)


def household_write(method: str, *args, **kwargs) -> Any:
    """A write to households, members or invitations (the client's method of that name).

    Creating, joining or deleting a household changes what every page shows: all is forgotten.
    """
    kind = "account" if method in ("household_create", "household_delete", "invitation_accept") else "members"
    with _forgetting(kind) as api:
        return getattr(api, method)(*args, **kwargs)


def profile_update(**fields) -> dict:
    with _forgetting("account") as api:
        return api.update_me(**fields)


def password_change(old_password: str, new_password: str) -> None:
    with _forgetting("account") as api:
        api.change_password(old_password, new_password)


def account_delete(password: str) -> None:
    with _forgetting("account") as api:
        api.delete_account(password)


def write(method: str, *args, **kwargs) -> Any:
    """Any method of the API client, then forget everything. Prefer the typed writes above;
    kept for callers outside the pages (auth.py's password change)."""
    with _forgetting("account") as api:
        return getattr(api, method)(*args, **kwargs)


# Notifications are the user's own (not a household's) and come from the worker at any moment after
# a write, so they are read fresh on every run: one small request each.


def notifications_unread_count() -> int:
    return _api().notifications(unread=True, page_size=1)["count"]


def notifications(unread: bool = False) -> dict:
    return _api().notifications(unread=unread)


def notification_read(notification_id: str) -> None:
    _api().notification_read(notification_id)


def notifications_read_all() -> None:
    _api().notifications_read_all()
