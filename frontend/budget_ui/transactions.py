"""The Transactions page's logic: form bodies, the list's filters, signed edits, deletions, captions.

Pure functions (no Streamlit), so each is unit-tested; the page only lays them out.
"""

from decimal import Decimal

from budget_ui import editing, forms
from budget_ui.money import parse_amount, to_decimal

SIGN_WORDS = {"POSITIVE": "income", "NEGATIVE": "expense", "NEUTRAL": "neutral"}
# The list's widgets, keyed by their URL query parameter: /transactions?search=rent&page=2.
FILTER_KEYS = ("from", "to", "min", "max", "category", "kind", "location", "bucket", "search")
PAGE_SIZES = [25, 50, 100, 200]


def plural(count: int, word: str) -> str:
    """'1 transaction', '2 transactions', '1,234 transactions'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def category_label(row: dict) -> str:
    return f"{row['name']} ({SIGN_WORDS[row['sign']]})"


def add_body(
    *,
    category: dict | None,
    day: str,
    amount: str,
    description: str,
    location: str,
    bucket: str | None,
    split: bool,
) -> dict:
    """POST /api/transactions/'s body from the quick-add form, or ValueError saying what to fix.

    Split applies to income only: an income split over the buckets has no bucket of its own.
    """
    if category is None:
        raise ValueError("Choose a category.")
    value = parse_amount(amount)
    if category["sign"] != "NEUTRAL" and to_decimal(value) < 0:
        value = f"{-to_decimal(value):.2f}"  # the category gives the sign; '-12.50' for rent is 12.50 spent
    split_income = split and category["sign"] == "POSITIVE"
    if not split_income and bucket is None:
        raise ValueError("Choose a bucket.")
    return {
        "date": forms.date(day).isoformat(),
        "description": forms.description(description),
        "amount": value,
        "category": category["id"],
        "location": location,
        "bucket": None if split_income else bucket,
        "split_income": split_income,
    }


def transfer_body(*, day: str, amount: str, description: str, **places) -> dict:
    """POST /api/transfers/'s body: from_/to_location and from_/to_bucket passed through."""
    return {
        "date": forms.date(day).isoformat(),
        "description": forms.description(description),
        "amount": parse_amount(amount),
        **places,
    }


def page_number(value) -> int:
    """The page asked for (from the widget or the URL): a whole number from 1, else 1."""
    try:
        return max(1, int(str(value)))
    except ValueError:
        return 1


def filter_params(values: dict) -> dict:
    """The filter widgets' values (keyed as FILTER_KEYS) as the API's query parameters.

    ValueError for an amount that is not one, naming the field.
    """
    params = {}
    for key, name in (("from", "date_from"), ("to", "date_to")):
        if values.get(key):
            params[name] = values[key].isoformat()
    for key, name in (
        ("category", "category"),
        ("kind", "sign"),
        ("location", "location"),
        ("bucket", "bucket"),
    ):
        if values.get(key):
            params[name] = values[key]
    for key, name in (("min", "amount_min"), ("max", "amount_max")):
        if str(values.get(key) or "").strip():
            params[name] = parse_amount(values[key])
    if str(values.get("search") or "").strip():
        params["search"] = values["search"].strip()
    return params


def signed_changes(changes: list[editing.Change], categories: list[dict]) -> list[editing.Change]:
    """The list shows the signed effect as the amount (-12.50 spent); the API takes an income's or an
    expense's amount as a positive number and a neutral one signed. Turn edited amounts back."""
    signs = {row["id"]: row["sign"] for row in categories}
    for change in changes:
        if "amount" not in change.body:
            continue
        sign = signs.get(change.body.get("category", change.row["category"]), "NEUTRAL")
        if sign != "NEUTRAL":
            change.body["amount"] = f"{abs(Decimal(change.body['amount'])):.2f}"
    return changes


def deletions(selected: list[dict]) -> tuple[list[editing.Change], list[editing.Change]]:
    """Plain rows to delete, and transfers to delete once however many of their legs are ticked."""
    transfers = {row["transfer"]: {**row, "id": row["transfer"]} for row in selected if row["transfer"]}
    plain = [editing.Change(row) for row in selected if not row["transfer"]]
    return plain, [editing.Change(row) for row in transfers.values()]


def deleted_message(plain: int, transfers: int) -> str:
    done = [plural(plain, "transaction")] * bool(plain) + [plural(transfers, "transfer")] * bool(transfers)
    return f"Deleted {' and '.join(done)}."


def list_caption(count: int, filtered: bool, page: int, pages: int, size: int, shown: int) -> str:
    """'1 transaction', '120 transactions match the filters; showing 51-100, page 2 of 3'."""
    first = (page - 1) * size + 1
    return (
        plural(count, "transaction")
        + (" match the filters" if filtered and count != 1 else " matches the filters" if filtered else "")
        + (f"; showing {first:,}-{first + shown - 1:,}, page {page} of {pages}" if shown else "")
    )
