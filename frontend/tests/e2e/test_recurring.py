"""The Recurring page and "make recurring" on the Transactions page, against the real API."""

import datetime
from decimal import Decimal

from budget.ledger import services
from budget.ledger.models import Sign, Transaction
from budget.recurring.models import Occurrence, RecurringItem
from budget.users.models import User


def set_up(ui) -> dict:
    ui.sign_up("ana@example.com", "Ana Popescu")
    user = User.objects.get(email="ana@example.com")
    return {
        "bank": services.location_create(user=user, name="Bank"),
        "needs": services.bucket_create(user=user, name="Needs", allocation_percentage=Decimal(100)),
        "rent": services.category_create(user=user, name="Rent", sign=Sign.NEGATIVE),
    }


def test_add_post_skip_and_edit_a_recurring_item(ui):
    rows = set_up(ui)
    today = datetime.date.today()  # the page's own clock
    ui.open("recurring")
    assert "Nothing due in the next 30 days." in ui.texts("info")
    ui.at.expander(key="recurring_add")  # drawn
    ui.at.text_input(key="recurring_add_name").input("Flat")
    ui.at.text_input(key="recurring_add_amount").input("850")
    ui.at.text_input(key="recurring_add_description").input("Rent")
    assert ui.at.selectbox(key="recurring_add_category").options == ["Rent"]  # the one, chosen
    ui.choose("recurring_add_frequency", "Weekly", "WEEKLY")
    ui.at.text_input(key="recurring_add_start").input(today.isoformat())
    ui.at.checkbox(key="recurring_add_auto").uncheck()
    ui.submit("Add recurring item")
    ui.assert_no_error()
    assert "Added “Flat”." in ui.texts("success")
    item = RecurringItem.objects.get(name="Flat")
    assert (item.frequency, item.auto_post, item.template["amount"]) == ("WEEKLY", False, "850.00")

    upcoming, listed = ui.tables()
    assert list(upcoming["Date"])[:2] == [
        today.isoformat(),
        (today + datetime.timedelta(weeks=1)).isoformat(),
    ]
    assert list(upcoming["Balance after"])[:2] == ["-€850.00", "-€1,700.00"]
    assert list(listed["Repeats"]) == ["Weekly"]

    ui.at.button(key="recurring_post").click()
    ui.run()
    ui.assert_no_error()
    posted = Transaction.objects.get(recurring=item)
    assert (posted.date, posted.amount, posted.bucket_id) == (today, Decimal("850.00"), rows["needs"].pk)
    ui.at.button(key="recurring_skip").click()  # the next one, now first in the list
    ui.run()
    ui.assert_no_error()
    assert Occurrence.objects.get(item=item, status="SKIPPED").date == today + datetime.timedelta(weeks=1)

    ui.at.text_input(key=f"recurring_edit_{item.pk}_amount").input("900")
    ui.submit("Save changes")
    ui.assert_no_error()
    item.refresh_from_db()
    assert item.template["amount"] == "900.00"
    assert Transaction.objects.get(recurring=item).amount == Decimal("850.00")  # posted: untouched


def test_make_recurring_from_a_transaction(ui):
    rows = set_up(ui)
    user = User.objects.get(email="ana@example.com")
    services.transaction_create(
        user=user, date=datetime.date(2024, 1, 31), description="Gym", amount=Decimal("30.00"),
        category=rows["rent"], location=rows["bank"], bucket=rows["needs"],
    )  # fmt: skip
    ui.open("transactions")
    ui.choose("transactions_recurring_frequency", "Monthly", "MONTHLY")
    ui.at.checkbox(key="transactions_recurring_auto").uncheck()
    ui.at.button(key="transactions_recurring_make").click()
    ui.run()
    ui.assert_no_error()
    item = RecurringItem.objects.get(name="Gym")
    assert (item.day, item.start_date, item.next_date) == (
        -1,
        datetime.date(2024, 2, 29),
        datetime.date(2024, 2, 29),
    )
    assert item.template["amount"] == "30.00"
    assert item.template["location"] == str(rows["bank"].pk)
