"""The shell: every page's URL signed out, the session from the browser's cookie, the cookie kept in step.

AppTest cannot send cookies, so `auth.browser_cookie` stands in for `st.context.cookies`; what the
browser does with the ticket is the browser check's part (browser_shell.py), the route's is
test_session_cookie.py's.
"""

import pytest
import requests

from budget_ui import auth, session_cookie
from tests import answers as a
from tests.helpers import USER, app, assert_clean, body, button, calls, open_page, state, texts, url

NEW = {"access": "access-2", "refresh": "refresh-2"}


@pytest.fixture
def cookie(monkeypatch):
    """`cookie("refresh-old")`: the browser sent that refresh token with the session's first request."""

    def send(token):
        monkeypatch.setattr(auth, "browser_cookie", lambda: token)

    return send


def _overview_answers(api):
    api.get(url("reports/summary/"), json=a.summary_report(a.current("10.00", locations=[("ING", "10.00")])))
    api.get(url("buckets/allocation/"), json=a.allocation())
    api.get(url("reports/summary/"), json=a.summary_report(a.current("10.00", locations=[("ING", "10.00")])))


def ticket(at) -> session_cookie.Ticket:
    """What the ticket drawn on the page asks the cookie route to do; exactly one is drawn."""
    [html] = [element for element in at.get("html") if session_cookie.ROUTE_PATH in element.proto.body]
    name = state(at, auth.COOKIE_STATE_KEY)["ticket"]
    assert name in html.proto.body
    return session_cookie._tickets[name]


def drawn_tickets(at) -> int:
    return sum(session_cookie.ROUTE_PATH in element.proto.body for element in at.get("html"))


def _sign_in_form(at):
    at.text_input(key="signin_email").input("ana@example.com")
    at.text_input(key="signin_password").input("secret-pass-1")
    return button(at, "Sign in").click().run()


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("transactions", "Transactions"),
        ("setup", "Budget setup"),
        ("yearly", "Yearly report"),
        ("historical", "Historical report"),
        ("account", "Account"),
    ],
)
def test_signed_out_page_url_signs_in_on_that_page(api, page, title):
    """A reload or link to any page, signed out: sign-in under that URL, then that page (not Overview)."""
    api.post(url("token/"), json=NEW)
    api.get(url("users/me/"), json=USER)  # the page's own reads are not answered: only its title counts
    at = app().switch_page(f"app_pages/{page}.py").run()
    assert_clean(at)
    assert texts(at.title) == ["Budget"]
    assert calls(api, "POST", "token/") == []
    at = _sign_in_form(at)
    assert texts(at.title)[0] == title


def test_deep_link_opens_its_page_with_its_query_after_sign_in(api):
    api.post(url("token/"), json=NEW)
    api.get(url("users/me/"), json=USER)
    api.get(url("reports/monthly/"), json=a.monthly(2025, 7))
    at = app().switch_page("app_pages/monthly.py")
    at.query_params["month"] = "2025-07"
    at = _sign_in_form(at.run())
    assert_clean(at)
    assert texts(at.title) == ["Monthly report"]
    assert at.query_params["month"] == "2025-07"
    assert ticket(at).token == "refresh-2"  # the browser is asked to keep the new session


def test_new_session_signs_in_from_the_cookie_and_stores_the_rotated_token(api, cookie):
    cookie("refresh-old")
    api.post(url("token/refresh/"), json=NEW)
    api.get(url("users/me/"), json=USER)
    _overview_answers(api)
    at = app().run()
    assert_clean(at)
    assert texts(at.title) == ["Overview"]
    [refresh] = calls(api, "POST", "token/refresh/")
    assert body(refresh) == {"refresh": "refresh-old"}
    assert (state(at, "auth_access"), state(at, "auth_refresh")) == ("access-2", "refresh-2")
    assert ticket(at).token == "refresh-2"


def test_refused_cookie_shows_sign_in_and_clears_only_that_token(api, cookie):
    cookie("refresh-old")
    api.post(url("token/refresh/"), status=401, json={"detail": "Token is blacklisted"})
    at = app().run()
    assert_clean(at)
    assert texts(at.title) == ["Budget"]
    assert not calls(api, "GET", "users/me/")
    assert (ticket(at).token, ticket(at).only_if) == (None, "refresh-old")  # another tab may have rotated it


def test_cookie_is_read_once_a_session(api, cookie):
    """After a sign-out the session's cookie (read at connection) is stale: it is not tried again."""
    cookie("refresh-old")
    api.post(url("token/refresh/"), json=NEW)
    api.get(url("users/me/"), json=USER)
    api.post(url("auth/logout/"), status=204)
    _overview_answers(api)
    at = app().run()
    at = at.sidebar.button(key="app_sign_out").click().run()
    at = at.run()
    assert_clean(at)
    assert texts(at.title) == ["Budget"]
    assert len(calls(api, "POST", "token/refresh/")) == 1
    assert body(calls(api, "POST", "auth/logout/")[0]) == {"refresh": "refresh-2"}
    assert (ticket(at).token, ticket(at).only_if) == (None, None)  # signing out clears whatever it holds


def test_refresh_during_a_page_files_the_rotated_token(api):
    api.get(url("reports/summary/"), status=401, json={"detail": "expired"})
    api.post(url("token/refresh/"), json=NEW)
    api.get(url("reports/summary/"), json=a.summary_report(a.current("1.00", locations=[("ING", "1.00")])))
    api.get(url("buckets/allocation/"), json=a.allocation())
    at = open_page("overview")
    assert_clean(at)
    assert ticket(at).token == "refresh-2"


def test_ticket_is_drawn_until_redeemed_and_not_refiled(api):
    _overview_answers(api)
    at = open_page("overview")
    first = state(at, auth.COOKIE_STATE_KEY)["ticket"]
    at = at.run()
    assert state(at, auth.COOKIE_STATE_KEY)["ticket"] == first
    assert drawn_tickets(at) == 1
    session_cookie._redeem(first)  # what the route does when the browser posts it
    at = at.run()
    assert drawn_tickets(at) == 0
    assert state(at, auth.COOKIE_STATE_KEY)["ticket"] is None


@pytest.mark.parametrize(
    "profile",
    [{"status": 401, "json": {"detail": "User not found"}}, {"status": 404, "json": {"detail": "Gone."}}],
    ids=["401", "404"],
)
def test_cookie_whose_profile_is_refused_shows_sign_in(api, cookie, profile):
    cookie("refresh-old")
    api.post(url("token/refresh/"), json=NEW)
    api.get(url("users/me/"), **profile)
    at = app().run()
    assert_clean(at)
    assert texts(at.title) == ["Budget"]
    assert state(at, "auth_access") is None


def test_api_down_for_the_profile_keeps_the_rotated_token_in_the_cookie(api, cookie):
    cookie("refresh-old")
    api.post(url("token/refresh/"), json=NEW)
    api.get(url("users/me/"), status=503)
    at = app().run()
    assert not at.exception
    assert "failed (503)" in texts(at.error)[0]
    assert ticket(at).token == "refresh-2"  # the old one is spent; a reload signs in with the new one


def test_api_down_while_resuming_keeps_the_cookie_for_the_next_run(api, cookie):
    cookie("refresh-old")
    api.post(url("token/refresh/"), body=requests.ConnectionError("refused"))
    at = app().run()
    assert not at.exception
    [banner] = texts(at.error)
    assert "cannot be reached" in banner
    assert texts(at.title) == ["Budget"]
    assert state(at, auth.COOKIE_STATE_KEY)["read"] is False
    assert drawn_tickets(at) == 0  # nothing is cleared: the token was not refused
