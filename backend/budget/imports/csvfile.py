"""Reading a CSV statement: delimiter, columns, date format and decimal separator detected unless a
mapping gives them. Plain functions, no database."""

import csv
import io
import re
from collections import Counter
from datetime import datetime
from decimal import Decimal

from budget.core.fields import MAX_AMOUNT
from budget.rules.matching import fold

from .reading import MAX_ROWS, FileError, Row, Statement, decode

DELIMITERS = (",", ";", "\t", "|")
COLUMN_ROLES = ("date", "description", "amount", "debit", "credit")
DATE_FORMATS = {  # as the mapping names them -> strptime
    "YYYY-MM-DD": "%Y-%m-%d",
    "DD.MM.YYYY": "%d.%m.%Y",
    "DD/MM/YYYY": "%d/%m/%Y",
    "MM/DD/YYYY": "%m/%d/%Y",
    "YYYY/MM/DD": "%Y/%m/%d",
    "DD-MM-YYYY": "%d-%m-%Y",
    "YYYYMMDD": "%Y%m%d",
}
# Header words, folded (no case, no accents), for each role a column can have.
NAMES = {
    "date": (
        "date",
        "booking date",
        "transaction date",
        "posting date",
        "value date",
        "datum",
        "buchungstag",
        "data",
        "fecha",
        "date operation",
        "data tranzactiei",
    ),
    "description": (
        "description",
        "payee",
        "details",
        "narrative",
        "memo",
        "text",
        "name",
        "reference",
        "beschreibung",
        "verwendungszweck",
        "libelle",
        "descriere",
        "concepto",
        "counterparty",
    ),
    "amount": ("amount", "betrag", "suma", "montant", "importe", "value", "sum", "amount (eur)"),
    "debit": ("debit", "debit amount", "withdrawal", "withdrawals", "paid out", "money out", "out", "soll"),
    "credit": ("credit", "credit amount", "deposit", "deposits", "paid in", "money in", "in", "haben"),
}
_CURRENCY = re.compile(r"[€$£¥\s\u00a0\u202f']")


def _rows(text: str, delimiter: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for record in reader:
        yield start, record
        start = reader.line_num + 1


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (above one) of fields."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(len(rec) for _, rec in _rows("\n".join(lines), delimiter))
        width, often = counts.most_common(1)[0] if counts else (1, 0)
        score = (often, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _find(header: list[str], role: str) -> str | None:
    folded = [fold(name) for name in header]
    for name in NAMES[role]:
        if name in folded:
            return header[folded.index(name)]
    for name in NAMES[role]:
        if len(name) > 3:
            for index, column in enumerate(folded):
                if name in column:
                    return header[index]
    return None


def detect_columns(header: list[str]) -> dict:
    mapping = {"date": _find(header, "date"), "description": _find(header, "description")}
    amount = _find(header, "amount")
    debit, credit = _find(header, "debit"), _find(header, "credit")
    if debit and credit and debit != credit:
        mapping.update(debit=debit, credit=credit)
    elif amount:
        mapping["amount"] = amount
    if not mapping["date"] or not ("amount" in mapping or "debit" in mapping):
        raise FileError(
            f"No date or amount column found among the columns {', '.join(header)}; "
            "give a mapping that names them."
        )
    return mapping


def detect_date_format(values: list[str]) -> str:
    values = [value.strip() for value in values if value.strip()]
    scores = {}
    for name, pattern in DATE_FORMATS.items():
        scores[name] = sum(1 for value in values if _date(value, pattern) is not None)
    best = max(scores.values(), default=0)
    if best == 0:
        first = values[0] if values else ""
        raise FileError(
            f"No date format explains the dates of the file (such as '{first}'); give date_format."
        )
    winners = [name for name, score in scores.items() if score == best]
    if {"DD/MM/YYYY", "MM/DD/YYYY"} <= set(winners):
        raise FileError(
            "The dates could be day/month or month/day (every day is 12 or less); "
            "give date_format (DD/MM/YYYY or MM/DD/YYYY) in the mapping."
        )
    return winners[0]


def detect_decimal(values: list[str]) -> str:
    votes = Counter()
    for value in values:
        value = _CURRENCY.sub("", value)
        match = re.search(r"([.,])(\d+)\)?-?$", value)
        if match and len(match.group(2)) != 3:
            votes[match.group(1)] += 1
        elif "," in value and "." in value:
            votes["." if value.rfind(".") > value.rfind(",") else ","] += 1
    return "," if votes[","] > votes["."] else "."


def _date(value: str, pattern: str):
    try:
        return datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007  (a calendar date)
    except ValueError:
        return None


def parse_amount(value: str, decimal: str) -> Decimal | None:
    """'-1.234,56' (decimal ',') -> Decimal('-1234.56'); None when empty; ValueError when not a number."""
    text = _CURRENCY.sub("", value)
    if not text:
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.endswith("-"):
        negative, text = True, text[:-1]
    thousands = "." if decimal == "," else ","
    text = text.replace(thousands, "").replace(decimal, ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d{1,2})?", text):
        if re.search(r"[^\d.+-]", text):
            raise ValueError(f"the amount '{value.strip()}' has letters or signs that are not a number")
        raise ValueError(f"the amount '{value.strip()}' is not a number with at most two decimals")
    number = Decimal(text)
    if abs(number) > MAX_AMOUNT:
        raise ValueError(f"the amount '{value.strip()}' is above {MAX_AMOUNT:,}")
    return -number if negative else number


def read_csv(content: bytes, mapping: dict | None = None, *, remembered: dict | None = None) -> Statement:
    """Read with `mapping` as given (detecting what it leaves out); else with `remembered` (the
    location's last mapping) when its columns are all in this file; else detect everything."""
    text, encoding = decode(content)
    mapping = dict(mapping or {})
    delimiter = mapping.get("delimiter") or sniff_delimiter(text)
    records = [(line, rec) for line, rec in _rows(text, delimiter) if any(cell.strip() for cell in rec)]
    if not records:
        raise FileError("The file is empty.")
    (_, header), body = records[0], records[1:]
    header = [cell.strip() for cell in header]
    if len(body) > MAX_ROWS:
        raise FileError(f"The file has {len(body):,} rows; at most {MAX_ROWS:,} are read at once. Split it.")
    if not mapping and remembered:
        columns = [remembered.get(role) for role in ("date", "description", "amount", "debit", "credit")]
        if all(name in header for name in columns if name):
            mapping = {
                key: remembered[key]
                for key in (*COLUMN_ROLES, "date_format", "decimal")
                if remembered.get(key)
            }
    given = {key for key, value in mapping.items() if value}
    if not ({"date", "description"} <= given and ("amount" in given or {"debit", "credit"} <= given)):
        mapping = {**detect_columns(header), **{key: mapping[key] for key in given}}
    columns = {}
    for role in COLUMN_ROLES:
        name = mapping.get(role)
        if name is None:
            continue
        if name not in header:
            raise FileError(f"The column '{name}' is not in the file; its columns are {', '.join(header)}.")
        columns[role] = header.index(name)

    def cell(record, role):
        index = columns.get(role)
        return record[index] if index is not None and index < len(record) else ""

    money_values = [
        cell(rec, role) for _, rec in body for role in ("amount", "debit", "credit") if cell(rec, role)
    ]
    mapping["date_format"] = mapping.get("date_format") or detect_date_format(
        [cell(rec, "date") for _, rec in body]
    )
    if mapping["date_format"] not in DATE_FORMATS:
        raise FileError(
            f"Unknown date_format '{mapping['date_format']}'; use one of {', '.join(DATE_FORMATS)}."
        )
    mapping["decimal"] = mapping.get("decimal") or detect_decimal(money_values)
    mapping.update(delimiter=delimiter, encoding=encoding)
    pattern = mapping["date_format"]
    signed = "amount" in columns
    rows = [_row(line, record, cell, pattern, mapping["decimal"], signed) for line, record in body]
    return Statement(rows=rows, mapping=mapping)


def _row(line, record, cell, pattern, decimal, signed) -> Row:
    row = Row(line=line, description=" ".join(cell(record, "description").split())[:255])
    problems = []
    raw_date = cell(record, "date").strip()
    row.date = _date(raw_date, DATE_FORMATS[pattern])
    if row.date is None:
        problems.append(f"the date '{raw_date}' is not a date as {pattern}" if raw_date else "no date")
    try:
        if signed:
            row.amount = parse_amount(cell(record, "amount"), decimal)
        else:
            debit = parse_amount(cell(record, "debit"), decimal)
            credit = parse_amount(cell(record, "credit"), decimal)
            if debit is not None or credit is not None:
                row.amount = abs(credit or 0) - abs(debit or 0)
        if row.amount is None:
            problems.append("no amount")
    except ValueError as exc:
        problems.append(str(exc))
    if not row.description:
        problems.append("no description")
    if problems:
        row.error = f"Line {line}: {'; '.join(problems)}."
    return row
