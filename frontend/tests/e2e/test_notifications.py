"""Goals and notifications against the real API: a goal set in Budget setup shows on the Overview,
an expense below zero is told in the sidebar and on the Notifications page, preferences on Account."""

from budget.alerts.models import Notification
from budget.users.models import User


def setup_ledger(ui) -> None:
    ui.sign_up("ana@example.com", "Ana Popescu")
    ui.open("setup")
    ui.add_location("Cash")
    ui.at.text_input(key="setup_bucket_goal").input("200")
    ui.add_bucket("Savings", "100")
    ui.add_category("Salary", "POSITIVE")
    ui.add_category("Groceries", "NEGATIVE")


def sidebar_link(ui) -> str:
    return next(
        link.label for link in ui.at.sidebar.get("page_link") if link.label.startswith("Notifications")
    )


def test_goal_from_setup_shows_on_the_overview(ui):
    setup_ledger(ui)
    ui.open("transactions")
    ui.add_transaction("Salary", "50.00", "Pay", "Cash", bucket="Savings")

    ui.open("overview")

    assert "Goals" in ui.texts("subheader")
    [bar] = ui.at.get("progress")
    assert "**Savings**: €50.00 · 25 % of €200.00 · No date set" in bar.proto.text
    setup = ui.open("setup")
    assert "25 % of €200.00 · No date set" in ui.table("setup_buckets_editor")["Progress"].tolist()
    assert setup is not None


def test_an_expense_below_zero_is_told_once_and_read(ui):
    setup_ledger(ui)
    ui.open("transactions")
    assert sidebar_link(ui) == "Notifications"

    ui.add_transaction("Groceries", "30.00", "Market", "Cash", bucket="Savings")
    ui.add_transaction("Groceries", "5.00", "Bakery", "Cash", bucket="Savings")  # still below: nothing new

    assert sidebar_link(ui) == "Notifications (2 unread)"
    ui.open("notifications")
    bodies = ui.texts("markdown")
    assert any("'Cash' is below zero" in text for text in bodies), bodies
    assert "The location 'Cash' holds -30.00." in [text for text in bodies if "holds" in text]
    ui.submit("Mark all read")
    ui.assert_no_error()
    assert sidebar_link(ui) == "Notifications"
    assert "All marked read." in ui.texts("success")


def test_preferences_saved_on_account(ui):
    ui.sign_up("ana@example.com", "Ana Popescu")
    ui.open("account")
    ui.choose("account_notify_balance", "Off", "off")
    ui.choose("account_notify_goal", "In the app and by email", "email")

    ui.submit("Save notifications")

    ui.assert_no_error()
    assert "Notification settings saved." in ui.texts("success")
    assert User.objects.get(email="ana@example.com").notifications == {
        "budget": "app",
        "goal": "email",
        "balance": "off",
    }
    assert Notification.objects.count() == 0
