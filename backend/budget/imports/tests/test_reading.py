"""Reading files of several banks' styles, and refusing files that cannot be read."""

from datetime import date
from decimal import Decimal

import pytest

from budget.imports.csvfile import detect_date_format, parse_amount, read_csv
from budget.imports.ofxfile import read_ofx
from budget.imports.reading import FileError

from .conftest import sample


@pytest.mark.parametrize(
    ("name", "mapping", "first"),
    [
        (
            "ing_comma.csv",
            {
                "delimiter": ",",
                "decimal": ".",
                "date_format": "YYYY-MM-DD",
                "encoding": "utf-8",
                "amount": "Amount",
            },
            (date(2024, 3, 1), "Coffee Bar", Decimal("-3.50")),
        ),
        (
            "sparkasse_semicolon_1252.csv",
            {"delimiter": ";", "decimal": ",", "date_format": "DD.MM.YYYY", "encoding": "windows-1252"},
            (date(2024, 3, 1), "Bäckerei Müller", Decimal("-3.50")),
        ),
        (
            "chase_debit_credit_bom.csv",
            {
                "delimiter": ",",
                "decimal": ".",
                "date_format": "MM/DD/YYYY",
                "encoding": "utf-8-sig",
                "debit": "Debit",
            },
            (date(2024, 3, 1), "Coffee Bar", Decimal("-3.50")),
        ),
    ],
)
def test_read_csv_detects_each_banks_style(name, mapping, first):
    statement = read_csv(sample(name))
    assert mapping.items() <= statement.mapping.items()
    row = statement.rows[0]
    assert (row.date, row.description, row.amount, row.line, row.error) == (*first, 2, "")


def test_read_csv_debit_and_credit_make_one_signed_amount():
    rows = read_csv(sample("chase_debit_credit_bom.csv")).rows
    assert [r.amount for r in rows] == [Decimal("-3.50"), Decimal("2500.00"), Decimal("-12.00")]
    assert rows[2].description == "Café Central"


def test_read_csv_thousands_and_decimal_comma():
    rows = read_csv(sample("sparkasse_semicolon_1252.csv")).rows
    assert [r.amount for r in rows] == [Decimal("-3.50"), Decimal("-1250.00"), Decimal("2500.00")]


def test_read_csv_keeps_unreadable_rows_with_their_line_and_reason():
    rows = read_csv(sample("bad_rows.csv")).rows
    assert [r.error for r in rows] == [
        "",
        "Line 3: the date '31.02.2024' is not a date as YYYY-MM-DD.",
        "Line 4: the amount '-12,5x' has letters or signs that are not a number.",
    ]


def test_read_csv_uses_the_mapping_given():
    content = b"When|What|Out|In\n01/02/2024|Rent|700.00|\n"
    mapping = {
        "date": "When",
        "description": "What",
        "debit": "Out",
        "credit": "In",
        "date_format": "DD/MM/YYYY",
    }
    row = read_csv(content, mapping).rows[0]
    assert (row.date, row.amount) == (date(2024, 2, 1), Decimal("-700.00"))


def test_read_csv_reuses_a_remembered_mapping_only_when_its_columns_fit():
    remembered = {"date": "When", "description": "What", "amount": "Sum", "date_format": "DD/MM/YYYY"}
    fits = read_csv(b"When,What,Sum\n01/02/2024,Rent,-700\n", remembered=remembered)
    assert fits.rows[0].date == date(2024, 2, 1)
    other = read_csv(sample("ing_comma.csv"), remembered=remembered)
    assert other.mapping["date"] == "Date"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2024-03-01", "2024-03-15"], "YYYY-MM-DD"),
        (["01.03.2024", "31.03.2024"], "DD.MM.YYYY"),
        (["03/01/2024", "03/13/2024"], "MM/DD/YYYY"),
        (["13/03/2024", "01/03/2024"], "DD/MM/YYYY"),
    ],
)
def test_detect_date_format(values, expected):
    assert detect_date_format(values) == expected


def test_detect_date_format_refuses_to_guess_day_or_month():
    with pytest.raises(FileError, match="day/month or month/day"):
        detect_date_format(["03/01/2024", "04/02/2024"])


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("-1.234,56", ",", Decimal("-1234.56")),
        ("1,234.56", ".", Decimal("1234.56")),
        ("(12.00)", ".", Decimal("-12.00")),
        ("12,00-", ",", Decimal("-12.00")),
        ("€ 5", ".", Decimal("5")),
        ("", ".", None),
    ],
)
def test_parse_amount(text, decimal, expected):
    assert parse_amount(text, decimal) == expected


@pytest.mark.parametrize("text", ["12a", "1,234", "twelve", "1.2.3,4,5"])
def test_parse_amount_refuses_what_is_not_money(text):
    with pytest.raises(ValueError, match="amount"):
        parse_amount(text, ",")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "not text"),
        (b"Date,Amount\n2024-03-01,\x81\x8d\x8f,\n", "neither UTF-8 nor Windows-1252"),
        (b"Foo,Bar\n1,2\n", "No date or amount column"),
        (b"Date,Description,Amount\nyesterday,Coffee,-3\n", "No date format explains"),
    ],
)
def test_read_csv_refuses_files_it_cannot_read(content, reason):
    with pytest.raises(FileError, match=reason):
        read_csv(content)


@pytest.mark.parametrize("name", ["bank_ofx1.ofx", "bank_ofx2.qfx"])
def test_read_ofx_both_versions_with_fitid(name):
    rows = read_ofx(sample(name)).rows
    assert all(r.bank_id and r.date and r.amount and not r.error for r in rows)
    assert rows[0].amount < 0


def test_read_ofx_joins_name_and_memo():
    rows = read_ofx(sample("bank_ofx1.ofx")).rows
    assert rows[2].description == "ACME Payroll Salary March"


def test_read_ofx_refuses_a_broken_file():
    with pytest.raises(FileError, match="OFX file cannot be read"):
        read_ofx(b"OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BROKEN>")
