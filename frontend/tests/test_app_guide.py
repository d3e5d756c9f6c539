"""The Guide says what the app does."""

from tests.helpers import assert_clean, open_page


def test_guide_says_net_includes_neutral_money(api):
    """Symptom 12: neutral money is apart from income and expenses, and inside the net."""
    at = open_page("guide")
    assert_clean(at)
    text = " ".join(m.value for m in at.markdown)
    assert "net = income - expenses + neutral" in text
    assert "so reports keep it apart" not in text


def test_guide_explains_split_by_default_and_opening_balances(api):
    text = " ".join(m.value for m in open_page("guide").markdown)
    assert "ticked by default" in text
    assert "opening balance" in text


def test_guide_explains_households_and_roles(api):
    text = " ".join(m.value for m in open_page("guide").markdown)
    assert "### Households and roles" in text
    assert "| Viewer | see the lists and reports, change nothing |" in text
