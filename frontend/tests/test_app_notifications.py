"""The Notifications page, the sidebar's unread count and the notification settings on Account."""

import responses

from tests import answers as a
from tests.helpers import USER, assert_clean, body, button, calls, open_page, query, texts, url

NOTE = {
    "id": "c0000000-0000-0000-0000-000000000001",
    "kind": "balance.negative",
    "household": a.HOUSEHOLD_ID,
    "title": "'Cash' is below zero",
    "body": "The location 'Cash' holds -30.00.",
    "subject": {"type": "location", "id": a.CASH_ID},
    "created_at": "2024-05-10T14:03:00Z",
    "read_at": None,
}
READ = {
    **NOTE,
    "id": "c0000000-0000-0000-0000-000000000002",
    "title": "Goal reached: 'Trip'",
    "kind": "goal.reached",
    "read_at": "2024-05-11T08:00:00Z",
}


def notifications_answer(api, rows, unread=1):
    api.replace(responses.GET, url("notifications/"), json=a.paginated(rows, unread))


def test_sidebar_shows_the_unread_count(api):
    notifications_answer(api, [NOTE], unread=3)
    api.get(url("reports/monthly/"), json=a.monthly())

    at = open_page("monthly")

    [link] = [link for link in at.sidebar.get("page_link") if link.proto.page == "notifications"]
    assert link.proto.label == "Notifications (3 unread)"
    [count] = calls(api, "GET", "notifications/")
    assert query(count) == {"unread": "true", "page_size": "1"}


def test_page_lists_newest_first_and_marks_one_read(api):
    notifications_answer(api, [NOTE, READ])
    api.post(url(f"notifications/{NOTE['id']}/read/"), status=204)

    at = open_page("notifications")

    assert_clean(at)
    assert texts(at.main.markdown)[0:2] == [
        "⚠️ **'Cash' is below zero** · new",
        "The location 'Cash' holds -30.00.",
    ]
    assert "🏁 **Goal reached: 'Trip'**" in texts(at.main.markdown)
    assert [b.label for b in at.main.button] == ["Mark all read", "Mark read"]
    at = button(at, "Mark read").click().run()
    assert_clean(at)
    assert len(calls(api, "POST", f"notifications/{NOTE['id']}/read/")) == 1


def test_mark_all_read(api):
    notifications_answer(api, [NOTE])
    api.post(url("notifications/read-all/"), status=204)

    at = button(open_page("notifications"), "Mark all read").click().run()

    assert_clean(at)
    assert len(calls(api, "POST", "notifications/read-all/")) == 1
    assert texts(at.success) == ["All marked read."]


def test_empty_page_says_so(api):
    at = open_page("notifications")

    assert_clean(at)
    assert texts(at.info) == ["No notifications yet."]
    assert not at.main.button


def test_account_saves_notification_settings(api):
    saved = {**USER, "notifications": {"budget": "app", "goal": "email", "balance": "off"}}
    api.patch(url("users/me/"), json=saved)
    at = open_page(
        "account", user={**USER, "notifications": {"budget": "app", "goal": "app", "balance": "app"}}
    )
    at.selectbox(key="account_notify_goal").set_value("email")
    at.selectbox(key="account_notify_balance").set_value("off")

    at = button(at, "Save notifications").click().run()

    assert_clean(at)
    [patch] = calls(api, "PATCH", "users/me/")
    assert body(patch) == {"notifications": {"budget": "app", "goal": "email", "balance": "off"}}
    assert at.session_state["auth_user"] == saved
    assert texts(at.success) == ["Notification settings saved."]
