"""The in-place editors of Transactions and Budget setup, seeded through their session state.

AppTest cannot type into a data editor, but it accepts the editor's edit state
(`edited_rows`) assigned on `at.session_state` before a run, as the browser would send it.
"""

from tests import answers as a
from tests.helpers import assert_clean, body, calls, ledger_answers, open_page, texts, url

OTHER_ID = "d0000000-0000-0000-0000-000000000002"


def _edit(at, edited_rows: dict, index: int = 0):
    """Run the page again with these edits in its `index`-th editor."""
    key = at.data_editor[index].key
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def _setup(api):
    api.get(url("locations/"), json=a.paginated([a.location("ING")]))
    api.get(url("buckets/"), json=a.paginated([a.bucket("Necessities", share="60.00")]))
    api.get(url("categories/"), json=a.paginated(a.CATEGORIES))
    api.get(url("buckets/allocation/"), json=a.allocation("60.00"))


def test_transactions_editor_save_patches_changed_fields(api):
    ledger_answers(api, [a.transaction()])
    api.patch(url(f"transactions/{a.transaction()['id']}/"), json=a.transaction(amount="15.00"))
    at = open_page("transactions")
    assert at.button(key="transactions_save").disabled
    at = _edit(at, {0: {"Amount": "15", "Category": "Loan", "Description": " Market "}})
    assert at.button(key="transactions_save").label == "Save 1 edited row"
    at = at.button(key="transactions_save").click().run()
    assert_clean(at)
    [patch] = calls(api, "PATCH", f"transactions/{a.transaction()['id']}/")
    assert body(patch) == {"amount": "15.00", "category": a.NEUTRAL_ID, "description": "Market"}
    assert texts(at.success) == ["Saved 1 row."]
    # Symptom 6: also a toast, which outlives the editor's second rerun in the browser.
    assert [toast.proto.body for toast in at.toast] == ["Saved 1 row."]


def test_transactions_editor_signed_amount_of_an_expense_sent_positive(api):
    """Symptom 12: the list shows -12.50 for rent; typing -15 there means 15.00 spent."""
    ledger_answers(api, [a.transaction()])
    api.patch(url(f"transactions/{a.transaction()['id']}/"), json=a.transaction(amount="15.00"))
    at = _edit(open_page("transactions"), {0: {"Amount": "-15"}})
    at = at.button(key="transactions_save").click().run()
    assert_clean(at)
    [patch] = calls(api, "PATCH", f"transactions/{a.transaction()['id']}/")
    assert body(patch) == {"amount": "15.00"}


def test_transactions_editor_one_error_per_refused_row(api):
    ledger_answers(api, [a.transaction(), a.transaction(id=OTHER_ID, description="Rent")])
    api.patch(
        url(f"transactions/{a.transaction()['id']}/"), status=400, json={"amount": ["Must be more than 0."]}
    )
    api.patch(url(f"transactions/{OTHER_ID}/"), json=a.transaction(id=OTHER_ID))
    at = _edit(open_page("transactions"), {0: {"Amount": "-1"}, 1: {"Amount": "2"}})
    at = at.button(key="transactions_save").click().run()
    assert not at.exception
    assert texts(at.error) == ["2024-05-02 Groceries: Amount: Must be more than 0."]
    assert len(calls(api, "PATCH", f"transactions/{OTHER_ID}/")) == 1


def test_transactions_editor_typing_error_sends_nothing(api):
    ledger_answers(api, [a.transaction()])
    at = _edit(open_page("transactions"), {0: {"Amount": "twelve"}})
    at = at.button(key="transactions_save").click().run()
    assert texts(at.error) == [
        "2024-05-02 Groceries: Amount: 'twelve' is not an amount; write it like 1234.56"
    ]
    assert not calls(api, "PATCH", f"transactions/{a.transaction()['id']}/")


def test_transactions_editor_delete_selected(api):
    ledger_answers(api, [a.transaction(), a.transaction(id=OTHER_ID, description="Rent")])
    api.delete(url(f"transactions/{OTHER_ID}/"), status=204)
    at = _edit(open_page("transactions"), {1: {"Delete": True}})
    assert at.button(key="transactions_save").disabled  # ticking Delete is not an edit
    assert at.button(key="transactions_delete").label == "Delete 1 selected"
    at = at.button(key="transactions_delete").click().run()
    assert_clean(at)
    assert [c.request.url for c in api.calls if c.request.method == "DELETE"] == [
        url(f"transactions/{OTHER_ID}/")
    ]
    assert texts(at.success) == ["Deleted 1 transaction."]


def test_transactions_editor_delete_transfer_legs_deletes_the_transfer_once(api):
    out = a.transaction(transfer="tr1", description="To savings")
    into = a.transaction(id=OTHER_ID, transfer="tr1", description="To savings")
    ledger_answers(api, [out, into, a.transaction(id="d0000000-0000-0000-0000-000000000003")])
    api.delete(url("transfers/tr1/"), status=204)
    api.delete(url("transactions/d0000000-0000-0000-0000-000000000003/"), status=204)
    at = _edit(open_page("transactions"), {0: {"Delete": True}, 1: {"Delete": True}, 2: {"Delete": True}})
    at = at.button(key="transactions_delete").click().run()
    assert_clean(at)
    assert [c.request.url for c in api.calls if c.request.method == "DELETE"] == [
        url("transactions/d0000000-0000-0000-0000-000000000003/"),
        url("transfers/tr1/"),
    ]
    assert texts(at.success) == ["Deleted 1 transaction and 1 transfer."]


def test_transactions_editor_delete_transfer_refused_shows_message(api):
    leg = a.transaction(transfer="tr1")
    ledger_answers(api, [leg])
    api.delete(url("transfers/tr1/"), status=404, json={"detail": "Not found."})
    at = _edit(open_page("transactions"), {0: {"Delete": True}})
    at = at.button(key="transactions_delete").click().run()
    assert texts(at.error) == ["2024-05-02 Groceries: Not found."]


def test_setup_editor_rename_location(api):
    _setup(api)
    api.patch(url(f"locations/{a.LOCATION_ID}/"), json=a.location("Bank"))
    at = open_page("setup")
    assert at.button(key="setup_locations_save").disabled
    at = _edit(at, {0: {"Name": " Bank "}})
    at = at.button(key="setup_locations_save").click().run()
    assert_clean(at)
    assert body(calls(api, "PATCH", f"locations/{a.LOCATION_ID}/")[0]) == {"name": "Bank"}
    assert texts(at.success) == ["Saved."]


def test_setup_editor_bucket_share_sent_as_string(api):
    _setup(api)
    api.patch(url(f"buckets/{a.BUCKET_ID}/"), json=a.bucket(share="50.00"))
    at = _edit(open_page("setup"), {0: {"Share %": "50.50"}}, index=1)
    at = at.button(key="setup_buckets_save").click().run()
    assert_clean(at)
    assert body(calls(api, "PATCH", f"buckets/{a.BUCKET_ID}/")[0]) == {"allocation_percentage": "50.5"}


def test_setup_editor_refused_share_shows_message(api):
    _setup(api)
    message = "Total allocation would be 140.00%; 40.00% is left."
    api.patch(url(f"buckets/{a.BUCKET_ID}/"), status=400, json={"allocation_percentage": [message]})
    at = _edit(open_page("setup"), {0: {"Share %": "100"}}, index=1)
    at = at.button(key="setup_buckets_save").click().run()
    assert not at.exception
    assert texts(at.error) == [f"Necessities: Allocation percentage: {message}"]
