"""budget_ui.editing: data editor edits as PATCH bodies, and sending them row by row."""

import pytest

from budget_ui import data, editing
from budget_ui.api import Api, SignedOut
from tests import answers as a
from tests.helpers import API, body, url

ROWS = [
    {"id": "r0", "name": "ING"},
    {"id": "r1", "name": "Cash"},
    {"id": "r2", "name": "Card"},
]


def _name(value):
    if not str(value).strip():
        raise ValueError("a name cannot be empty")
    return str(value).strip()


FIELDS = {"Name": ("name", _name), "Share %": ("allocation_percentage", str)}


@pytest.fixture
def tokens(monkeypatch):
    """The session tokens data.write uses, outside any Streamlit script run."""
    session = {"auth_access": "access-1", "auth_refresh": "refresh-1"}
    monkeypatch.setattr(data, "_api", lambda: Api(session, url=API))
    monkeypatch.setattr(data, "_forget", lambda kind: None)  # session caches need a script run
    return session


def test_changes_builds_bodies_in_row_order():
    edited = {"2": {"Name": " Card "}, "0": {"Name": "Bank", "Share %": 10}}
    result = editing.changes(ROWS, edited, FIELDS)
    assert [(c.row["id"], c.body, c.error) for c in result] == [
        ("r0", {"name": "Bank", "allocation_percentage": "10"}, None),
        ("r2", {"name": "Card"}, None),
    ]


def test_changes_ignores_columns_not_editable():
    assert editing.changes(ROWS, {1: {"Delete": True, "Balance": "9"}}, FIELDS) == []


def test_changes_keeps_converter_message():
    [change] = editing.changes(ROWS, {1: {"Name": "  "}}, FIELDS)
    assert change.row["id"] == "r1"
    assert change.error == "Name: a name cannot be empty"


def test_changes_integer_keys():
    [change] = editing.changes(ROWS, {1: {"Name": "Wallet"}}, FIELDS)
    assert (change.row["id"], change.body) == ("r1", {"name": "Wallet"})


def test_apply_patches_each_row_and_collects_errors(api, tokens):
    api.patch(url("locations/r0/"), status=400, json={"name": ["You already have a location named “Cash”."]})
    api.patch(url("locations/r1/"), json={"id": "r1", "name": "Wallet"})
    api.patch(url("locations/r2/"), status=200, json={"id": "r2", "name": "Visa"})
    items = editing.changes(ROWS, {0: {"Name": "Cash"}, 1: {"Name": "Wallet"}, 2: {"Name": "Visa"}}, FIELDS)
    errors = editing.apply("locations", items, lambda row: row["name"])
    assert errors == ["ING: Name: You already have a location named “Cash”."]
    assert [(c.request.method, c.request.url, body(c)) for c in api.calls] == [
        ("PATCH", url("locations/r0/"), {"name": "Cash"}),
        ("PATCH", url("locations/r1/"), {"name": "Wallet"}),
        ("PATCH", url("locations/r2/"), {"name": "Visa"}),
    ]
    assert all(c.request.headers["Authorization"] == "Bearer access-1" for c in api.calls)


def test_apply_skips_rows_with_typing_errors(api, tokens):
    api.patch(url("locations/r1/"), json={"id": "r1"})
    items = editing.changes(ROWS, {0: {"Name": ""}, 1: {"Name": "Wallet"}}, FIELDS)
    errors = editing.apply("locations", items, lambda row: row["name"])
    assert errors == ["ING: Name: a name cannot be empty"]
    assert [c.request.url for c in api.calls] == [url("locations/r1/")]


def test_apply_delete_issues_deletes(api, tokens):
    api.delete(url("transactions/r0/"), status=204)
    api.delete(
        url("transactions/r2/"), status=400, json={"detail": "Delete the transfer, not one of its legs."}
    )
    items = [editing.Change(ROWS[0]), editing.Change(ROWS[2])]
    errors = editing.apply("transactions", items, lambda row: row["name"], delete=True)
    assert errors == ["Card: Delete the transfer, not one of its legs."]
    assert [(c.request.method, c.request.url) for c in api.calls] == [
        ("DELETE", url("transactions/r0/")),
        ("DELETE", url("transactions/r2/")),
    ]


def test_apply_stops_when_signed_out(api, tokens):
    api.patch(url("locations/r0/"), status=401, json={"detail": "expired"})
    api.post(url("token/refresh/"), status=401, json={"detail": "blacklisted"})
    items = editing.changes(ROWS, {0: {"Name": "A"}, 1: {"Name": "B"}}, FIELDS)
    with pytest.raises(SignedOut):
        editing.apply("locations", items, lambda row: row["name"])
    assert len([c for c in api.calls if c.request.method == "PATCH"]) == 1
    assert "auth_access" not in tokens


def test_apply_forgets_caches_after_each_write(api, tokens, monkeypatch):
    forgotten = []
    monkeypatch.setattr(data, "_forget", forgotten.append)
    api.patch(url("locations/r0/"), status=400, json={"name": ["taken"]})
    api.patch(url("locations/r1/"), json={})
    editing.apply("locations", editing.changes(ROWS, {0: {"Name": "A"}, 1: {"Name": "B"}}, FIELDS), str)
    assert forgotten == ["locations", "locations"]


def test_apply_nothing_to_do(api, tokens):
    assert editing.apply("locations", [], str) == []
    assert not api.calls


def test_apply_unknown_resource_refused(tokens):
    with pytest.raises(ValueError, match="Unknown resource"):
        editing.apply("users", [editing.Change({"id": "x"}, {"name": "y"})], str)


def test_changes_with_ledger_fields_end_to_end():
    from budget_ui import ledger

    fields = ledger.edit_fields({"Rent": a.EXPENSE_ID}, {"ING": a.LOCATION_ID}, {"Necessities": a.BUCKET_ID})
    rows = [a.transaction()]
    [change] = editing.changes(rows, {"0": {"Amount": "15", "Category": "Rent", "Bucket": ""}}, fields)
    assert change.body == {"amount": "15.00", "category": a.EXPENSE_ID, "bucket": None}
    [bad] = editing.changes(rows, {"0": {"Amount": "1,5,5"}}, fields)
    assert bad.error.startswith("Amount: ")
