"""The sign-in gate: signing in and up, failures of the API, expired sessions and signing out."""

import requests
from responses import matchers

from tests import answers as a
from tests.helpers import (
    USER,
    app,
    assert_clean,
    body,
    button,
    calls,
    metric,
    open_page,
    state,
    texts,
    url,
)

TOKENS = {"access": "access-new", "refresh": "refresh-new"}


def _overview_answers(api, net="10.00"):
    current = a.current(net, locations=[("ING", net)], buckets=[("Fun", net)])
    api.get(url("reports/summary/"), json=a.summary_report(current))
    api.get(url("buckets/allocation/"), json=a.allocation())


def _sign_in_form(at, email="ana@example.com", password="secret-pass-1"):
    at.text_input(key="signin_email").input(email)
    at.text_input(key="signin_password").input(password)
    return button(at, "Sign in").click().run()


def test_app_signed_out_shows_sign_in_page(api):
    at = app().run()
    assert_clean(at)
    assert texts(at.title) == ["Budget"]
    assert at.text_input(key="signin_email").value == ""
    assert not api.calls


def test_sign_in_gets_tokens_then_profile_and_opens_overview(api):
    api.post(url("token/"), json=TOKENS)
    api.get(
        url("users/me/"), json=USER, match=[matchers.header_matcher({"Authorization": "Bearer access-new"})]
    )
    _overview_answers(api, "42.00")
    at = _sign_in_form(app().run())
    assert_clean(at)
    assert [c.request.url for c in api.calls[:2]] == [url("token/"), url("users/me/")]
    assert body(api.calls[0]) == {"email": "ana@example.com", "password": "secret-pass-1"}
    assert texts(at.title) == ["Overview"]
    assert metric(at, "Net balance") == "€42.00"
    assert at.session_state["auth_access"] == "access-new"
    assert at.session_state["auth_refresh"] == "refresh-new"
    assert at.session_state["auth_user"] == USER


def test_sign_in_wrong_password_shows_message(api):
    api.post(url("token/"), status=401, json={"detail": "No active account found with the given credentials"})
    at = _sign_in_form(app().run(), password="wrong")
    assert texts(at.error) == ["Wrong email or password."]
    assert texts(at.title) == ["Budget"]
    assert not calls(api, "GET", "users/me/")
    assert state(at, "auth_access") is None


def test_sign_in_empty_fields_sends_nothing(api):
    at = _sign_in_form(app().run(), email="", password="")
    assert texts(at.error) == ["Enter your email and password."]
    assert not api.calls


def test_sign_up_registers_then_signs_in(api):
    api.post(
        url("auth/register/"), status=201, json={k: USER[k] for k in ("id", "email", "full_name", "currency")}
    )
    api.post(url("token/"), json=TOKENS)
    api.get(url("users/me/"), json=USER)
    _overview_answers(api)
    at = app().run()
    at.text_input(key="signup_full_name").input(" Ana Pop ")
    at.text_input(key="signup_email").input("ana@example.com")
    at.text_input(key="signup_password").input("Violet-Harbour-91")
    at.text_input(key="signup_confirm").input("Violet-Harbour-91")
    at = button(at, "Create account").click().run()
    assert_clean(at)
    assert [c.request.url for c in api.calls[:3]] == [url("auth/register/"), url("token/"), url("users/me/")]
    assert body(api.calls[0]) == {
        "email": "ana@example.com",
        "password": "Violet-Harbour-91",
        "full_name": "Ana Pop",
    }
    assert body(api.calls[1]) == {"email": "ana@example.com", "password": "Violet-Harbour-91"}
    assert texts(at.title) == ["Overview"]


def test_sign_up_refused_shows_api_message(api):
    api.post(url("auth/register/"), status=400, json={"password": ["This password is too common."]})
    at = app().run()
    at.text_input(key="signup_email").input("ana@example.com")
    at.text_input(key="signup_password").input("password")
    at.text_input(key="signup_confirm").input("password")
    at = button(at, "Create account").click().run()
    assert texts(at.error) == ["Password: This password is too common."]
    assert not calls(api, "POST", "token/")


def test_sign_up_mismatched_passwords_sends_nothing(api):
    at = app().run()
    at.text_input(key="signup_email").input("ana@example.com")
    at.text_input(key="signup_password").input("Violet-Harbour-91")
    at.text_input(key="signup_confirm").input("Violet-Harbour-92")
    at = button(at, "Create account").click().run()
    assert texts(at.error) == ["The two passwords differ."]
    assert not api.calls


def test_app_api_down_shows_one_banner(api):
    api.get(url("reports/summary/"), body=requests.ConnectionError("refused"))
    at = open_page("overview")
    assert not at.exception
    [banner] = texts(at.error)
    assert "cannot be reached" in banner
    assert "http://api.test/api" in banner


def test_app_server_error_shows_one_banner(api):
    api.get(url("reports/summary/"), status=500, body="boom")
    at = open_page("overview")
    assert not at.exception
    assert texts(at.error) == [
        "The Budget API failed (500). Try again in a moment; if it persists, check its log. "
        "Start it with `make run`, or point BUDGET_API_URL at it."
    ]


def test_app_expired_session_returns_to_sign_in_with_notice(api):
    api.get(url("reports/summary/"), status=401, json={"detail": "Token is invalid or expired"})
    api.post(url("token/refresh/"), status=401, json={"detail": "Token is blacklisted"})
    at = open_page("overview")
    assert not at.exception
    assert texts(at.title) == ["Budget"]
    assert texts(at.warning) == ["Your session has ended; please sign in again."]
    assert state(at, "auth_access") is None
    assert state(at, "auth_refresh") is None
    assert state(at, "auth_user") is None
    [refresh] = calls(api, "POST", "token/refresh/")
    assert body(refresh) == {"refresh": "refresh-1"}


def test_app_refreshed_session_renders_with_new_token(api):
    old = [matchers.header_matcher({"Authorization": "Bearer access-1"})]
    new = [matchers.header_matcher({"Authorization": "Bearer access-2"})]
    api.get(url("reports/summary/"), status=401, json={"detail": "expired"}, match=old)
    api.post(url("token/refresh/"), json={"access": "access-2", "refresh": "refresh-2"})
    api.get(
        url("reports/summary/"),
        json=a.summary_report(a.current("7.00", locations=[("ING", "7.00")], buckets=[("Fun", "7.00")])),
        match=new,
    )
    api.get(url("buckets/allocation/"), json=a.allocation(), match=new)
    at = open_page("overview")
    assert_clean(at)
    assert metric(at, "Net balance") == "€7.00"
    assert at.session_state["auth_access"] == "access-2"
    assert at.session_state["auth_refresh"] == "refresh-2"
    assert len(calls(api, "POST", "token/refresh/")) == 1


def test_app_sign_out_revokes_and_forgets_everything(api):
    _overview_answers(api)
    api.post(url("auth/logout/"), status=204)
    at = open_page("overview")
    at.session_state["overview_scratch"] = "left behind"
    at = at.sidebar.button(key="app_sign_out").click().run()
    assert_clean(at)
    [logout] = calls(api, "POST", "auth/logout/")
    assert body(logout) == {"refresh": "refresh-1"}
    assert logout.request.headers["Authorization"] == "Bearer access-1"
    assert texts(at.title) == ["Budget"]
    assert [
        k for k in ("auth_access", "auth_refresh", "auth_user", "overview_scratch") if k in at.session_state
    ] == []


def test_app_sign_out_works_with_api_down(api):
    _overview_answers(api)
    api.post(url("auth/logout/"), body=requests.ConnectionError("refused"))
    at = open_page("overview").sidebar.button(key="app_sign_out").click().run()
    assert_clean(at)
    assert texts(at.title) == ["Budget"]
    assert state(at, "auth_access") is None


def test_guide_reachable_signed_out(api):
    at = app().switch_page("app_pages/guide.py").run()
    assert_clean(at)
    assert texts(at.title) == ["Guide"]
    assert not api.calls


def test_guide_reachable_signed_in(api):
    at = open_page("guide")
    assert_clean(at)
    assert texts(at.title) == ["Guide"]
    assert "Signed in as `ana@example.com`" in texts(at.sidebar.caption)
