import streamlit as st

from budget_ui import auth, data, households
from budget_ui.api import ApiError
from budget_ui.households import ROLES, role_label

st.title("Household")
households.accept_from_link()
households.show_flash()


def act(method: str, *args, done: str, switch: str | None = None, **kwargs) -> None:
    """One write to households, members or invitations: its refusal shown here, else a rerun with `done`."""
    try:
        answer = data.household_write(method, *args, **kwargs)
    except ApiError as exc:
        st.error(exc.message)
        return
    if switch == "new":
        households.switch_to(answer["id"])
    elif switch == "default":
        st.session_state.pop(data.HOUSEHOLD_KEY, None)
    households.flash(done)
    st.rerun()


current = households.current()
if current is None:
    st.info("You belong to no household yet: create one to start a budget.")
else:
    hid = current["id"]
    owner = households.is_owner()
    st.markdown(f"**{current['name']}** · you are {role_label(current['role']).lower()}")
    if not owner:
        st.caption(households.OWNER_NOTE)
    members_tab, invitations_tab, activity_tab, settings_tab = st.tabs(
        ["Members", "Invitations", "Activity", "Settings"], key="household_tab"
    )

    with members_tab:
        members = data.members(hid)
        st.dataframe(households.members_table(members), hide_index=True, width="stretch")
        others = [m for m in members if m["user"]["id"] != auth.user()["id"]]
        if owner and others:
            emails = {m["user"]["id"]: m["user"]["email"] for m in others}
            left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
            who = left.selectbox("Member", list(emails), format_func=emails.get, key="household_member")
            new_role = middle.selectbox("Role", ROLES, format_func=role_label, key="household_member_role")
            if right.button("Change role", key="household_member_change"):
                act("member_update", hid, who, new_role, done=f"{emails[who]} is now {role_label(new_role)}.")
            if right.button("Remove from the household", key="household_member_remove"):
                act("member_remove", hid, who, done=f"Removed {emails[who]}.")
        if st.button("Leave this household", key="household_leave"):
            act(
                "member_remove",
                hid,
                auth.user()["id"],
                done=f"You left “{current['name']}”.",
                switch="default",
            )

    with invitations_tab:
        if not owner:
            st.info("Only an owner invites people and sees the invitations.")
        else:
            with st.form("household_invite_form"):
                left, right = st.columns([3, 2])
                email = left.text_input("Email", key="household_invite_email")
                role = right.selectbox(
                    "Role", ROLES, index=1, format_func=role_label, key="household_invite_role"
                )
                invited = None
                if st.form_submit_button("Invite", type="primary"):
                    try:
                        invited = data.household_write("invite", hid, email.strip(), role)
                    except ApiError as exc:
                        st.error(exc.message)
            if invited:
                st.success(
                    f"Invited {invited['email']}. A mail is on its way; you can also send this link "
                    f"yourself. It works once, for that address, until {invited['expires_at'][:10]}."
                )
                st.code(invited["link"], language=None)
            invitations = data.invitations(hid)
            if invitations:
                st.dataframe(households.invitations_table(invitations), hide_index=True, width="stretch")
                pending = {i["id"]: i["email"] for i in invitations if i.get("status") == "pending"}
                if pending:
                    left, right = st.columns([3, 1], vertical_alignment="bottom")
                    chosen = left.selectbox(
                        "Pending invitation", list(pending), format_func=pending.get, key="household_revoke"
                    )
                    if right.button("Revoke", key="household_revoke_button"):
                        act(
                            "invitation_revoke",
                            hid,
                            chosen,
                            done=f"Revoked the invitation of {pending[chosen]}.",
                        )
            else:
                st.caption("No invitations yet.")

    with activity_tab:
        everyone = {m["user"]["id"]: m["user"]["email"] for m in data.members(hid)}
        with st.form("household_activity_form"):
            first, second, third = st.columns(3)
            action = first.text_input(
                "Action", placeholder="transaction.created", key="household_activity_action"
            )
            object_type = second.text_input(
                "Kind of row", placeholder="transaction", key="household_activity_type"
            )
            actor = third.selectbox(
                "Member",
                list(everyone),
                index=None,
                placeholder="Anyone",
                format_func=everyone.get,
                key="household_activity_actor",
            )
            first, second = st.columns(2)
            date_from = first.date_input("From", value=None, key="household_activity_from")
            date_to = second.date_input("To", value=None, key="household_activity_to")
            # New filters start on their first page (an old page number may be past the last one).
            st.form_submit_button(
                "Filter", on_click=st.session_state.pop, args=("household_activity_page", None)
            )
        page = st.session_state.get("household_activity_page", 1)
        query = households.activity_query(
            action=action,
            object_type=object_type,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
            page=page,
        )
        answer = data.activity(hid, **query)
        if not answer["results"]:
            st.info("Nothing recorded matches." if len(query) > 2 else "Nothing recorded yet.")
        else:
            st.dataframe(households.activity_table(answer["results"]), hide_index=True, width="stretch")
            pages = max(1, -(-answer["count"] // households.ACTIVITY_PAGE_SIZE))
            st.caption(f"{answer['count']} entries, newest first · page {page} of {pages}")
            if pages > 1:
                st.number_input("Page", min_value=1, max_value=pages, step=1, key="household_activity_page")

    with settings_tab:
        if str(auth.user().get("default_household")) == str(hid):
            st.caption("This household opens first when you sign in.")
        elif st.button("Open this household first when I sign in", key="household_default"):
            try:
                auth.remember_profile(data.profile_update(default_household=hid))
            except ApiError as exc:
                st.error(exc.message)
            else:
                households.flash(f"“{current['name']}” now opens first.")
                st.rerun()
        if owner:
            with st.form("household_rename_form"):
                name = st.text_input("Name", value=current["name"], key="household_rename_name")
                if st.form_submit_button("Rename"):
                    act("household_rename", hid, name.strip(), done=f"Renamed to “{name.strip()}”.")
            st.markdown("**Delete this household**")
            st.caption("Removes every location, bucket, category and transaction in it, for every member.")
            typed = st.text_input(f"Type “{current['name']}” to confirm", key="household_delete_name")
            if st.button("Delete household", key="household_delete", disabled=typed != current["name"]):
                act("household_delete", hid, typed, done=f"Deleted “{current['name']}”.", switch="default")

with st.form("household_create_form"):
    st.markdown("**Create a household**")
    new_name = st.text_input("Name", placeholder="Family", key="household_create_name")
    if st.form_submit_button("Create household"):
        if not new_name.strip():
            st.error("Give the household a name.")
        else:
            act("household_create", new_name.strip(), done=f"Created “{new_name.strip()}”.", switch="new")
