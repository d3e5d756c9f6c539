"""The Import and Rules pages' logic: the file's preview, the mapping, edited rows as PATCH bodies."""

import pandas as pd
import pytest

from budget_ui import imports, rules

CATEGORIES = {"c1": "Food", "c2": "Salary"}
BUCKETS = {"b1": "Needs", "b2": "Fun"}


def row(line, **fields):
    return {
        "line": line,
        "date": "2024-03-01",
        "description": "Coffee",
        "amount": "-3.50",
        "category": None,
        "bucket": None,
        "split_income": False,
        "duplicate": "NEW",
        "duplicate_of": None,
        "include": True,
        "error": "",
        **fields,
    }


@pytest.mark.parametrize(
    ("content", "columns"),
    [
        (b"Date;Text;Amount\n01.03.2024;Caf\xe9;-3,50\n", ["Date", "Text", "Amount"]),
        (
            b"\xef\xbb\xbfDate,Description,Debit,Credit\n03/01/2024,Coffee,3.50,\n",
            ["Date", "Description", "Debit", "Credit"],
        ),
    ],
)
def test_preview_reads_the_header_and_first_rows(content, columns):
    frame = imports.preview(content)
    assert list(frame.columns) == columns
    assert len(frame) == 1


@pytest.mark.parametrize("content", [b"OFXHEADER:100\n<OFX>", b"\x00\x01\x02"])
def test_preview_of_what_is_not_csv_is_none(content):
    assert imports.preview(content) is None


def test_mapping_body_takes_one_amount_or_debit_and_credit():
    assert imports.mapping_body(
        date="D",
        description="T",
        amount=None,
        debit="Out",
        credit="In",
        date_format="DD.MM.YYYY",
        decimal=None,
    ) == {
        "date": "D",
        "description": "T",
        "debit": "Out",
        "credit": "In",
        "date_format": "DD.MM.YYYY",
    }
    with pytest.raises(ValueError, match="amount"):
        imports.mapping_body(
            date="D", description="T", amount=None, debit="Out", credit=None, date_format=None, decimal=None
        )


def test_rows_frame_and_the_changes_made_in_it():
    table = imports.rows_frame(
        [
            row(2, category="c1", bucket="b1"),
            row(3, duplicate="DUPLICATE", include=False),
            row(4, error="Line 4: x"),
        ],
        CATEGORIES,
        BUCKETS,
    )
    assert table["Flag"].tolist() == ["new", "already imported", "invalid"]
    assert table["Category"].tolist()[0] == "Food"
    assert table["Category"].isna().tolist() == [False, True, True]
    edited = table.copy()
    edited.loc[0, "Bucket"] = "Fun"
    edited.loc[1, ["Category", "Bucket", "Include"]] = ["Salary", "(split)", True]
    assert list(imports.changes(table, edited, CATEGORIES, BUCKETS)) == [
        (2, {"bucket": "b2", "split_income": False}),
        (3, {"category": "c2", "split_income": True, "include": True}),
    ]
    assert list(imports.changes(table, table.copy(), CATEGORIES, BUCKETS)) == []


@pytest.mark.parametrize(
    ("status", "done", "total", "fraction"),
    [("QUEUED", 0, 0, 0.0), ("PARSING", 500, 2000, 0.25), ("COMMITTING", 2000, 2000, 1.0)],
)
def test_progress(status, done, total, fraction):
    assert (
        imports.progress({"status": status, "progress": {"rows_done": done, "rows_total": total}})[0]
        == fraction
    )


def test_rule_body_leaves_empty_inputs_out():
    body = rules.body(
        name=" Coffee ",
        priority=5,
        is_active=True,
        contains="coffee",
        amount_min="",
        amount_max="10",
        location=None,
        direction="OUT",
        category="c1",
        bucket="b1",
        split_income=False,
        description="",
    )
    assert body == {
        "name": "Coffee",
        "priority": 5,
        "is_active": True,
        "conditions": {
            "description_contains": "coffee",
            "amount_min": None,
            "amount_max": "10",
            "location": None,
            "direction": "OUT",
        },
        "actions": {"category": "c1", "bucket": "b1", "split_income": None, "description": ""},
    }
    table = rules.table(
        [{**body, "id": "r1", "conditions": {**body["conditions"], "amount_min": None}}],
        {"c1": "Food", "b1": "Needs"},
    )
    assert table.loc[0, "When"] == "“coffee” in the text, amount 0 to 10, money out"
    assert table.loc[0, "Then"] == "Food, bucket Needs"
    assert isinstance(table, pd.DataFrame)
