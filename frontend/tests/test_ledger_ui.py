"""budget_ui.ledger: lookups by name, rows as the editor's table, edits as API fields."""

import datetime

import pandas as pd
import pytest

from budget_ui import ledger
from tests import answers as a


def test_by_name_maps_names_to_ids():
    rows = [a.location("ING", id_="l1"), a.location("Cash", id_="l2")]
    assert ledger.by_name(rows) == {"ING": "l1", "Cash": "l2"}


@pytest.mark.parametrize("order", [1, -1])
def test_by_name_prefers_active_over_archived(order):
    rows = [a.location("ING", id_="old", archived=True), a.location("ING", id_="new")][::order]
    assert ledger.by_name(rows) == {"ING": "new"}


def test_table_columns_and_values():
    split = a.transaction(
        id="t2",
        split_income=True,
        allocation_status="PENDING",
        bucket=None,
        bucket_name=None,
        signed_amount="1000.00",
    )
    transfer_leg = a.transaction(id="t3", transfer="tr1", signed_amount="-200.00")
    frame = ledger.table([a.transaction(), split, transfer_leg], "EUR")
    # Symptom 12 and the 390 px screen: date, description and the signed amount first, one amount column.
    assert list(frame.columns) == [
        "Date",
        "Description",
        "Amount",
        "Category",
        "Location",
        "Bucket",
        "Split",
        "Transfer",
        "Delete",
    ]
    assert frame["Delete"].tolist() == [False, False, False]
    assert frame["Date"].tolist() == [datetime.date(2024, 5, 2)] * 3
    assert frame["Amount"].tolist() == ["-12.50", "1,000.00", "-200.00"]
    assert frame["Bucket"].tolist() == ["Necessities", ledger.NO_BUCKET, "Necessities"]
    assert frame["Split"].tolist() == ["", "splitting…", ""]
    assert frame["Transfer"].tolist() == [False, False, True]


def test_table_of_no_rows_is_empty():
    assert len(ledger.table([], "EUR")) == 0


def test_legs_one_line_per_share():
    row = a.transaction(
        description="Salary",
        split_income=True,
        allocation_status="ALLOCATED",
        allocations=[
            {"bucket": "b1", "bucket_name": "Fun", "percentage": "33.33", "amount": "333.30"},
            {"bucket": "b2", "bucket_name": "Rest", "percentage": "66.67", "amount": "1666.70"},
        ],
    )
    frame = ledger.legs([row], "RON")
    assert frame.to_dict("records") == [
        {"Income": "2024-05-02 Salary", "Bucket": "Fun", "Share": "33.33 %", "Amount": "RON333.30"},
        {"Income": "2024-05-02 Salary", "Bucket": "Rest", "Share": "66.67 %", "Amount": "RON1,666.70"},
    ]


def test_legs_without_allocations_keeps_columns():
    frame = ledger.legs([a.transaction()], "EUR")
    assert frame.empty
    assert list(frame.columns) == ["Income", "Bucket", "Share", "Amount"]


FIELDS = ledger.edit_fields({"Rent": "c1"}, {"ING": "l1"}, {"Fun": "b1"})


@pytest.mark.parametrize(
    ("column", "typed", "field", "sent"),
    [
        ("Date", datetime.date(2024, 2, 29), "date", "2024-02-29"),
        ("Date", pd.Timestamp("2024-03-01 00:00"), "date", "2024-03-01"),
        ("Date", "2024-03-02", "date", "2024-03-02"),
        ("Description", "  Rent March ", "description", "Rent March"),
        ("Amount", "1 234,5", "amount", "1234.50"),
        ("Category", "Rent", "category", "c1"),
        ("Location", "ING", "location", "l1"),
        ("Bucket", "Fun", "bucket", "b1"),
        ("Bucket", "", "bucket", None),
        ("Bucket", None, "bucket", None),
    ],
)
def test_edit_fields_convert_to_api_values(column, typed, field, sent):
    api_field, convert = FIELDS[column]
    assert api_field == field
    assert convert(typed) == sent


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        ("Date", None, "a date is required"),
        ("Date", pd.NaT, "a date is required"),
        ("Description", "   ", "a description cannot be empty"),
        ("Description", None, "a description cannot be empty"),
        ("Amount", "12.345", "more than two decimals"),
        ("Category", "Groceries", "choose an existing category"),
        ("Location", "Bank", "choose an existing location"),
        ("Bucket", "Holidays", "choose an existing bucket"),
    ],
)
def test_edit_fields_refuse_bad_values(column, typed, message):
    _, convert = FIELDS[column]
    with pytest.raises(ValueError, match=message):
        convert(typed)


def test_label_is_date_and_description():
    assert ledger.label(a.transaction()) == "2024-05-02 Groceries"


def test_orderings_are_the_api_values():
    assert set(ledger.ORDERINGS) == {"date", "-date", "amount", "-amount", "description", "-description"}
