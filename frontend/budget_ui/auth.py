"""Who is signed in to this browser session, and signing in and out."""

import streamlit as st

from budget_ui import data
from budget_ui.api import USER_KEY, Api, ApiError, SignedOut


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
    """Revoke the refresh token and forget everything this browser session knew."""
    client().sign_out()
    forget_session()


def forget_session() -> None:
    """Tokens, the profile, cached API data and every page's state: the next person sees nothing."""
    data.forget()
    st.session_state.clear()
