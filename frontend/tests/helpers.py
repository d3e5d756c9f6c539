"""Driving the app with AppTest and reading what it sent to the mocked API."""

import json
import math
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import responses
from streamlit.testing.v1 import AppTest

from tests import answers as a

API = "http://api.test/api"
APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")

USER = {
    "id": "11111111-1111-1111-1111-111111111111",
    "email": "ana@example.com",
    "full_name": "Ana Pop",
    "currency": "EUR",
    "date_joined": "2024-01-01T00:00:00Z",
    "default_household": a.HOUSEHOLD_ID,
}


def app(user: dict | None = None, access: str = "access-1", refresh: str = "refresh-1") -> AppTest:
    """The whole app, signed in as `user` (signed out with None), not yet run."""
    at = AppTest.from_file(APP, default_timeout=30)
    if user is not None:
        at.session_state["auth_access"] = access
        at.session_state["auth_refresh"] = refresh
        at.session_state["auth_user"] = dict(user)
    return at


def open_page(page: str, user: dict | None = USER, **tokens) -> AppTest:
    """The app signed in as `user`, switched to app_pages/<page>.py and run once."""
    return app(user, **tokens).switch_page(f"app_pages/{page}.py").run()


def url(path: str) -> str:
    return f"{API}/{path}"


def calls(mock, method: str, path: str) -> list:
    """The calls made to one endpoint, whatever their query string."""
    wanted = urlsplit(url(path)).path
    return [c for c in mock.calls if c.request.method == method and urlsplit(c.request.url).path == wanted]


def households_answer(api, households: list[dict]) -> None:
    """What GET households/ answers (the sidebar's switcher and the role checks)."""
    api.replace(responses.GET, url("households/"), json=a.paginated(households))


SIDEBAR_PATHS = {urlsplit(url("households/")).path, urlsplit(url("notifications/")).path}


def page_calls(api) -> list:
    """The calls a page made, without the sidebar's (the switcher's households, the unread count)."""
    return [c for c in api.calls if urlsplit(c.request.url).path not in SIDEBAR_PATHS]


def body(call) -> dict:
    return json.loads(call.request.body)


def query(call) -> dict:
    """The call's query string as {name: value}, without the household (see `household_of`)."""
    params = {name: values[0] for name, values in parse_qs(urlsplit(call.request.url).query).items()}
    params.pop("household", None)
    return params


def household_of(call) -> str | None:
    """The household a call named (`?household=`)."""
    return parse_qs(urlsplit(call.request.url).query).get("household", [None])[0]


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def state(at, key: str, default=None):
    """A session state value, or `default` when the key is not set."""
    return at.session_state.get(key, default)


def assert_clean(at) -> None:
    """No exception and no error banner on the page."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, texts(at.error)


def button(at, label: str):
    """The button (or form submit button) with this label; there must be exactly one."""
    [found] = [b for b in at.button if b.label == label]
    return found


def charts(at) -> list[dict]:
    """Every Plotly chart on the page as its figure's JSON."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


# ---------------------------------------------------------------------- the Transactions page's answers


def ledger_rows(n: int) -> list[dict]:
    return [a.transaction(id=f"d0000000-0000-0000-0000-{i:012d}", description=f"Row {i}") for i in range(n)]


def ledger_lookups(api) -> None:
    """Two locations, two buckets (60 % and 40 %) and the three categories."""
    api.get(url("locations/"), json=a.paginated([a.location("ING"), a.location("Cash", id_=a.CASH_ID)]))
    buckets = [a.bucket("Necessities", share="60.00"), a.bucket("Savings", id_=a.SAVINGS_ID, share="40.00")]
    api.get(url("buckets/"), json=a.paginated(buckets))
    api.get(url("categories/"), json=a.paginated(a.CATEGORIES))


def ledger_answers(api, rows: list[dict] | None = None, count: int | None = None) -> None:
    """What the Transactions page reads; every list query gets `rows` (one transaction by default)."""
    ledger_lookups(api)
    api.get(url("transactions/"), json=a.paginated([a.transaction()] if rows is None else rows, count))


def ledger_pages(api, count: int) -> None:
    """GET transactions/ paged as DRF pages it: a page past the last one is a 404 "Invalid page."."""

    def answer(request):
        params = {name: values[0] for name, values in parse_qs(urlsplit(request.url).query).items()}
        number, size = int(params["page"]), int(params["page_size"])
        if number > max(1, math.ceil(count / size)):
            return 404, {}, json.dumps({"detail": "Invalid page."})
        first = (number - 1) * size
        return 200, {}, json.dumps(a.paginated(ledger_rows(min(size, count - first)), count))

    api.add_callback(responses.GET, url("transactions/"), callback=answer, content_type="application/json")


def last_list_query(api) -> dict:
    """The query string of the page's latest GET transactions/."""
    return query(calls(api, "GET", "transactions/")[-1])
