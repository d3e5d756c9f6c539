import streamlit as st

from budget_ui import auth, components, data, notifications
from budget_ui.api import ApiError

st.title("Account")
components.show_flash("account")
profile = auth.user()

st.subheader("Profile")
with st.form("account_profile_form"):
    full_name = st.text_input("Full name", value=profile["full_name"], key="account_full_name")
    email = st.text_input("Email", value=profile["email"], key="account_email")
    currency = st.text_input(
        "Currency",
        value=profile["currency"],
        max_chars=3,
        help="A three-letter code: EUR, USD, RON…",
        key="account_currency",
    )
    if st.form_submit_button("Save profile", type="primary"):
        try:
            updated = data.profile_update(
                full_name=full_name.strip(),
                email=email.strip(),
                currency=currency.strip().upper(),
            )
        except ApiError as exc:
            st.error(exc.message)
        else:
            auth.remember_profile(updated)
            components.flash("account", "Profile saved.")
            st.rerun()
st.caption(f"Member since {profile['date_joined'][:10]}.")

st.subheader("Notifications")
with st.form("account_notifications_form"):
    st.caption("How you hear about what happens in your households.")
    chosen = {
        kind: st.selectbox(
            label,
            list(notifications.PREFERENCES),
            index=list(notifications.PREFERENCES).index(profile.get("notifications", {}).get(kind, "app")),
            format_func=notifications.PREFERENCES.get,
            key=f"account_notify_{kind}",
        )
        for kind, label in notifications.PREFERENCE_KINDS.items()
    }
    if st.form_submit_button("Save notifications"):
        try:
            updated = data.profile_update(notifications=chosen)
        except ApiError as exc:
            st.error(exc.message)
        else:
            auth.remember_profile(updated)
            components.flash("account", "Notification settings saved.")
            st.rerun()

st.subheader("Password")
with st.form("account_password_form", clear_on_submit=True):
    old_password = st.text_input("Current password", type="password", key="account_old_password")
    new_password = st.text_input("New password", type="password", key="account_new_password")
    repeat = st.text_input("Repeat the new password", type="password", key="account_repeat_password")
    if st.form_submit_button("Change password"):
        if new_password != repeat:
            st.error("The two new passwords differ.")
        else:
            try:
                auth.change_password(old_password, new_password)
            except ApiError as exc:
                st.error(exc.message)
            else:
                components.flash(
                    "account",
                    "Password changed. Any other browser signed in to this account must sign in again.",
                )
                st.rerun()

st.subheader("Sign out")
if st.button("Sign out of this browser", key="account_sign_out"):
    auth.sign_out()
    st.rerun()

st.subheader("Delete the account")
st.write(
    "This deletes your account and every location, bucket, category and transaction in it. "
    "It cannot be undone; download your transactions as CSV first if you want to keep them."
)
with st.form("account_delete_form"):
    typed = st.text_input(f"Type your email ({profile['email']}) to confirm", key="account_delete_confirm")
    password = st.text_input("Password", type="password", key="account_delete_password")
    if st.form_submit_button("Delete my account and all its data"):
        if typed.strip().lower() != profile["email"].lower():
            st.error("Type your email exactly to confirm the deletion.")
        else:
            try:
                data.account_delete(password)
            except ApiError as exc:
                st.error(exc.message)
            else:
                auth.forget_session()
                st.session_state["app_notice"] = "Your account and all its data are deleted."
                st.rerun()
