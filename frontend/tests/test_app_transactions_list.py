"""The Transactions page's list: filters, paging, CSV export and the legs of split incomes."""

import datetime

from tests import answers as a
from tests.helpers import (
    USER,
    app,
    assert_clean,
    button,
    calls,
    last_list_query,
    ledger_answers,
    ledger_lookups,
    ledger_pages,
    ledger_rows,
    open_page,
    query,
    texts,
    url,
)


def test_transactions_filters_sent_as_query(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.date_input(key="from").set_value(datetime.date(2024, 1, 1))
    at.date_input(key="to").set_value(datetime.date(2024, 12, 31))
    at.text_input(key="min").input("10,5")
    at.text_input(key="max").input("1000")
    at.selectbox(key="category").set_value(a.EXPENSE_ID)
    at.selectbox(key="kind").set_value("NEGATIVE")
    at.selectbox(key="location").set_value(a.CASH_ID)
    at.selectbox(key="bucket").set_value(a.SAVINGS_ID)
    at.text_input(key="search").input("  rent ")
    at = button(at, "Apply filters").click().run()
    assert_clean(at)
    assert last_list_query(api) == {
        "date_from": "2024-01-01",
        "date_to": "2024-12-31",
        "amount_min": "10.50",
        "amount_max": "1000.00",
        "category": a.EXPENSE_ID,
        "sign": "NEGATIVE",
        "location": a.CASH_ID,
        "bucket": a.SAVINGS_ID,
        "search": "rent",
        "ordering": "-date",
        "page": "1",
        "page_size": "50",
    }
    assert texts(at.main.caption)[-1].startswith("1 transaction matches the filters")


def test_transactions_bad_filter_amount_shows_error(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.text_input(key="min").input("ten")
    at = button(at, "Apply filters").click().run()
    assert texts(at.error) == ["'ten' is not an amount; write it like 1234.56"]
    assert len(calls(api, "GET", "transactions/")) == 1  # the list as it was, from the cache
    assert at.session_state["transactions_params"] == {}
    assert at.text_input(key="min").value == "ten"  # kept, to be corrected


def test_transactions_filters_reset_to_page_one(api):
    ledger_answers(api, rows=ledger_rows(50), count=120)
    at = open_page("transactions")
    at = at.number_input(key="page").set_value(3).run()
    assert last_list_query(api)["page"] == "3"
    at.text_input(key="search").input("rent")
    at = button(at, "Apply filters").click().run()
    assert_clean(at)
    assert last_list_query(api)["page"] == "1"
    assert last_list_query(api)["search"] == "rent"
    assert at.number_input(key="page").value == 1


def test_transactions_clear_filters(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.text_input(key="search").input("rent")
    at = button(at, "Apply filters").click().run()
    at = button(at, "Clear filters").click().run()
    assert at.session_state["transactions_params"] == {}
    assert texts(at.main.caption)[-1] == "1 transaction; showing 1-1, page 1 of 1"


def test_transactions_clear_filters_empties_the_inputs(api):
    ledger_answers(api)
    at = open_page("transactions")
    at.text_input(key="search").input("rent")
    at = button(at, "Apply filters").click().run()
    at = button(at, "Clear filters").click().run()
    at = button(at, "Apply filters").click().run()
    assert at.text_input(key="search").value == ""
    assert at.session_state["transactions_params"] == {}


def test_transactions_paging_caption_and_page_two(api):
    ledger_lookups(api)
    ledger_pages(api, 120)
    at = open_page("transactions")
    assert_clean(at)
    assert texts(at.main.caption)[-1] == "120 transactions; showing 1-50, page 1 of 3"
    assert at.number_input(key="page").max == 3
    at = at.number_input(key="page").set_value(2).run()
    assert_clean(at)
    assert last_list_query(api) == {"ordering": "-date", "page": "2", "page_size": "50"}
    assert texts(at.main.caption)[-1] == "120 transactions; showing 51-100, page 2 of 3"
    assert at.data_editor[0].value["Description"].tolist()[:2] == ["Row 0", "Row 1"]


def test_transactions_last_page_caption(api):
    ledger_lookups(api)
    ledger_pages(api, 120)
    at = open_page("transactions").number_input(key="page").set_value(3).run()
    assert_clean(at)
    assert texts(at.main.caption)[-1] == "120 transactions; showing 101-120, page 3 of 3"
    assert len(at.data_editor[0].value) == 20


def test_transactions_page_size_and_ordering_sent(api):
    ledger_answers(api, rows=ledger_rows(25), count=120)
    at = open_page("transactions")
    at.selectbox(key="size").set_value(25)
    at = at.selectbox(key="order").set_value("Smallest amount first").run()
    assert last_list_query(api) == {"ordering": "amount", "page": "1", "page_size": "25"}
    assert texts(at.main.caption)[-1] == "120 transactions; showing 1-25, page 1 of 5"


def test_transactions_export_uses_filters_then_offers_download(api):
    ledger_answers(api)
    api.get(
        url("transactions/export/"), body=b"date,description\n2024-05-02,Groceries\n", content_type="text/csv"
    )
    at = open_page("transactions")
    assert not at.get("download_button")
    at.text_input(key="search").input("groc")
    at = button(at, "Apply filters").click().run()
    at = at.button(key="transactions_export").click().run()
    assert_clean(at)
    [export] = calls(api, "GET", "transactions/export/")
    assert query(export) == {"search": "groc", "ordering": "-date"}
    [download] = at.get("download_button")
    assert download.proto.label == "Download transactions.csv"


def test_transactions_export_forgotten_when_filters_change(api):
    ledger_answers(api)
    api.get(url("transactions/export/"), body=b"date\n", content_type="text/csv")
    at = open_page("transactions").button(key="transactions_export").click().run()
    assert at.get("download_button")
    at.text_input(key="search").input("other")
    at = button(at, "Apply filters").click().run()
    assert not at.get("download_button")


def test_transactions_split_legs_table(api):
    split = a.transaction(
        id="d0000000-0000-0000-0000-000000000009",
        description="Salary",
        amount="1000.00",
        signed_amount="1000.00",
        category=a.INCOME_ID,
        category_name="Salary",
        category_sign="POSITIVE",
        bucket=None,
        bucket_name=None,
        split_income=True,
        allocation_status="ALLOCATED",
        allocations=[
            {"bucket": a.BUCKET_ID, "bucket_name": "Necessities", "percentage": "60.00", "amount": "600.00"},
            {"bucket": a.SAVINGS_ID, "bucket_name": "Savings", "percentage": "40.00", "amount": "400.00"},
        ],
    )
    ledger_answers(api, rows=[split, a.transaction()])
    at = open_page("transactions")
    assert_clean(at)
    assert "Split incomes on this page" in texts(at.subheader)
    legs = at.dataframe[-1].value
    assert legs.to_dict("list") == {
        "Income": ["2024-05-02 Salary", "2024-05-02 Salary"],
        "Bucket": ["Necessities", "Savings"],
        "Share": ["60.00 %", "40.00 %"],
        "Amount": ["€600.00", "€400.00"],
    }
    table = at.data_editor[0].value
    assert table["Split"].tolist() == ["split", ""]
    assert table["Bucket"].tolist() == ["", "Necessities"]


def test_transactions_pending_split_says_so(api):
    pending = a.transaction(split_income=True, allocation_status="PENDING", bucket=None, bucket_name=None)
    ledger_answers(api, rows=[pending])
    at = open_page("transactions")
    assert "1 still being shared out over the buckets; reload in a moment." in texts(at.main.caption)
    assert at.data_editor[0].value["Split"].tolist() == ["splitting…"]


def test_transactions_larger_page_size_on_last_page_shows_list(api):
    ledger_lookups(api)
    ledger_pages(api, 120)
    at = open_page("transactions").number_input(key="page").set_value(3).run()
    at = at.selectbox(key="size").set_value(200).run()
    assert_clean(at)
    assert texts(at.main.caption)[-1] == "120 transactions; showing 1-120, page 1 of 1"


def test_transactions_list_state_comes_from_the_link(api):
    """A reload or a shared link (/transactions?search=rent&kind=Expense&size=25&page=2) shows that list."""
    ledger_lookups(api)
    ledger_pages(api, 120)
    at = app(USER)
    at.query_params.update(
        {"search": "rent", "kind": "Expense", "order": "Smallest amount first", "size": "25", "page": "2"}
    )
    at = at.switch_page("app_pages/transactions.py").run()
    assert_clean(at)
    assert last_list_query(api) == {
        "search": "rent",
        "sign": "NEGATIVE",
        "ordering": "amount",
        "page": "2",
        "page_size": "25",
    }
    assert at.text_input(key="search").value == "rent"
    assert at.selectbox(key="order").value == "Smallest amount first"
