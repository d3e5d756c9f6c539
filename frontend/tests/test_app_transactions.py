"""The Transactions page: the list, and the add and transfer forms."""

import datetime

import pytest

from tests import answers as a
from tests.helpers import (
    assert_clean,
    body,
    button,
    calls,
    last_list_query,
    ledger_answers,
    open_page,
    query,
    texts,
    url,
)


def test_transactions_renders_the_list(api):
    ledger_answers(api)
    at = open_page("transactions")
    assert_clean(at)
    assert texts(at.title) == ["Transactions"]
    assert texts(at.main.caption)[-1] == "1 transactions; showing 1-1, page 1 of 1"
    table = at.data_editor[0].value
    assert table.loc[0, "Description"] == "Groceries"
    assert table.loc[0, "Amount"] == "12.50"
    assert table.loc[0, "Effect"] == "-€12.50"
    assert table.loc[0, "Category"] == "Rent"
    assert last_list_query(api) == {"ordering": "-date", "page": "1", "page_size": "50"}
    assert query(calls(api, "GET", "categories/")[0]) == {
        "page": "1",
        "page_size": "500",
        "include_archived": "true",
    }


def test_transactions_without_setup_points_toledger_answers(api):
    api.get(url("locations/"), json=a.paginated([]))
    api.get(url("buckets/"), json=a.paginated([a.bucket()]))
    api.get(url("categories/"), json=a.paginated(a.CATEGORIES))
    at = open_page("transactions")
    assert_clean(at)
    assert texts(at.info) == [
        "Add at least one location, one bucket and one category before recording transactions."
    ]
    assert at.page_link[0].proto.page == "setup"
    assert not calls(api, "GET", "transactions/")


def test_transactions_empty_ledger_info(api):
    ledger_answers(api, rows=[])
    at = open_page("transactions")
    assert_clean(at)
    assert texts(at.info) == ["No transactions yet. Add one above."]
    assert not at.data_editor


# ---------------------------------------------------------------------- the add form


def test_transactions_add_form_positive_offers_split(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.selectbox(key="transactions_add_category").set_value(a.INCOME_ID).run()
    assert at.checkbox(key="transactions_add_split").value is False
    assert at.selectbox(key="transactions_add_bucket").label == "Bucket"


def test_transactions_add_form_split_hides_bucket(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.selectbox(key="transactions_add_category").set_value(a.INCOME_ID).run()
    at = at.checkbox(key="transactions_add_split").check().run()
    form = at.get("form")[0]
    assert "Bucket" not in [s.label for s in form.selectbox]
    assert [s.label for s in form.selectbox] == ["Location"]


@pytest.mark.parametrize("category_id", [a.EXPENSE_ID, a.NEUTRAL_ID])
def test_transactions_add_form_no_split_for_other_signs(api, category_id):
    ledger_answers(api)
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(category_id).run()
    assert "transactions_add_split" not in [c.key for c in at.checkbox]
    assert "Bucket" in [s.label for s in at.get("form")[0].selectbox]


def test_transactions_add_form_amount_help_by_sign(api):
    ledger_answers(api)
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(a.NEUTRAL_ID).run()
    assert "negative" in at.text_input(key="transactions_add_amount").help
    at = at.selectbox(key="transactions_add_category").set_value(a.EXPENSE_ID).run()
    assert "More than zero" in at.text_input(key="transactions_add_amount").help


def test_transactions_add_posts_exact_body(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(a.EXPENSE_ID).run()
    at.date_input(key="transactions_add_date").set_value(datetime.date(2024, 5, 2))
    at.text_input(key="transactions_add_amount").input("12.5")
    at.text_input(key="transactions_add_description").input("  Groceries ")
    at.selectbox(key="transactions_add_location").set_value(a.CASH_ID)
    at.selectbox(key="transactions_add_bucket").set_value(a.SAVINGS_ID)
    at = button(at, "Add transaction").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "transactions/")
    assert body(post) == {
        "date": "2024-05-02",
        "description": "Groceries",
        "amount": "12.50",
        "category": a.EXPENSE_ID,
        "location": a.CASH_ID,
        "bucket": a.SAVINGS_ID,
        "split_income": False,
    }
    assert texts(at.success) == ["Added “Groceries”."]
    assert len(calls(api, "GET", "transactions/")) == 2  # the cache was dropped after the write


def test_transactions_add_split_income_sends_null_bucket(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(a.INCOME_ID).run()
    at = at.checkbox(key="transactions_add_split").check().run()
    at.text_input(key="transactions_add_amount").input("1 234,50")
    at.text_input(key="transactions_add_description").input("Salary")
    at = button(at, "Add transaction").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "transactions/")
    sent = body(post)
    assert sent["bucket"] is None
    assert sent["split_income"] is True
    assert sent["amount"] == "1234.50"
    assert sent["category"] == a.INCOME_ID
    assert sent["date"] == a.TODAY.isoformat()


def test_transactions_add_neutral_negative_amount(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(a.NEUTRAL_ID).run()
    at.text_input(key="transactions_add_amount").input("-3.5")
    at.text_input(key="transactions_add_description").input("Loan to Bo")
    at = button(at, "Add transaction").click().run()
    sent = body(calls(api, "POST", "transactions/")[0])
    assert (sent["amount"], sent["bucket"], sent["split_income"]) == ("-3.50", a.BUCKET_ID, False)


def test_transactions_add_refused_shows_api_message(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=400, json={"amount": ["Ensure this value is greater than 0."]})
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(a.EXPENSE_ID).run()
    at.text_input(key="transactions_add_amount").input("0")
    at.text_input(key="transactions_add_description").input("Nothing")
    at = button(at, "Add transaction").click().run()
    assert not at.exception
    assert texts(at.error) == ["Amount: Ensure this value is greater than 0."]
    assert not at.success
    # What was typed stays, to be corrected.
    assert at.text_input(key="transactions_add_amount").value == "0"
    assert at.text_input(key="transactions_add_description").value == "Nothing"


def test_transactions_add_success_empties_amount_and_description_only(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions").selectbox(key="transactions_add_category").set_value(a.EXPENSE_ID).run()
    location = at.selectbox(key="transactions_add_location").value
    at.text_input(key="transactions_add_amount").input("12.50")
    at.text_input(key="transactions_add_description").input("Lunch")
    at = button(at, "Add transaction").click().run()
    assert_clean(at)
    assert at.text_input(key="transactions_add_amount").value == ""
    assert at.text_input(key="transactions_add_description").value == ""
    assert at.selectbox(key="transactions_add_category").value == a.EXPENSE_ID
    assert at.selectbox(key="transactions_add_location").value == location


def test_transactions_add_bad_amount_sends_nothing(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.text_input(key="transactions_add_amount").input("abc")
    at.text_input(key="transactions_add_description").input("Salary")
    at = button(at, "Add transaction").click().run()
    assert texts(at.error) == ["'abc' is not an amount; write it like 1234.56"]
    assert not calls(api, "POST", "transactions/")


def test_transactions_transfer_posts_transfers(api):
    ledger_answers(api)
    api.post(url("transfers/"), status=201, json={"id": "t1"})
    at = open_page("transactions")
    at.date_input(key="transactions_transfer_date").set_value(datetime.date(2024, 6, 1))
    at.text_input(key="transactions_transfer_amount").input("200")
    at.selectbox(key="transactions_transfer_to_location").set_value(a.CASH_ID)
    at = button(at, "Transfer").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "transfers/")
    assert body(post) == {
        "date": "2024-06-01",
        "description": "Transfer",
        "amount": "200.00",
        "from_location": a.LOCATION_ID,
        "to_location": a.CASH_ID,
        "from_bucket": a.BUCKET_ID,
        "to_bucket": a.BUCKET_ID,
    }
    assert texts(at.success) == ["Moved €200.00."]


def test_transactions_transfer_refused_shows_message(api):
    ledger_answers(api)
    api.post(
        url("transfers/"),
        status=400,
        json={"non_field_errors": ["Choose two different locations or buckets."]},
    )
    at = open_page("transactions")
    at.text_input(key="transactions_transfer_amount").input("5")
    at = button(at, "Transfer").click().run()
    assert texts(at.error) == ["Choose two different locations or buckets."]


def test_transactions_add_huge_amount_says_what_is_wrong(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.text_input(key="transactions_add_amount").input("1e400")
    at.text_input(key="transactions_add_description").input("Lottery")
    at = button(at, "Add transaction").click().run()
    [error] = texts(at.error)
    assert "amount" in error
    assert not calls(api, "POST", "transactions/")
