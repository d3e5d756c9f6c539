"""Pure helpers for the Transactions page's list: lookups by name, rows as a table, edits as fields."""

import datetime

import pandas as pd

from budget_ui.money import money, number, parse_amount

SIGNS = {"POSITIVE": "Income", "NEGATIVE": "Expense", "NEUTRAL": "Neutral"}
ORDERINGS = {
    "-date": "Newest first",
    "date": "Oldest first",
    "-amount": "Largest amount first",
    "amount": "Smallest amount first",
    "description": "Description A-Z",
    "-description": "Description Z-A",
}
NO_BUCKET = ""


def by_name(rows: list[dict]) -> dict[str, str]:
    """Name -> id, active rows winning over archived ones that share a name."""
    names: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: not r["is_archived"]):
        names[row["name"]] = row["id"]
    return names


def table(rows: list[dict], currency: str, by: bool = False) -> pd.DataFrame:
    """The page's rows as the editor shows them: date, description and the signed amount first (what a
    narrow screen shows), the amount as its effect on the balance (-12.50 spent, 1,000.00 earned).

    `by` adds who entered each row (a shared household's list)."""
    columns = {
        "Date": [datetime.date.fromisoformat(r["date"]) for r in rows],
        "Description": [r["description"] for r in rows],
        "Amount": [number(r["signed_amount"]) for r in rows],
        "Category": [r["category_name"] for r in rows],
        "Location": [r["location_name"] for r in rows],
        "Bucket": [r["bucket_name"] or NO_BUCKET for r in rows],
        "Split": [_split_label(r) for r in rows],
        "Transfer": [bool(r["transfer"]) for r in rows],
    }
    if by:
        columns["By"] = [(r.get("created_by") or {}).get("email", "") for r in rows]
    columns["Delete"] = [False] * len(rows)
    return pd.DataFrame(columns)


def _split_label(row: dict) -> str:
    if not row["split_income"]:
        return ""
    return "split" if row["allocation_status"] == "ALLOCATED" else "splitting…"


def legs(rows: list[dict], currency: str) -> pd.DataFrame:
    """One line per bucket share of each split income on the page."""
    lines = [
        {
            "Income": f"{r['date']} {r['description']}",
            "Bucket": leg["bucket_name"],
            "Share": f"{leg['percentage']} %",
            "Amount": money(leg["amount"], currency),
        }
        for r in rows
        for leg in r["allocations"]
    ]
    return pd.DataFrame(lines, columns=["Income", "Bucket", "Share", "Amount"])


def edit_fields(categories: dict, locations: dict, buckets: dict) -> dict:
    """The editor's editable columns: API field and converter (names back to ids)."""

    def lookup(names: dict, what: str):
        def convert(value):
            if value not in names:
                raise ValueError(f"choose an existing {what}")
            return names[value]

        return convert

    def text(value):
        if not str(value or "").strip():
            raise ValueError("a description cannot be empty")
        return str(value).strip()

    def date(value):
        if value is None or pd.isna(value):
            raise ValueError("a date is required")
        return pd.Timestamp(value).date().isoformat()

    return {
        "Date": ("date", date),
        "Description": ("description", text),
        "Amount": ("amount", parse_amount),
        "Category": ("category", lookup(categories, "category")),
        "Location": ("location", lookup(locations, "location")),
        "Bucket": ("bucket", lambda value: None if not value else lookup(buckets, "bucket")(value)),
    }


def label(row: dict) -> str:
    return f"{row['date']} {row['description']}"
