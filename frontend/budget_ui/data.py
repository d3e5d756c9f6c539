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


def _api() -> Api:
    return Api(st.session_state)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _list(resource: str, include_archived: bool) -> list[dict]:
    return _api().list_all(resource, include_archived=include_archived or None)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _report(kind: str, period: tuple) -> dict:
    return _api().report(kind, **dict(period))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _transactions(query: tuple) -> dict:
    return _api().page("transactions", **dict(query))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, scope="session")
def _allocation() -> dict:
    return _api().allocation()


# ---------------------------------------------------------------------- reads


def locations(include_archived: bool = False) -> list[dict]:
    return _list("locations", include_archived)


def buckets(include_archived: bool = False) -> list[dict]:
    return _list("buckets", include_archived)


def categories(include_archived: bool = False) -> list[dict]:
    return _list("categories", include_archived)


def allocation() -> dict:
    return _allocation()


def report(kind: str, **period) -> dict:
    """A report (current, monthly, yearly, historical, summary) for its period's query parameters."""
    return _report(kind, tuple(sorted(period.items())))


def transactions(**query) -> dict:
    """One page of transactions ({count, results, ...}) for the filters, ordering and page given."""
    return _transactions(tuple(sorted((k, v) for k, v in query.items() if v not in (None, ""))))


def export_transactions(**filters) -> bytes:
    return _api().export_transactions(**filters)


def forget() -> None:
    """Drop every cached answer of this session (at sign-out)."""
    for fetcher in (_list, _report, _transactions, _allocation):
        fetcher.clear()


# ---------------------------------------------------------------------- writes

# What each kind of write can change: the lists showing balances, and every report.
_FORGETS: dict[str, tuple[Callable[[], None], ...]] = {
    "locations": (_list.clear, _report.clear),
    "buckets": (_list.clear, _allocation.clear, _report.clear),
    "categories": (_list.clear, _report.clear),
    "transactions": (_list.clear, _transactions.clear, _report.clear),
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


def bucket_create(*, name: str, allocation_percentage: str) -> dict:
    with _forgetting("buckets") as api:
        return api.create("buckets", {"name": name, "allocation_percentage": allocation_percentage})


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
