"""The Transactions page: the list, and the add and transfer forms."""

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
    assert texts(at.main.caption)[-1] == "1 transaction; showing 1-1, page 1 of 1"
    table = at.data_editor[0].value
    assert table.loc[0, "Description"] == "Groceries"
    assert table.loc[0, "Amount"] == "-12.50"  # symptom 12: one signed amount, no "Effect"
    assert "Effect" not in table.columns
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
    assert at.main.page_link[0].proto.page == "setup"
    assert not calls(api, "GET", "transactions/")


def test_transactions_empty_ledger_info(api):
    ledger_answers(api, rows=[])
    at = open_page("transactions")
    assert_clean(at)
    assert texts(at.info) == ["No transactions yet. Add one above."]
    assert not at.data_editor


# ---------------------------------------------------------------------- the add form


def _fill(at, category=a.EXPENSE_ID, amount="12.5", description="Lunch", **keys):
    """Fill the quick-add form (no rerun: it is a form); `keys` are more widget keys and values."""
    at.selectbox(key="transactions_add_category").set_value(category)
    at.text_input(key="transactions_add_amount").input(amount)
    at.text_input(key="transactions_add_description").input(description)
    for key, value in keys.items():
        widget = at.text_input(key=key) if key.endswith("date") else at.selectbox(key=key)
        widget.input(value) if key.endswith("date") else widget.set_value(value)
    return button(at, "Add transaction").click().run()


def test_transactions_add_form_is_open_at_the_top_with_split_on(api):
    """Symptoms 11, 12: quick add before the list, the split checkbox inside the form and ticked."""
    ledger_answers(api)
    at = open_page("transactions")
    assert_clean(at)
    assert not [e for e in at.expander if e.label == "Add a transaction"]
    split = at.checkbox(key="transactions_add_split")
    assert split.value is True
    assert split.proto.form_id == at.text_input(key="transactions_add_amount").proto.form_id != ""
    assert at.selectbox(key="transactions_add_category").value is None


def test_transactions_add_posts_exact_body(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions")
    at = _fill(
        at,
        description="  Groceries ",
        transactions_add_date="2024-05-02",
        transactions_add_location=a.CASH_ID,
        transactions_add_bucket=a.SAVINGS_ID,
    )
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
    assert [t.proto.body for t in at.toast] == ["Added “Groceries”."]
    assert len(calls(api, "GET", "transactions/")) == 2  # the cache was dropped after the write


def test_transactions_add_income_is_split_by_default(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = _fill(open_page("transactions"), category=a.INCOME_ID, amount="1,234.50", description="Salary")
    assert_clean(at)
    sent = body(calls(api, "POST", "transactions/")[0])
    assert (sent["bucket"], sent["split_income"], sent["amount"]) == (None, True, "1234.50")
    assert sent["date"] == a.TODAY.isoformat()


def test_transactions_add_income_unticked_keeps_the_bucket(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions")
    at.checkbox(key="transactions_add_split").uncheck()
    at = _fill(at, category=a.INCOME_ID)
    sent = body(calls(api, "POST", "transactions/")[0])
    assert (sent["bucket"], sent["split_income"]) == (a.BUCKET_ID, False)


def test_transactions_add_neutral_negative_amount(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    _fill(open_page("transactions"), category=a.NEUTRAL_ID, amount="-3.5", description="Loan to Bo")
    sent = body(calls(api, "POST", "transactions/")[0])
    assert (sent["amount"], sent["bucket"], sent["split_income"]) == ("-3.50", a.BUCKET_ID, False)


def test_transactions_add_refused_shows_api_message(api):
    ledger_answers(api)
    api.post(url("transactions/"), status=400, json={"amount": ["Ensure this value is greater than 0."]})
    at = _fill(open_page("transactions"), amount="0", description="Nothing")
    assert not at.exception
    assert texts(at.error) == ["Amount: Ensure this value is greater than 0."]
    assert not at.success
    # What was typed stays, to be corrected.
    assert at.text_input(key="transactions_add_amount").value == "0"
    assert at.text_input(key="transactions_add_description").value == "Nothing"
    assert at.selectbox(key="transactions_add_category").value == a.EXPENSE_ID


def test_transactions_add_success_clears_category_amount_and_description(api):
    """Symptom 3: the category and amount just added are not offered again; location and date stay."""
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = _fill(open_page("transactions"), transactions_add_location=a.CASH_ID)
    assert_clean(at)
    assert at.text_input(key="transactions_add_amount").value == ""
    assert at.text_input(key="transactions_add_description").value == ""
    assert at.selectbox(key="transactions_add_category").value is None
    assert at.selectbox(key="transactions_add_location").value == a.CASH_ID


def test_transactions_add_several_in_a_row(api):
    """Symptom 4: the form stays open and ready; three adds need no re-opening."""
    ledger_answers(api)
    api.post(url("transactions/"), status=201, json=a.transaction())
    at = open_page("transactions")
    for n in range(3):
        at = _fill(at, amount=f"{n + 1}", description=f"Coffee {n}")
        assert_clean(at)
    assert [body(c)["description"] for c in calls(api, "POST", "transactions/")] == [
        "Coffee 0",
        "Coffee 1",
        "Coffee 2",
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount": "abc"}, "'abc' is not an amount; write it like 1234.56"),
        (
            {"transactions_add_date": "1800/01/01"},
            "1800-01-01 is outside the dates kept (1900-01-01 to 2100-12-31).",
        ),
        ({"transactions_add_date": "someday"}, "'someday' is not a date; write it like 2024-05-31."),
        (
            {"description": "x" * 400},
            "The description is 400 characters long; at most 255 fit. Shorten it.",
        ),
    ],
)
def test_transactions_add_refuses_before_sending(api, fields, message):
    """Symptoms 5 and 7: a bad date is never saved as today, a long description never dropped."""
    ledger_answers(api)
    at = _fill(open_page("transactions"), **fields)
    assert texts(at.error) == [message]
    assert not calls(api, "POST", "transactions/")
    assert at.text_input(key="transactions_add_description").value == fields.get("description", "Lunch")


def test_transactions_add_without_category_says_so(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.text_input(key="transactions_add_amount").input("5")
    at = button(at, "Add transaction").click().run()
    assert texts(at.error) == ["Choose a category."]


def test_transactions_transfer_posts_transfers(api):
    ledger_answers(api)
    api.post(url("transfers/"), status=201, json={"id": "t1"})
    at = open_page("transactions")
    at.text_input(key="transactions_transfer_date").input("2024-06-01")
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
    assert at.text_input(key="transactions_transfer_amount").value == ""


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
    assert at.text_input(key="transactions_transfer_amount").value == "5"


def test_transactions_add_huge_amount_says_what_is_wrong(api):
    ledger_answers(api)
    at = _fill(open_page("transactions"), amount="1e400", description="Lottery")
    [error] = texts(at.error)
    assert "amount" in error
    assert not calls(api, "POST", "transactions/")
