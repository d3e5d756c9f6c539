"""The session cookie's route: tickets set and clear an HttpOnly, SameSite=Strict cookie, once each."""

import subprocess
import sys
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from budget_ui import session_cookie as sc

FRONTEND = Path(__file__).resolve().parents[1]


@pytest.fixture
def client(monkeypatch):
    monkeypatch.delenv("BUDGET_COOKIE_SECURE", raising=False)
    monkeypatch.delenv("REFRESH_TOKEN_DAYS", raising=False)
    return TestClient(Starlette(routes=sc.routes()), base_url="http://app.test")


def redeem(client, ticket, **kwargs):
    return client.post(sc.ROUTE_PATH, json={"ticket": ticket}, **kwargs)


def attributes(response) -> set[str]:
    """The Set-Cookie header's attributes, lower-cased, without the value and the expiry date."""
    [header] = response.headers.get_list("set-cookie")
    parts = [part.strip().lower() for part in header.split(";")]
    return {part for part in parts[1:] if not part.startswith("expires=")} | {parts[0].split("=")[0]}


def test_set_ticket_stores_the_token_in_an_httponly_strict_cookie(client):
    response = redeem(client, sc.file_ticket("refresh-1"))
    assert response.status_code == 204
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["set-cookie"].startswith("budget_refresh=refresh-1;")
    assert attributes(response) == {
        "budget_refresh",
        "httponly",
        "samesite=strict",
        "path=/",
        "max-age=604800",
    }
    assert client.cookies["budget_refresh"] == "refresh-1"


def test_ticket_works_once(client):
    ticket = sc.file_ticket("refresh-1")
    assert redeem(client, ticket).status_code == 204
    again = redeem(client, ticket)
    assert again.status_code == 400
    assert again.json() == {"detail": "Unknown or expired ticket."}
    assert "set-cookie" not in again.headers
    assert not sc.pending(ticket)


def test_expired_ticket_is_refused(client, monkeypatch):
    ticket = sc.file_ticket("refresh-1")
    later = sc.time.monotonic() + sc.TICKET_SECONDS + 1
    monkeypatch.setattr(sc.time, "monotonic", lambda: later)
    assert not sc.pending(ticket)
    assert redeem(client, ticket).status_code == 400


@pytest.mark.parametrize(
    "body", [None, b"not json", b"[]", b'{"ticket": 7}', b'{"ticket": "unknown"}'], ids=repr
)
def test_bad_requests_are_a_400_and_set_nothing(client, body):
    response = client.post(sc.ROUTE_PATH, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "set-cookie" not in response.headers


def test_only_post(client):
    assert client.get(sc.ROUTE_PATH).status_code == 405


def test_another_site_cannot_redeem_a_ticket(client):
    ticket = sc.file_ticket("refresh-1")
    refused = redeem(client, ticket, headers={"origin": "https://evil.example"})
    assert refused.status_code == 403
    assert "set-cookie" not in refused.headers
    assert redeem(client, ticket, headers={"origin": "http://app.test"}).status_code == 204


def test_ticket_bound_to_an_address_is_redeemed_from_there_only(client):
    """The TestClient connects from "testclient"; a ticket read off the page is useless elsewhere."""
    stolen = sc.file_ticket("refresh-1", client="203.0.113.9")
    refused = redeem(client, stolen)
    assert refused.status_code == 403
    assert "set-cookie" not in refused.headers
    assert redeem(client, stolen).status_code == 400  # and it is spent
    assert redeem(client, sc.file_ticket("refresh-1", client="testclient")).status_code == 204


def test_clear_ticket_deletes_the_cookie(client):
    redeem(client, sc.file_ticket("refresh-1"))
    response = redeem(client, sc.file_ticket(None))
    assert response.status_code == 204
    assert {"max-age=0", "httponly", "samesite=strict", "path=/"} <= attributes(response)
    assert "budget_refresh" not in client.cookies


@pytest.mark.parametrize(
    ("holds", "cleared", "newer"),
    [("refresh-1", True, None), ("refresh-2", False, "newer"), (None, False, None)],
)
def test_conditional_clear_only_drops_the_refused_token(client, holds, cleared, newer):
    """A refused refresh clears the cookie only if no other tab has stored a newer token since.

    When one has, the answer says so: the page reloads and signs in with it.
    """
    if holds:
        redeem(client, sc.file_ticket(holds))
    response = redeem(client, sc.file_ticket(None, only_if="refresh-1"))
    assert response.status_code == 204
    assert ("set-cookie" in response.headers) == cleared
    assert ("budget_refresh" in client.cookies) == bool(holds and not cleared)
    assert response.headers.get("x-budget-session") == newer


@pytest.mark.parametrize(
    ("setting", "base_url", "headers", "secure"),
    [
        ("", "http://app.test", {}, False),
        ("", "https://app.test", {}, True),
        ("", "http://app.test", {"x-forwarded-proto": "https"}, True),
        ("true", "http://app.test", {}, True),
        ("false", "https://app.test", {}, False),
    ],
)
def test_secure_in_production(monkeypatch, setting, base_url, headers, secure):
    monkeypatch.setenv("BUDGET_COOKIE_SECURE", setting)
    client = TestClient(Starlette(routes=sc.routes()), base_url=base_url)
    response = redeem(client, sc.file_ticket("refresh-1"), headers=headers)
    assert ("secure" in attributes(response)) == secure


def test_cookie_lives_as_long_as_the_refresh_token(client, monkeypatch):
    monkeypatch.setenv("REFRESH_TOKEN_DAYS", "30")
    assert "max-age=2592000" in attributes(redeem(client, sc.file_ticket("refresh-1")))


def test_script_carries_the_ticket_only():
    ticket = sc.file_ticket("refresh-secret")
    script = sc.redeem_script(ticket)
    assert ticket in script
    assert sc.ROUTE_PATH in script
    assert "refresh-secret" not in script
    assert "'X-Budget-Session') === 'newer') window.location.reload()" in script


def test_server_mounts_the_route_beside_streamlit():
    """server.py builds the st.App (in a process of its own: st.App pins process-wide config)."""
    code = "import server; print([route.path for route in server.app._user_routes])"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=FRONTEND, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "['/_budget/session']"
