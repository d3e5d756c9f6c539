"""Which household the pages show, and what the signed-in user's role there lets them do.

The sidebar's switcher (`switcher`) keeps the chosen household's id in the session under
data.HOUSEHOLD_KEY and in the URL (`?household=`), so a reload or a shared link keeps it; every read
and write in data.py asks about that household. The role comes from the households list.
"""

import pandas as pd
import streamlit as st

from budget_ui import data
from budget_ui.api import USER_KEY, ApiError

OWNER, EDITOR, VIEWER = "OWNER", "EDITOR", "VIEWER"
ROLES = (OWNER, EDITOR, VIEWER)
ROLE_LABELS = {OWNER: "Owner", EDITOR: "Editor", VIEWER: "Viewer"}
VIEWER_NOTE = "You can view this household; an owner can make you an editor."
OWNER_NOTE = "Only an owner can change members, invitations, the name or delete the household."
# The household an accepted invitation has just joined: the switcher opens on it once.
SWITCH_TO_KEY = "household_switch_to"


def role_label(role: str) -> str:
    return ROLE_LABELS.get(str(role).upper(), str(role).capitalize())


def labels(households: list[dict]) -> dict[str, str]:
    """id -> what the switcher shows, which is also what the URL keeps (`?household=Family`):
    a name two of my households share gets its id's start, so each label names one household."""
    names = [h["name"] for h in households]
    return {
        str(h["id"]): h["name"] if names.count(h["name"]) == 1 else f"{h['name']} · {str(h['id'])[:8]}"
        for h in households
    }


def default_index(households: list[dict], wanted: str | None) -> int:
    """Where the switcher starts: the wanted household (the profile's default), else the first."""
    ids = [str(h["id"]) for h in households]
    return ids.index(str(wanted)) if wanted and str(wanted) in ids else 0


def current() -> dict | None:
    """The chosen household's row ({id, name, role, members, created_at}), or None before the switcher."""
    chosen = data.household()
    if chosen is None:
        return None
    return next((h for h in data.households() if str(h["id"]) == str(chosen)), None)


def role() -> str | None:
    household = current()
    return str(household["role"]).upper() if household else None


def can_write() -> bool:
    """Editors and owners write the ledger; before the switcher knows, the API is left to decide."""
    return role() in (OWNER, EDITOR, None)


def is_owner() -> bool:
    return role() == OWNER


def shared() -> bool:
    """More than one member: lists say who entered each row."""
    household = current()
    return bool(household and int(household.get("members") or 1) > 1)


def switch_to(household_id: str) -> None:
    """Open this household on the next run (after creating or joining it)."""
    st.session_state[SWITCH_TO_KEY] = str(household_id)


def switcher() -> None:
    """The sidebar's household picker, bound to `?household=`; nothing when there is no household."""
    households = data.households()
    if not households:
        st.session_state.pop(data.HOUSEHOLD_KEY, None)
        return
    ids = [str(h["id"]) for h in households]
    names = labels(households)
    wanted = st.session_state.pop(SWITCH_TO_KEY, None)
    index = default_index(households, (st.session_state.get(USER_KEY) or {}).get("default_household"))
    if wanted in ids:
        st.session_state[data.HOUSEHOLD_KEY] = wanted
        index = 0  # the state set above wins; a default beside it would only warn
    elif data.HOUSEHOLD_KEY in st.session_state and st.session_state[data.HOUSEHOLD_KEY] not in ids:
        del st.session_state[data.HOUSEHOLD_KEY]  # left or deleted: back to the default
    st.selectbox(
        "Household",
        ids,
        index=index,
        format_func=names.get,
        key=data.HOUSEHOLD_KEY,
        bind="query-params",
    )


def viewer_note() -> bool:
    """Say why write controls are missing; True when the user may not write here."""
    if can_write():
        return False
    st.info(VIEWER_NOTE, icon="👀")
    return True


# ---------------------------------------------------------------------- invitations, tables

FLASH_KEY = "household_flash"
ACTIVITY_PAGE_SIZE = 25


def accept_from_link() -> None:
    """Accept the invitation an opened link carries (`?invitation=<token>`), once, then show the result.

    The token leaves the URL first, so a reload or a refusal never sends it again.
    """
    token = st.query_params.get("invitation")
    if not token:
        return
    del st.query_params["invitation"]
    try:
        joined = data.household_write("invitation_accept", token)
    except ApiError as exc:
        token_errors = exc.fields.get("token")  # the API's reason, without a "Token:" label
        reason = " ".join(token_errors) if isinstance(token_errors, list) else exc.message
        st.session_state[FLASH_KEY] = ("error", f"This invitation could not be accepted: {reason}")
    else:
        switch_to(joined["id"])
        message = f"You joined “{joined['name']}” as {role_label(joined['role']).lower()}."
        st.session_state[FLASH_KEY] = ("success", message)
    st.rerun()  # the switcher, drawn before the page, opens the household joined


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH_KEY, (None, None))
    if kind:
        getattr(st, kind)(message)


def flash(message: str) -> None:
    st.session_state[FLASH_KEY] = ("success", message)


def _day(stamp: str | None) -> str:
    return (stamp or "")[:10]


def members_table(members: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Email": [m["user"]["email"] for m in members],
            "Name": [m["user"].get("full_name") or "" for m in members],
            "Role": [role_label(m["role"]) for m in members],
            "Joined": [_day(m.get("joined_at")) for m in members],
        }
    )


def invitations_table(invitations: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Email": [i["email"] for i in invitations],
            "Role": [role_label(i["role"]) for i in invitations],
            "Status": [str(i.get("status") or "").capitalize() for i in invitations],
            "Expires": [_day(i.get("expires_at")) for i in invitations],
        }
    )


def activity_query(
    *, action: str, object_type: str, actor: str | None, date_from, date_to, page: int
) -> dict:
    """The activity list's query from the page's filters (dates as ISO days; unset ones dropped)."""
    query = {
        "action": (action or "").strip(),
        "object_type": (object_type or "").strip(),
        "actor": actor,
        "date_from": date_from.isoformat() if date_from else None,
        "date_to": date_to.isoformat() if date_to else None,
        "page": page,
        "page_size": ACTIVITY_PAGE_SIZE,
    }
    return {key: value for key, value in query.items() if value not in (None, "")}


def _change(before, after) -> str:
    return f"{'∅' if before in (None, '') else before} → {'∅' if after in (None, '') else after}"


def activity_table(entries: list[dict]) -> pd.DataFrame:
    """Newest first, as the API answers: when, who, what, and the fields changed (before → after)."""
    return pd.DataFrame(
        {
            "When": [(e["at"] or "")[:16].replace("T", " ") for e in entries],
            "Who": [(e.get("actor") or {}).get("email", "") for e in entries],
            "Action": [e["action"] for e in entries],
            "Summary": [e.get("summary") or "" for e in entries],
            "Changes": [
                "; ".join(f"{field}: {_change(*pair)}" for field, pair in (e.get("changes") or {}).items())
                for e in entries
            ],
        }
    )
