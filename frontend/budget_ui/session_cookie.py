"""The refresh token in an HttpOnly cookie, set and cleared by the Streamlit server itself.

Why a ticket: a Streamlit script talks to the browser over a websocket, which cannot set cookies,
and the token must never reach the page (no URL, no storage or DOM a page script can read). So:

1. When this session's refresh token differs from what the cookie holds (signed in, rotated by a
   refresh, signed out), the script files a *ticket* here: a random, single-use name for "set the
   cookie to T" or "clear it", kept in this process for `TICKET_SECONDS`, and redeemable only from
   the address the session's websocket came from (when Streamlit knows it: not on localhost).
2. The shell draws a few lines of JavaScript holding only the ticket, which POST it to
   `/_budget/session` on the same origin.
3. That route (a Starlette route mounted by `st.App` in server.py, same process) redeems the ticket
   and answers 204 with `Set-Cookie: budget_refresh=T; HttpOnly; SameSite=Strict; Path=/`
   (`Secure` over https or with BUDGET_COOKIE_SECURE=true), or with the cookie's deletion.
4. A new session (a reload, a link, a new tab) reads the cookie from `st.context.cookies` (the
   browser sends it with the websocket handshake) and refreshes with it; the rotated token goes
   back into the cookie by step 1.

A refused refresh clears the cookie only while it still holds the refused token; when it holds
another one, a newer session of the same browser (another tab) has rotated it since, so the route
answers `X-Budget-Session: newer` and the page reloads: its new session signs in with that token,
on the same URL, instead of leaving this tab signed out. Signing out clears the cookie whatever it
holds.
"""

import os
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

COOKIE_NAME = "budget_refresh"
ROUTE_PATH = "/_budget/session"
NEWER_HEADER = "X-Budget-Session"  # "newer": the cookie holds a token newer than the refused one
TICKET_SECONDS = 120
DEFAULT_REFRESH_DAYS = 7


@dataclass(frozen=True)
class Ticket:
    token: str | None  # the refresh token to store; None clears the cookie
    only_if: str | None  # clear only while the cookie holds this token (None: whatever it holds)
    expires: float
    client: str | None = None  # the session's remote address; only it may redeem (None: not known)


_tickets: dict[str, Ticket] = {}
_lock = threading.Lock()


def file_ticket(token: str | None, *, only_if: str | None = None, client: str | None = None) -> str:
    """A single-use ticket that sets the cookie to `token`, or clears it when `token` is None.

    With `client` (the address the session's websocket came from), a ticket read off the page by
    someone elsewhere cannot be redeemed there to obtain the token.
    """
    name = secrets.token_urlsafe(32)
    now = time.monotonic()
    with _lock:
        for old in [n for n, t in _tickets.items() if t.expires < now]:
            del _tickets[old]
        _tickets[name] = Ticket(token, only_if, now + TICKET_SECONDS, client)
    return name


def pending(name: str) -> bool:
    """Whether the ticket still waits for the browser (not redeemed, not expired)."""
    with _lock:
        ticket = _tickets.get(name)
    return ticket is not None and ticket.expires >= time.monotonic()


def _redeem(name: str) -> Ticket | None:
    with _lock:
        ticket = _tickets.pop(name, None)
    if ticket is None or ticket.expires < time.monotonic():
        return None
    return ticket


def _secure(request: Request) -> bool:
    """Secure cookies in production: BUDGET_COOKIE_SECURE=true/false decides; unset, https does."""
    setting = os.environ.get("BUDGET_COOKIE_SECURE", "").strip().lower()
    if setting:
        return setting in ("1", "true", "yes", "on")
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip()
    return (forwarded or request.url.scheme) == "https"


def max_age() -> int:
    """As long as the API keeps a refresh token valid (REFRESH_TOKEN_DAYS, as the backend reads it)."""
    try:
        days = int(os.environ.get("REFRESH_TOKEN_DAYS", DEFAULT_REFRESH_DAYS))
    except ValueError:
        days = DEFAULT_REFRESH_DAYS
    return days * 24 * 3600


def _same_origin(request: Request) -> bool:
    """A browser names the page's origin on a POST; a page of another site may not redeem tickets."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host")


async def session_endpoint(request: Request) -> Response:
    """POST {"ticket": name}: set or clear the refresh-token cookie as the ticket says; 204."""
    if not _same_origin(request):
        return JSONResponse({"detail": "Cross-site request refused."}, status_code=403)
    try:
        body = await request.json()
    except ValueError:
        body = None
    name = body.get("ticket") if isinstance(body, dict) else None
    ticket = _redeem(name) if isinstance(name, str) else None
    if ticket is None:
        return JSONResponse({"detail": "Unknown or expired ticket."}, status_code=400)
    if ticket.client is not None and (request.client is None or request.client.host != ticket.client):
        return JSONResponse({"detail": "This ticket belongs to another connection."}, status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    attributes = {"path": "/", "httponly": True, "samesite": "strict", "secure": _secure(request)}
    held = request.cookies.get(COOKIE_NAME)
    if ticket.token is not None:
        response.set_cookie(COOKIE_NAME, ticket.token, max_age=max_age(), **attributes)
    elif ticket.only_if is None or held == ticket.only_if:
        response.delete_cookie(COOKIE_NAME, **attributes)
    elif held:
        response.headers[NEWER_HEADER] = "newer"
    return response


def routes() -> list[Route]:
    """The Starlette routes server.py hands to `st.App`."""
    return [Route(ROUTE_PATH, session_endpoint, methods=["POST"])]


def redeem_script(ticket: str) -> str:
    """The JavaScript the shell draws: it carries the ticket, never the token.

    It reloads the page when the route says another tab holds a newer session (see above).
    """
    return (
        "<script>fetch(" + repr(ROUTE_PATH) + ", {method: 'POST', credentials: 'same-origin', "
        "headers: {'Content-Type': 'application/json'}, body: JSON.stringify({ticket: "
        + repr(ticket)
        + "})}).then(answer => { if (answer.headers.get("
        + repr(NEWER_HEADER)
        + ") === 'newer') window.location.reload(); });</script>"
    )
