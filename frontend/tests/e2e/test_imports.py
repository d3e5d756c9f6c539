"""Rules, statement import and the add form's suggestion through the real pages and the real API."""

from decimal import Decimal
from pathlib import Path

from budget.ledger import services
from budget.ledger.models import Bucket, Category, Sign, Transaction
from budget.users.models import User

SAMPLES = Path(__file__).resolve().parents[3] / "backend/budget/imports/tests/samples"
ANA = "ana@example.com"


def _ledger():
    user = User.objects.get(email=ANA)
    services.location_create(user=user, name="Bank")
    services.bucket_create(user=user, name="Needs", allocation_percentage=Decimal(100))
    services.category_create(user=user, name="Food", sign=Sign.NEGATIVE)
    services.category_create(user=user, name="Salary", sign=Sign.POSITIVE)


def frame(ui, column: str):
    """The (only) table showing `column` (AppTest keeps no key for a read-only st.dataframe)."""
    return next(f.value for f in ui.at.dataframe if column in f.value.columns)


def test_rules_then_a_statement_twice_then_the_add_form_suggests(ui):
    ui.sign_up(ANA, "Ana Popescu")
    _ledger()
    ui.open("rules")
    for name, contains, category in (
        ("Coffee", "coffee", "Food"),
        ("Shop", "supermarket", "Food"),
        ("Pay", "acme", "Salary"),
    ):
        ui.at.text_input(key="rules_name").input(name)
        ui.at.text_input(key="rules_contains").input(contains)
        ui.choose("rules_category", category, ui.row_id(Category, category))
        ui.choose("rules_bucket", "Needs", ui.row_id(Bucket, "Needs"))
        ui.submit("Add rule")
        ui.assert_no_error()
        assert f"Saved rule “{name}”." in ui.texts("success")
    assert frame(ui, "Priority")["Name"].tolist() == ["Coffee", "Shop", "Pay"]
    ui.at.text_input(key="rules_test_description").input("CAFÉ COFFEE bar")
    ui.submit("Test")
    assert "Rule “Coffee”: Food" in ui.texts("success")

    for attempt, added in ((1, 4), (2, 0)):
        ui.open("imports")
        ui.at.get("file_uploader")[0].set_value(
            ("march.csv", (SAMPLES / "ing_comma.csv").read_bytes(), "text/csv")
        )
        ui.run()
        assert frame(ui, "Amount")["Description"].tolist()[:2] == ["Coffee Bar", "Coffee Bar"]
        ui.at.button(key="imports_upload").click()
        ui.run()
        ui.assert_no_error()
        rows = next(frame.value for frame in ui.at.dataframe if frame.key.startswith("imports_rows_"))
        expected = ["new"] * 4 if attempt == 1 else ["already imported"] * 4
        assert rows["Flag"].tolist() == expected
        assert rows["Category"].tolist() == ["Food", "Food", "Food", "Salary"]
        ui.at.button(key="imports_commit").click()
        ui.run()
        ui.assert_no_error()
        assert f"Committed: {added:,} transactions added." in ui.texts("success")
        ui.at.button(key="imports_back").click()
        ui.run()
        past = [m.value for m in ui.at.markdown if "march.csv" in m.value]
        assert len(past) == attempt
    assert Transaction.objects.count() == 4

    ui.open("transactions")
    ui.at.text_input(key="transactions_add_amount").input("3.50")
    ui.at.text_input(key="transactions_add_description").input("Coffee to go")
    ui.submit("Add transaction")
    ui.assert_no_error()
    assert any("Rule “Coffee” suggests" in text for text in ui.texts("info"))
    assert ui.at.selectbox(key="transactions_add_category").value == ui.row_id(Category, "Food")
