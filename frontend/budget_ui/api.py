"""The one module that speaks HTTP to the Budget API. Pages never build URLs.

`Api` keeps the access and refresh tokens in a mapping it is given (the page's
`st.session_state`, or a plain dict in tests), refreshes the access token once
on a 401 and retries, and turns every failure into an `ApiError` whose message
a person can read. Every refresh rotates the refresh token; the new one lands in
the mapping, and the app's shell hands it to the browser's cookie at the end of
the run (auth.sync_cookie). `resume` starts a session from that cookie's token.
"""

import os
from collections.abc import Iterator, MutableMapping
from typing import Any

import requests

from budget_ui.api_households import HouseholdCalls
from budget_ui.api_imports import ImportCalls
from budget_ui.api_recurring import RecurringCalls

DEFAULT_API_URL = "http://127.0.0.1:8000/api"
TIMEOUT_SECONDS = 10
EXPORT_TIMEOUT_SECONDS = 120
ACCESS_KEY = "auth_access"
REFRESH_KEY = "auth_refresh"
USER_KEY = "auth_user"  # the signed-in profile, kept beside the tokens

# Resource names pages may use, and where they live.
RESOURCES = {
    "locations": "locations/",
    "buckets": "buckets/",
    "categories": "categories/",
    "transactions": "transactions/",
    "transfers": "transfers/",
    "budgets": "budgets/",
    "recurring": "recurring/",
    "rules": "rules/",
}
REPORTS = {"current", "monthly", "yearly", "historical", "summary", "budgets"}


class ApiError(Exception):
    """An answer the user should read: the API's own message, or why it could not be reached.

    `fields` keeps the API's per-field messages (`{"amount": ["..."]}`) for forms that show them
    beside their inputs.
    """

    def __init__(self, message: str, status: int | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.fields = fields or {}


class BackendUnavailable(ApiError):
    """The API cannot be reached, timed out or answers with a server error."""


class SignedOut(Exception):
    """The session's tokens are gone or no longer accepted; the user must sign in again.

    Deliberately not an ApiError: a page that shows a refusal next to its action lets this through
    to the app, which forgets the session and shows the sign-in page with `message`.
    """

    def __init__(self, message: str, status: int = 401):
        super().__init__(message)
        self.message = message
        self.status = status


def base_url() -> str:
    return os.environ.get("BUDGET_API_URL", DEFAULT_API_URL).rstrip("/")


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def _flatten(errors: Any, prefix: str = "") -> list[str]:
    """DRF error bodies (nested dicts and lists of strings) as 'Field: message' lines."""
    if isinstance(errors, dict):
        lines = []
        for field, value in errors.items():
            if field in ("non_field_errors", "detail", "errors"):
                lines += _flatten(value, prefix)
            else:
                label = (
                    f"{prefix}{_label(str(field))}" if not str(field).isdigit() else f"{prefix}Row {field}"
                )
                lines += _flatten(value, f"{label}: ")
        return lines
    if isinstance(errors, list):
        return [line for item in errors for line in _flatten(item, prefix)]
    return [f"{prefix}{errors}"]


def error_from_response(response: requests.Response) -> ApiError:
    """The ApiError for a non-2xx answer, carrying the API's own words."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    if status >= 500:
        return BackendUnavailable(
            f"The Budget API failed ({status}). Try again in a moment; if it persists, check its log.",
            status,
        )
    if status == 429:
        detail = body.get("detail") if isinstance(body, dict) else None
        return ApiError(detail or "Too many attempts; wait a minute and try again.", status)
    if body is None or body == {}:
        return ApiError(f"The Budget API refused the request ({status}).", status)
    fields = body if isinstance(body, dict) else {}
    message = " ".join(_flatten(body)).strip()
    return ApiError(message or f"The Budget API refused the request ({status}).", status, fields)


class Api(HouseholdCalls, RecurringCalls, ImportCalls):
    """A client bound to one session's tokens (the household endpoints: api_households.py)."""

    def __init__(
        self,
        tokens: MutableMapping,
        *,
        url: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
        household: str | None = None,
    ):
        self.tokens = tokens
        self.url = (url or base_url()).rstrip("/")
        self.timeout = timeout
        # The household every collection endpoint and report is asked about (?household=); None
        # leaves the choice to the API (the user's default household).
        self.household = household

    # ----------------------------------------------------------------- plumbing

    @property
    def signed_in(self) -> bool:
        return bool(self.tokens.get(ACCESS_KEY))

    def forget_tokens(self) -> None:
        self.tokens.pop(ACCESS_KEY, None)
        self.tokens.pop(REFRESH_KEY, None)

    def _send(self, method: str, path: str, *, auth: bool, timeout: float | None = None, **kwargs):
        headers = {"Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.tokens.get(ACCESS_KEY, '')}"
        try:
            return requests.request(
                method, f"{self.url}/{path}", headers=headers, timeout=timeout or self.timeout, **kwargs
            )
        except requests.Timeout as exc:
            raise BackendUnavailable(f"The Budget API at {self.url} did not answer in time.") from exc
        except requests.RequestException as exc:
            raise BackendUnavailable(f"The Budget API at {self.url} cannot be reached.") from exc

    def _refresh(self) -> bool:
        """A new token pair from the refresh token; False (and no tokens) when it is refused."""
        refresh = self.tokens.get(REFRESH_KEY)
        if not refresh:
            return False
        response = self._send("POST", "token/refresh/", auth=False, json={"refresh": refresh})
        if response.status_code >= 500:
            raise error_from_response(response)
        if response.status_code != 200:
            self.forget_tokens()
            return False
        body = _json(response)
        self.tokens[ACCESS_KEY] = body["access"]
        self.tokens[REFRESH_KEY] = body.get("refresh", refresh)
        return True

    def resume(self, refresh: str) -> bool:
        """Start from a refresh token alone (the browser's cookie): True with a fresh (rotated) pair.

        False, and no tokens, when the API refuses it (expired, revoked, already used).
        """
        self.forget_tokens()
        self.tokens[REFRESH_KEY] = refresh
        try:
            if self._refresh():
                return True
        finally:
            if not self.signed_in:  # refused, or the API could not be asked: no half session
                self.forget_tokens()
        return False

    def request(self, method: str, path: str, *, auth: bool = True, raw: bool = False, **kwargs) -> Any:
        """Send one request; on a 401 refresh the access token once and retry.

        Returns the decoded JSON (None for an empty answer), or the response itself with `raw`.
        """
        if auth and not self.signed_in:
            raise SignedOut("Please sign in.", 401)
        response = self._send(method, path, auth=auth, **kwargs)
        if auth and response.status_code == 401:
            if not self._refresh():
                self.forget_tokens()
                raise SignedOut("Your session has ended; please sign in again.", 401)
            response = self._send(method, path, auth=auth, **kwargs)
            if response.status_code == 401:
                self.forget_tokens()
                raise SignedOut("Your session has ended; please sign in again.", 401)
        if not response.ok:
            raise error_from_response(response)
        if raw:
            return response
        if response.status_code == 204 or not response.content:
            return None
        return _json(response)

    # ----------------------------------------------------------------- account

    def sign_in(self, email: str, password: str) -> None:
        response = self._send("POST", "token/", auth=False, json={"email": email, "password": password})
        if response.status_code == 401:
            raise ApiError("Wrong email or password.", 401)
        if not response.ok:
            raise error_from_response(response)
        body = _json(response)
        self.tokens[ACCESS_KEY] = body["access"]
        self.tokens[REFRESH_KEY] = body["refresh"]

    def sign_up(self, email: str, password: str, full_name: str = "") -> dict:
        body = {"email": email, "password": password, "full_name": full_name}
        return self.request("POST", "auth/register/", auth=False, json=body)

    def sign_out(self) -> None:
        """Revoke the refresh token (best effort) and forget both tokens.

        An expired access token is refreshed first, which rotates the refresh token: the logout
        then names the new one, or it would stay valid.
        """
        try:
            if self.tokens.get(REFRESH_KEY) and self.signed_in:
                body = {"refresh": self.tokens[REFRESH_KEY]}
                response = self._send("POST", "auth/logout/", auth=True, json=body)
                if response.status_code == 401 and self._refresh():
                    body = {"refresh": self.tokens[REFRESH_KEY]}
                    self._send("POST", "auth/logout/", auth=True, json=body)
        except ApiError:
            pass  # Signing out must always work locally, even with the API down.
        finally:
            self.forget_tokens()

    def me(self) -> dict:
        return self.request("GET", "users/me/")

    def update_me(self, **fields) -> dict:
        return self.request("PATCH", "users/me/", json=fields)

    def change_password(self, old_password: str, new_password: str) -> None:
        body = {"old_password": old_password, "new_password": new_password}
        self.request("POST", "users/me/password/", json=body)

    def delete_account(self, password: str) -> None:
        self.request("DELETE", "users/me/", json={"password": password})
        self.forget_tokens()

    # ----------------------------------------------------------------- resources

    def _path(self, resource: str, item_id: str | None = None) -> str:
        if resource not in RESOURCES:
            raise ValueError(f"Unknown resource {resource!r}")
        return RESOURCES[resource] + (f"{item_id}/" if item_id else "")

    def _scoped(self, params: dict | None = None) -> dict:
        """The query of a collection endpoint or report: its parameters and the household."""
        return _clean({**(params or {}), "household": self.household})

    def page(self, resource: str, **params) -> dict:
        """One page of a list: {count, next, previous, results}."""
        return self.request("GET", self._path(resource), params=self._scoped(params))

    def list_all(self, resource: str, **params) -> list[dict]:
        """Every row of a list, following the pages (500 a page)."""
        rows: list[dict] = []
        number = 1
        while True:
            body = self.page(resource, page=number, page_size=500, **params)
            rows += body["results"]
            if not body.get("next"):
                return rows
            number += 1

    def create(self, resource: str, body: dict) -> dict:
        return self.request("POST", self._path(resource), params=self._scoped(), json=body)

    def update(self, resource: str, item_id: str, body: dict) -> dict:
        return self.request("PATCH", self._path(resource, item_id), json=body)

    def delete(self, resource: str, item_id: str) -> None:
        """Archives locations, buckets and categories; deletes transactions and transfers."""
        self.request("DELETE", self._path(resource, item_id))

    def allocation(self) -> dict:
        return self.request("GET", "buckets/allocation/", params=self._scoped())

    def export_transactions(self, **filters) -> bytes:
        """The filtered transactions as CSV bytes, from the API's streaming export."""
        response = self.request(
            "GET",
            "transactions/export/",
            params=self._scoped(filters),
            raw=True,
            stream=True,
            timeout=EXPORT_TIMEOUT_SECONDS,
        )
        return b"".join(_chunks(response))

    def report(self, kind: str, **period) -> dict:
        if kind not in REPORTS:
            raise ValueError(f"Unknown report {kind!r}")
        return self.request("GET", f"reports/{kind}/", params=self._scoped(period))

    def budget_history(self, budget_id: str, **months) -> dict:
        """{budget, category, periods: [...]} for `from`/`to` months (YYYY-MM)."""
        return self.request("GET", f"budgets/{budget_id}/history/", params=_clean(months))

    def notifications(self, unread: bool = False, page_size: int = 50) -> dict:
        """The signed-in user's notifications, newest first ({count, results, ...})."""
        return self.request(
            "GET", "notifications/", params=_clean({"unread": unread or None, "page_size": page_size})
        )

    def notification_read(self, notification_id: str) -> None:
        self.request("POST", f"notifications/{notification_id}/read/")

    def notifications_read_all(self) -> None:
        self.request("POST", "notifications/read-all/")


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise BackendUnavailable(f"The Budget API answered {response.status_code} without JSON.") from exc


def _clean(params: dict) -> dict:
    """Drop unset filters; send booleans as the API spells them."""
    cleaned = {}
    for key, value in params.items():
        if value is None or value == "":
            continue
        cleaned[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return cleaned


def _chunks(response: requests.Response) -> Iterator[bytes]:
    try:
        yield from response.iter_content(chunk_size=65536)
    except requests.RequestException as exc:
        raise BackendUnavailable("The export was cut off; try again.") from exc
