"""The whole journey through the real pages, the real API and real JWTs.

Sign up, set the budget up, record a split income and two expenses, read the Overview and the
Monthly report; then another person signs up in the same browser session and sees none of it.
"""

from decimal import Decimal

import requests

from budget.ledger.models import Allocation, Transaction

ANA, BOB = "ana@example.com", "bob@example.com"
ANA_NAMES = ("Cash", "Bank", "Necessities", "Savings", "Salary", "Rent", "Groceries")


def build_budget(ui) -> None:
    """Ana's month: Cash and Bank, Necessities 60 % / Savings 40 %, a 3,000.00 salary split, two expenses."""
    ui.sign_up(ANA, "Ana Popescu")
    ui.open("setup")
    ui.add_location("Cash")
    ui.add_location("Bank")
    ui.add_bucket("Necessities", "60")
    ui.add_bucket("Savings", "40")
    assert "Your buckets take 100 % of each income: incomes can be split." in ui.texts("success")
    ui.add_category("Salary", "POSITIVE")
    ui.add_category("Rent", "NEGATIVE")
    ui.add_category("Groceries", "NEGATIVE")

    ui.open("transactions")
    ui.add_transaction("Salary", "3000.00", "Monthly salary", "Bank", split=True)
    ui.add_transaction("Rent", "900.00", "Flat rent", "Bank", bucket="Necessities")
    ui.add_transaction("Groceries", "123.45", "Market", "Cash", bucket="Necessities")


def amounts(frame) -> dict[str, str]:
    """A money table (Name or Category, then Amount) as {name: amount}."""
    return dict(zip(frame.iloc[:, 0], frame["Amount"], strict=True))


def assert_ana_overview(ui) -> None:
    ui.open("overview")
    metrics = ui.metrics()
    assert metrics["Net balance"] == "€1,976.55"
    assert metrics["Income this month"] == "€3,000.00"
    assert metrics["Expenses this month"] == "€1,023.45"
    assert metrics["Net this month"] == "€1,976.55"
    largest, by_location, by_bucket, recent = ui.tables()
    assert list(largest["Amount"]) == ["-€900.00", "-€123.45"]
    assert list(recent["Description"]) == ["Market", "Flat rent", "Monthly salary"]
    assert amounts(by_location) == {"Bank": "€2,100.00", "Cash": "-€123.45", "Total": "€1,976.55"}
    assert amounts(by_bucket) == {
        "Necessities": "€776.55",
        "Savings": "€1,200.00",
        "Total": "€1,976.55",
    }
    # Allocation is complete and the split is done: no "finish the setup", no "waiting to be shared".
    assert ui.texts("warning") == []
    assert ui.texts("info") == []


def assert_ana_monthly(ui) -> None:
    ui.open("monthly")
    income, expenses = ui.tables()  # no neutral category: that column is a caption, not a table
    assert amounts(income) == {"Salary": "€3,000.00", "Total": "€3,000.00"}
    assert amounts(expenses) == {"Rent": "€900.00", "Groceries": "€123.45", "Total": "€1,023.45"}
    assert "No neutral categories yet." in ui.texts("caption")
    assert [m.value for m in ui.at.metric] == ["€3,000.00", "€1,023.45", "€0.00", "€1,976.55"]


def assert_sees_nothing_of_ana(ui) -> None:
    ui.open("overview")
    metrics = ui.metrics()
    assert metrics["Net balance"] == "€0.00"
    assert metrics["Income this month"] == "€0.00"
    assert metrics["Expenses this month"] == "€0.00"
    assert "Nothing here yet. Add your locations, buckets and categories first." in ui.texts("info")
    assert ui.tables() == []
    assert_no_name_of_ana(ui)

    ui.open("transactions")
    assert (
        "Add at least one location, one bucket and one category before recording transactions."
        in ui.texts("info")
    )
    assert len(ui.at.main.selectbox) == 0  # no form to add or move anything
    assert ui.tables() == []

    ui.open("monthly")
    assert ui.tables() == []
    assert any(text.startswith("No transactions in ") for text in ui.texts("info"))
    assert_no_name_of_ana(ui)

    ui.open("setup")
    for key in ("setup_locations_editor", "setup_buckets_editor", "setup_categories_editor"):
        assert ui.table(key).empty, key
    assert "setup_locations_archive_choice" not in [box.key for box in ui.at.selectbox]


def assert_no_name_of_ana(ui) -> None:
    shown = [
        *ui.texts("markdown"),
        *ui.texts("info"),
        *ui.texts("warning"),
        *ui.texts("caption"),
        *ui.metrics(),
    ]
    for frame in ui.tables():
        shown += [str(value) for value in frame.to_numpy().ravel()]
    for name in ANA_NAMES:
        assert not any(name in text for text in shown), name


def test_journey_sign_up_set_up_record_report_and_another_user_sees_nothing(ui, api_url):
    build_budget(ui)

    # The split income went through the allocation task (inline in tests) into two exact legs.
    salary = Transaction.objects.get(household__memberships__user__email=ANA, description="Monthly salary")
    assert (salary.split_income, salary.bucket_id, salary.allocation_status) == (True, None, "ALLOCATED")
    legs = {
        leg.bucket.name: (leg.percentage, leg.amount) for leg in Allocation.objects.filter(transaction=salary)
    }
    assert legs == {
        "Necessities": (Decimal("60.00"), Decimal("1800.00")),
        "Savings": (Decimal("40.00"), Decimal("1200.00")),
    }
    # The Transactions page lists all three rows and the legs it was sent.
    assert "3 transactions; showing 1-3, page 1 of 1" in ui.texts("caption")
    legs_table = ui.tables()[-1]
    assert sorted(zip(legs_table["Bucket"], legs_table["Share"], legs_table["Amount"], strict=True)) == [
        ("Necessities", "60.00 %", "€1,800.00"),
        ("Savings", "40.00 %", "€1,200.00"),
    ]

    assert_ana_overview(ui)
    assert_ana_monthly(ui)
    ui.open("setup")
    locations = ui.table("setup_locations_editor")
    assert dict(zip(locations["Name"], locations["Balance"], strict=True)) == {
        "Bank": "€2,100.00",
        "Cash": "-€123.45",
    }

    ana_refresh = ui.at.session_state["auth_refresh"]
    ui.sign_out()
    # Sign-out revoked the refresh token at the API, not only in this browser session.
    answer = requests.post(f"{api_url}/token/refresh/", json={"refresh": ana_refresh}, timeout=10)
    assert answer.status_code == 401

    ui.sign_up(BOB, "Bob Ionescu")
    assert_sees_nothing_of_ana(ui)


def test_journey_first_user_signs_in_again_and_finds_their_budget(ui, new_session):
    build_budget(ui)
    ui.sign_out()
    ui.sign_up(BOB, "Bob Ionescu")
    assert_sees_nothing_of_ana(ui)
    ui.sign_out()

    ui.sign_in(ANA)
    assert_ana_overview(ui)
    assert_ana_monthly(ui)

    # Bob in another browser at the same time: Streamlit's cache now holds Ana's answers (nobody
    # signed out to clear it), and it is shared by every session; Bob must still get his own.
    bob = new_session()
    bob.sign_in(BOB)
    assert_sees_nothing_of_ana(bob)
    assert_ana_overview(ui)
