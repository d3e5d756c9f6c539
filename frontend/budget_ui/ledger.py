"""Pure helpers for the Transactions page: lookups by name, filters as query parameters, rows as a table."""

import datetime

import pandas as pd

from budget_ui.money import money, parse_amount

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
# The dates the API accepts; Streamlit's date inputs would otherwise stop ten years from today.
DATE_RANGE = {"min_value": datetime.date(1900, 1, 1), "max_value": datetime.date(2100, 12, 31)}


def by_name(rows: list[dict]) -> dict[str, str]:
    """Name -> id, active rows winning over archived ones that share a name."""
    names: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: not r["is_archived"]):
        names[row["name"]] = row["id"]
    return names


def filter_params(filters: dict) -> dict:
    """The filter form's values as the API's query parameters (ValueError for a bad amount)."""
    params = {}
    for key in ("date_from", "date_to"):
        if filters.get(key):
            params[key] = filters[key].isoformat()
    for key in ("category", "location", "bucket", "sign"):
        if filters.get(key):
            params[key] = filters[key]
    for key in ("amount_min", "amount_max"):
        if str(filters.get(key) or "").strip():
            params[key] = parse_amount(filters[key])
    if str(filters.get("search") or "").strip():
        params["search"] = filters["search"].strip()
    return params


def table(rows: list[dict], currency: str) -> pd.DataFrame:
    """The page's rows as the editor shows them; amounts stay the API's exact strings."""
    return pd.DataFrame(
        {
            "Delete": [False] * len(rows),
            "Date": [datetime.date.fromisoformat(r["date"]) for r in rows],
            "Description": [r["description"] for r in rows],
            "Amount": [r["amount"] for r in rows],
            "Category": [r["category_name"] for r in rows],
            "Location": [r["location_name"] for r in rows],
            "Bucket": [r["bucket_name"] or NO_BUCKET for r in rows],
            "Effect": [money(r["signed_amount"], currency) for r in rows],
            "Split": [_split_label(r) for r in rows],
            "Transfer": [bool(r["transfer"]) for r in rows],
        },
    )


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
