"""A reload against the real API: a new session signs in from the cookie's refresh token and rotates it.

The cookie itself is the browser's (browser_check.py); here `auth.browser_cookie` hands the new
session what the first one asked the browser to store, and the live API judges the tokens.
"""

import requests

from budget_ui import auth, session_cookie
from tests.e2e.conftest import Ui

EMAIL = "reload@example.com"


def stored_token(ui: Ui) -> str:
    """The refresh token the session's pending ticket asks the browser to keep (None: to drop)."""
    name = ui.at.session_state[auth.COOKIE_STATE_KEY]["ticket"]
    return session_cookie._tickets[name].token


def refresh_status(api_url: str, token: str) -> int:
    return requests.post(f"{api_url}/token/refresh/", json={"refresh": token}, timeout=10).status_code


def test_reload_signs_in_from_the_cookie_rotates_it_and_sign_out_revokes_it(ui, api_url, monkeypatch):
    ui.sign_up(EMAIL, "Reload Check")
    first = stored_token(ui)
    assert first == ui.at.session_state["auth_refresh"]

    monkeypatch.setattr(auth, "browser_cookie", lambda: first)  # the reload sends the cookie
    reloaded = Ui(api_url)
    reloaded.run()
    reloaded.assert_no_error()
    assert reloaded.signed_in_as() == EMAIL
    assert reloaded.at.title[0].value == "Overview"
    second = stored_token(reloaded)
    assert second not in (None, first)
    assert refresh_status(api_url, first) == 401  # rotated: the old cookie value is spent

    reloaded.sign_out()
    assert stored_token(reloaded) is None
    assert refresh_status(api_url, second) == 401  # revoked at sign-out
