"""Cached reads from the API, and writes that forget them.

Streamlit's cache is shared by every browser session, so each fetcher takes the
signed-in user's id as an ordinary argument: it is part of the cache key (an
argument named with a leading `_` would not be, and users would see each
other's data). Every write goes through `write`, which clears the caches.
"""

from typing import Any

import streamlit as st

from budget_ui.api import USER_KEY, Api, SignedOut

TTL_SECONDS = 60


def _api() -> Api:
    return Api(st.session_state)


def _user_id() -> str:
    profile = st.session_state.get(USER_KEY)
    if profile is None:
        raise SignedOut("Please sign in.", 401)
    return profile["id"]


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _list(user_id: str, resource: str, include_archived: bool) -> list[dict]:
    return _api().list_all(resource, include_archived=include_archived or None)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _report(user_id: str, kind: str, period: tuple) -> dict:
    return _api().report(kind, **dict(period))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _transactions(user_id: str, query: tuple) -> dict:
    return _api().page("transactions", **dict(query))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _allocation(user_id: str) -> dict:
    return _api().allocation()


def locations(include_archived: bool = False) -> list[dict]:
    return _list(_user_id(), "locations", include_archived)


def buckets(include_archived: bool = False) -> list[dict]:
    return _list(_user_id(), "buckets", include_archived)


def categories(include_archived: bool = False) -> list[dict]:
    return _list(_user_id(), "categories", include_archived)


def allocation() -> dict:
    return _allocation(_user_id())


def report(kind: str, **period) -> dict:
    return _report(_user_id(), kind, tuple(sorted(period.items())))


def transactions(**query) -> dict:
    """One page of transactions ({count, results, ...}) for the filters, ordering and page given."""
    return _transactions(_user_id(), tuple(sorted((k, v) for k, v in query.items() if v not in (None, ""))))


def export_transactions(**filters) -> bytes:
    return _api().export_transactions(**filters)


def forget() -> None:
    """Drop every cached answer. Called after each write and at sign-out."""
    for fetcher in (_list, _report, _transactions, _allocation):
        fetcher.clear()


def write(method: str, *args, **kwargs) -> Any:
    """Call one writing method of the API client (create, update, delete, ...), then forget the caches.

    The caches are dropped even when the API refuses: a timeout may still have written.
    """
    try:
        return getattr(_api(), method)(*args, **kwargs)
    finally:
        forget()
