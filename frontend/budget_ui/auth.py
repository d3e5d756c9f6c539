"""Who is signed in to this browser session, signing in and out, and the cookie that outlives the session.

The refresh token's cookie is explained in session_cookie.py. Here: a new session signs itself in
from the cookie once (`resume_from_cookie`), and every run ends by asking the browser to store the
session's current refresh token, or to drop it (`sync_cookie`).
"""

import streamlit as st

from budget_ui import data, session_cookie
from budget_ui.api import REFRESH_KEY, USER_KEY, Api, ApiError, BackendUnavailable, SignedOut

# What this session knows of the browser's cookie; kept when the rest of the session is forgotten.
COOKIE_STATE_KEY = "shell_cookie"


def client() -> Api:
    """The API client bound to this session's tokens."""
    return Api(st.session_state)


def user() -> dict | None:
    """The signed-in user's profile ({id, email, full_name, currency, date_joined}), or None."""
    if not client().signed_in:
        return None
    return st.session_state.get(USER_KEY)


def currency() -> str:
    return (user() or {}).get("currency") or "EUR"


def sign_in(email: str, password: str) -> None:
    """Start a session: tokens first, then the profile; a half-made session is undone."""
    forget_session()
    api = client()
    api.sign_in(email.strip(), password)
    try:
        st.session_state[USER_KEY] = api.me()
    except ApiError:
        api.forget_tokens()
        raise


def sign_up(email: str, password: str, full_name: str) -> None:
    client().sign_up(email.strip(), password, full_name.strip())
    sign_in(email, password)


def change_password(old_password: str, new_password: str) -> None:
    """Change the password, then sign this browser in again with the new one.

    The API ends every session of the account on a password change (ours included); signing in again
    keeps this person in. Should that fail, they are sent to the sign-in page with the reason.
    """
    email = user()["email"]
    data.write("change_password", old_password, new_password)
    try:
        sign_in(email, new_password)
    except ApiError as exc:
        forget_session()
        raise SignedOut(f"Your password was changed, but signing in again failed: {exc.message}") from exc


def remember_profile(profile: dict) -> None:
    st.session_state[USER_KEY] = profile


def sign_out() -> None:
    """Revoke the refresh token, forget everything this browser session knew, and drop the cookie.

    The cookie goes whatever it holds (another tab may have rotated it): signing out means this browser.
    """
    client().sign_out()
    forget_session()
    _cookie_state()["sign_out"] = True


def forget_session() -> None:
    """Tokens, the profile, cached API data and every page's state: the next person sees nothing.

    Only what the session knows of the cookie stays, so the cookie is cleared and not read again.
    """
    data.forget()
    cookie = st.session_state.get(COOKIE_STATE_KEY)
    st.session_state.clear()
    if cookie is not None:
        st.session_state[COOKIE_STATE_KEY] = cookie


# ---------------------------------------------------------------------- the refresh-token cookie


def browser_cookie() -> str | None:
    """The refresh token the browser sent when this session connected, if any."""
    value = st.context.cookies.get(session_cookie.COOKIE_NAME)
    return value if isinstance(value, str) and value else None  # AppTest's context is a mock


def _client_address() -> str | None:
    """The address the session's websocket came from (None on localhost and in AppTest)."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def _cookie_state() -> dict:
    """{"read": cookie read, "holds": token the cookie holds as far as we know, "ticket", "sign_out"}."""
    return st.session_state.setdefault(COOKIE_STATE_KEY, {"read": False, "holds": None, "ticket": None})


def resume_from_cookie() -> None:
    """Once a session: sign in with the cookie's refresh token (rotating it), or note it was refused.

    The browser sent the cookie with the websocket's handshake, so `st.context.cookies` keeps that
    value for the whole session; reading it again after a rotation or a sign-out would be stale.
    An API that cannot be reached raises BackendUnavailable and the cookie is tried again next run.
    """
    state = _cookie_state()
    if state["read"]:
        return
    token = browser_cookie()
    if token is None or client().signed_in:
        state["read"] = True
        return
    api = client()
    resumed = api.resume(token)
    state.update(read=True, holds=token)
    if resumed:
        try:
            remember_profile(api.me())
        except BackendUnavailable:
            raise  # the rotated tokens stay: the cookie gets the new one, a sign-in or reload goes on
        except (ApiError, SignedOut):
            api.forget_tokens()


def sync_cookie(slot) -> None:
    """Ask the browser (through `slot`) to store this session's refresh token, or to drop it.

    A rotation (sign-in, a refresh, a new session from the cookie) files a ticket to set the cookie;
    a session without tokens files one to clear it: unconditionally after a sign-out, and only while
    it still holds the refused token otherwise. The ticket's script is drawn until it is redeemed.
    """
    state = _cookie_state()
    token = st.session_state.get(REFRESH_KEY)
    signed_out_here = state.pop("sign_out", False)
    if token != state["holds"] or (signed_out_here and token is None):
        only_if = None if token or signed_out_here else state["holds"]
        ticket = session_cookie.file_ticket(token, only_if=only_if, client=_client_address())
        state.update(holds=token, ticket=ticket)
    ticket = state["ticket"]
    if ticket and session_cookie.pending(ticket):
        with slot:
            st.html(session_cookie.redeem_script(ticket), unsafe_allow_javascript=True)
    else:
        state["ticket"] = None
