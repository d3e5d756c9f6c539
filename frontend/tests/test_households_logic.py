"""budget_ui.households: the switcher's labels and default, the activity query and tables."""

import datetime

import pytest

from budget_ui import households, ledger
from tests import answers as a


def test_labels_are_unique():
    rows = [a.household("Personal"), a.household("Personal", id_="x" * 36), a.household("Family", id_="f-1")]
    labels = households.labels(rows)
    assert len(set(labels.values())) == 3
    assert labels["f-1"] == "Family"


@pytest.mark.parametrize(("wanted", "index"), [(a.SHARED_ID, 1), (None, 0), ("gone", 0)])
def test_default_index_is_the_default_household_else_the_first(wanted, index):
    rows = [a.household(), a.household("Family", id_=a.SHARED_ID)]
    assert households.default_index(rows, wanted) == index


def test_activity_query_drops_unset_filters_and_spells_dates():
    query = households.activity_query(
        action=" transaction.created ",
        object_type="",
        actor=None,
        date_from=datetime.date(2024, 5, 1),
        date_to=None,
        page=3,
    )
    assert query == {"action": "transaction.created", "date_from": "2024-05-01", "page": 3, "page_size": 25}


def test_activity_table_shows_changes_before_and_after():
    entry = {
        "at": "2024-05-01T10:20:30Z",
        "actor": None,
        "action": "bucket.updated",
        "summary": "",
        "changes": {"name": ["Fun", "Joy"], "goal_amount": [None, "100.00"]},
    }
    table = households.activity_table([entry])
    assert table.loc[0, "Changes"] == "name: Fun → Joy; goal_amount: ∅ → 100.00"
    assert table.loc[0, "Who"] == ""


@pytest.mark.parametrize(("role", "label"), [("OWNER", "Owner"), ("viewer", "Viewer"), ("EDITOR", "Editor")])
def test_role_label(role, label):
    assert households.role_label(role) == label


def test_ledger_table_by_column_only_when_asked():
    row = a.transaction() | {"created_by": {"id": "u", "email": "bo@example.com"}}
    assert "By" not in ledger.table([row], "EUR").columns
    table = ledger.table([row], "EUR", by=True)
    assert table["By"].tolist() == ["bo@example.com"]
    assert list(table.columns)[-2:] == ["By", "Delete"]
