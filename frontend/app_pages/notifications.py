import streamlit as st

from budget_ui import components, data, notifications
from budget_ui.api import ApiError

st.title("Notifications")
components.show_flash("notifications")
st.caption(
    "Budgets at 80 % and overspent, goals reached, balances below zero: each told once. "
    "Choose what reaches you, and how, on Account."
)
unread_only = st.toggle("Unread only", key="notifications_unread", bind="query-params")
answer = data.notifications(unread=unread_only)
rows = answer["results"]

if any(row["read_at"] is None for row in rows) and st.button("Mark all read", key="notifications_read_all"):
    try:
        data.notifications_read_all()
    except ApiError as exc:
        st.error(exc.message)
    else:
        components.flash("notifications", "All marked read.")
        st.rerun()

if not rows:
    st.info("Nothing unread." if unread_only else "No notifications yet.")
for row in rows:
    with st.container(border=True):
        text, action = st.columns([5, 1], vertical_alignment="center")
        text.markdown(notifications.heading(row))
        text.write(row["body"])
        text.caption(notifications.when(row["created_at"]))
        if row["read_at"] is None and action.button("Mark read", key=f"notifications_read_{row['id']}"):
            try:
                data.notification_read(row["id"])
            except ApiError as exc:
                st.error(exc.message)
            else:
                st.rerun()
if answer["count"] > len(rows):
    st.caption(f"The latest {len(rows)} of {answer['count']}.")
