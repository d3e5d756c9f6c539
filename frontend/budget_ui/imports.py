"""The Import page's logic: the file's columns and first rows, the mapping, the rows table and what
changed in it. API calls go through `Api`; nothing here draws."""

import csv
import io

import pandas as pd

from budget_ui import data

WORKING = ("QUEUED", "PARSING", "COMMITTING")
DATE_FORMATS = (
    "YYYY-MM-DD",
    "DD.MM.YYYY",
    "DD/MM/YYYY",
    "MM/DD/YYYY",
    "YYYY/MM/DD",
    "DD-MM-YYYY",
    "YYYYMMDD",
)
FLAGS = {"NEW": "new", "DUPLICATE": "already imported", "POSSIBLE": "maybe typed by hand"}
EDITABLE = ("Category", "Bucket", "Include")


def _api():
    return data._api()


def preview(content: bytes, rows: int = 5) -> pd.DataFrame | None:
    """The file's header and first rows, read as the API would (UTF-8 or Windows-1252); None if not CSV."""
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content[:65536].decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        return None
    lines = text.splitlines()[: rows + 1]
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
    except csv.Error:
        return None
    records = list(csv.reader(io.StringIO("\n".join(lines)), dialect))
    if len(records) < 2:
        return None
    header, body = records[0], [r + [""] * (len(records[0]) - len(r)) for r in records[1:]]
    return pd.DataFrame([r[: len(header)] for r in body], columns=header)


def mapping_body(
    *,
    date: str,
    description: str,
    amount: str | None,
    debit: str | None,
    credit: str | None,
    date_format: str | None,
    decimal: str | None,
) -> dict:
    """The mapping the API takes: one signed amount column, or debit and credit."""
    if not (date and description and (amount or (debit and credit))):
        raise ValueError("Pick the date, description and amount columns (or debit and credit).")
    body = {"date": date, "description": description, "date_format": date_format, "decimal": decimal}
    body.update({"amount": amount} if amount else {"debit": debit, "credit": credit})
    return {key: value for key, value in body.items() if value}


def upload(*, filename: str, content: bytes, location: str, mapping: dict | None = None) -> dict:
    return _api().import_upload(filename=filename, content=content, location=location, mapping=mapping)


def past() -> list[dict]:
    return _api().imports()


def get(import_id: str) -> dict:
    return _api().import_get(import_id)


def rows(import_id: str) -> list[dict]:
    return _api().import_rows(import_id)


def progress(statement: dict) -> tuple[float, str]:
    """The bar's fraction and its words."""
    done, total = statement["progress"]["rows_done"], statement["progress"]["rows_total"]
    if statement["status"] == "COMMITTING":
        return 1.0, "Committing: every included row in one go…"
    if statement["status"] == "QUEUED":
        return 0.0, "Waiting for the worker…"
    return (done / total if total else 0.0), f"Reading rows: {done:,} of {total:,}…"


def rows_frame(rows: list[dict], categories: dict[str, str], buckets: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Line": row["line"],
                "Date": row["date"],
                "Description": row["description"],
                "Amount": row["amount"],
                "Flag": "invalid" if row["error"] else FLAGS[row["duplicate"]],
                "Category": categories.get(row["category"]),
                "Bucket": "(split)" if row["split_income"] else buckets.get(row["bucket"]),
                "Include": row["include"],
                "Problem": row["error"],
            }
            for row in rows
        ],
        columns=["Line", "Date", "Description", "Amount", "Flag", "Category", "Bucket", "Include", "Problem"],
    )


def changes(before: pd.DataFrame, after: pd.DataFrame, categories: dict[str, str], buckets: dict[str, str]):
    """(line, PATCH body) for every row whose category, bucket or include was edited."""
    category_ids = {name: cid for cid, name in categories.items()}
    bucket_ids = {name: bid for bid, name in buckets.items()}
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        body = {}
        if new["Category"] != old["Category"] and new["Category"] in category_ids:
            body["category"] = category_ids[new["Category"]]
        if new["Bucket"] != old["Bucket"]:
            if new["Bucket"] == "(split)":
                body["split_income"] = True
            elif new["Bucket"] in bucket_ids:
                body.update(bucket=bucket_ids[new["Bucket"]], split_income=False)
        if bool(new["Include"]) != bool(old["Include"]):
            body["include"] = bool(new["Include"])
        if body:
            yield int(old["Line"]), body


def save(import_id: str, edits) -> int:
    api = _api()
    count = 0
    for line, body in edits:
        api.import_row_update(import_id, line, body)
        count += 1
    return count


def commit(import_id: str) -> dict:
    try:
        return _api().import_commit(import_id)
    finally:
        data._forget("transactions")  # the ledger, its balances and reports change


def discard(import_id: str) -> None:
    _api().import_delete(import_id)
