"""budget_ui.transactions: the Transactions page's form bodies, filters, signed edits and captions."""

import datetime

import pytest

from budget_ui import editing
from budget_ui import transactions as logic
from tests import answers as a

INCOME, EXPENSE, NEUTRAL = a.CATEGORIES


def _add(**overrides):
    fields = {
        "category": EXPENSE,
        "day": "2024-05-02",
        "amount": "12.5",
        "description": " Lunch ",
        "location": a.LOCATION_ID,
        "bucket": a.BUCKET_ID,
        "split": True,
    }
    return logic.add_body(**{**fields, **overrides})


def test_add_body_expense_ignores_split():
    assert _add() == {
        "date": "2024-05-02",
        "description": "Lunch",
        "amount": "12.50",
        "category": a.EXPENSE_ID,
        "location": a.LOCATION_ID,
        "bucket": a.BUCKET_ID,
        "split_income": False,
    }


def test_add_body_income_split_by_default_has_no_bucket():
    body = _add(category=INCOME, amount="1,234")
    assert (body["amount"], body["bucket"], body["split_income"]) == ("1234.00", None, True)


def test_add_body_income_not_split_keeps_bucket():
    body = _add(category=INCOME, split=False)
    assert (body["bucket"], body["split_income"]) == (a.BUCKET_ID, False)


@pytest.mark.parametrize(("category", "sent"), [(EXPENSE, "3.50"), (INCOME, "3.50"), (NEUTRAL, "-3.50")])
def test_add_body_sign_comes_from_the_category_except_neutral(category, sent):
    assert _add(category=category, amount="-3.5", split=False)["amount"] == sent


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"category": None}, "Choose a category."),
        ({"day": "1800/01/01"}, "1800-01-01 is outside the dates kept"),
        ({"day": "2024-02-30"}, "'2024-02-30' is not a day of the calendar."),
        ({"day": ""}, "is not a date"),
        ({"description": "x" * 400}, "The description is 400 characters long; at most 255 fit."),
        ({"description": "  "}, "The description cannot be empty."),
        ({"amount": "ten"}, "'ten' is not an amount"),
        ({"bucket": None, "split": False}, "Choose a bucket."),
    ],
)
def test_add_body_refuses_with_a_message(overrides, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        _add(**overrides)


def test_transfer_body_passes_places_through():
    places = {"from_location": "l1", "to_location": "l2", "from_bucket": "b1", "to_bucket": "b1"}
    body = logic.transfer_body(day="01.06.2024", amount="200", description="Cash", **places)
    assert body == {"date": "2024-06-01", "description": "Cash", "amount": "200.00", **places}


def test_filter_params_converts_every_filter():
    values = {
        "from": datetime.date(2024, 1, 1),
        "to": datetime.date(2024, 1, 31),
        "category": "c1",
        "location": "l1",
        "bucket": "b1",
        "kind": "NEGATIVE",
        "min": "1 000,5",
        "max": "1,000",
        "search": "  rent  ",
    }
    assert logic.filter_params(values) == {
        "date_from": "2024-01-01",
        "date_to": "2024-01-31",
        "category": "c1",
        "location": "l1",
        "bucket": "b1",
        "sign": "NEGATIVE",
        "amount_min": "1000.50",
        "amount_max": "1000.00",
        "search": "rent",
    }


def test_filter_params_drops_empty_values_and_keeps_zero():
    assert logic.filter_params({"from": None, "category": None, "min": "  ", "search": "   "}) == {}
    assert logic.filter_params({"min": "0"}) == {"amount_min": "0.00"}


def test_filter_params_refuses_bad_amount():
    with pytest.raises(ValueError, match="'ten' is not an amount"):
        logic.filter_params({"max": "ten"})


@pytest.mark.parametrize(
    ("category", "typed", "sent"),
    [(None, "-12.50", "12.50"), (a.INCOME_ID, "-7.00", "7.00"), (a.NEUTRAL_ID, "-7.00", "-7.00")],
)
def test_signed_changes_send_amounts_as_the_api_takes_them(category, typed, sent):
    """The list shows -12.50 for 12.50 spent; the API takes 12.50 (a neutral amount stays signed)."""
    body = {"amount": typed} | ({"category": category} if category else {})
    [change] = logic.signed_changes([editing.Change(a.transaction(), dict(body))], a.CATEGORIES)
    assert change.body["amount"] == sent


def test_deletions_delete_a_transfer_once():
    legs = [a.transaction(id="t1", transfer="tr"), a.transaction(id="t2", transfer="tr")]
    plain, transfers = logic.deletions([a.transaction(id="t0"), *legs])
    assert [c.row["id"] for c in plain] == ["t0"]
    assert [c.row["id"] for c in transfers] == ["tr"]
    assert logic.deleted_message(1, 1) == "Deleted 1 transaction and 1 transfer."
    assert logic.deleted_message(2, 0) == "Deleted 2 transactions."


@pytest.mark.parametrize(
    ("args", "caption"),
    [
        ((1, False, 1, 1, 50, 1), "1 transaction; showing 1-1, page 1 of 1"),
        ((1, True, 1, 1, 50, 1), "1 transaction matches the filters; showing 1-1, page 1 of 1"),
        ((120, True, 2, 3, 50, 50), "120 transactions match the filters; showing 51-100, page 2 of 3"),
        ((1234, False, 1, 25, 50, 50), "1,234 transactions; showing 1-50, page 1 of 25"),
        ((0, False, 1, 1, 50, 0), "0 transactions"),
    ],
)
def test_list_caption_counts_in_words(args, caption):
    assert logic.list_caption(*args) == caption


@pytest.mark.parametrize(("value", "page"), [(None, 1), ("3", 3), (2, 2), ("0", 1), ("x", 1), ("-4", 1)])
def test_page_number_from_widget_or_url(value, page):
    assert logic.page_number(value) == page
