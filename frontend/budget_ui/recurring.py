"""The Recurring page's logic: form bodies, labels, the upcoming table, "make recurring" from a
transaction; then the cached reads and the writes, which forget what they change."""

import calendar
import datetime

import pandas as pd
import streamlit as st

from budget_ui import data, forms
from budget_ui.api import ApiError
from budget_ui.money import money, parse_amount, to_decimal

FREQUENCIES = {"MONTHLY": "Monthly", "WEEKLY": "Weekly", "YEARLY": "Yearly"}
UNITS = {"MONTHLY": "months", "WEEKLY": "weeks", "YEARLY": "years"}
LAST_DAY = -1
DAYS = [LAST_DAY, *range(1, 32)]  # the monthly day picker's options
KINDS = {"TRANSACTION": "Income or expense", "TRANSFER": "Transfer"}


def next_date(date: datetime.date, frequency: str) -> datetime.date:
    """One period after `date`, the day clamped to a shorter month (31 January -> 29 February).
    Only for the first date of "make recurring"; the API's rrule computes every schedule."""
    if frequency == "WEEKLY":
        return date + datetime.timedelta(weeks=1)
    months = 1 if frequency == "MONTHLY" else 12
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def day_label(day: int) -> str:
    if day == LAST_DAY:
        return "Last day of the month"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def schedule_label(item: dict) -> str:
    """'Monthly on the 31st', 'Every 2 weeks', 'Yearly, until 2025-12-31'."""
    every = item["interval"]
    head = FREQUENCIES[item["frequency"]] if every == 1 else f"Every {every} {UNITS[item['frequency']]}"
    if item["frequency"] == "MONTHLY" and item.get("day") is not None:
        head += f" on the {day_label(item['day']).lower()}"
    return head + (f", until {item['end_date']}" if item.get("end_date") else "")


def optional_date(value) -> str | None:
    return forms.date(value).isoformat() if str(value or "").strip() else None


def schedule_fields(*, frequency: str, interval, day: int | None, start: str, end: str = "") -> dict:
    """The schedule part of an item's body, or ValueError saying what to fix."""
    try:
        every = int(interval)
    except (TypeError, ValueError):
        raise ValueError("Repeat every 1 to 99 weeks, months or years.") from None
    if not 1 <= every <= 99:
        raise ValueError("Repeat every 1 to 99 weeks, months or years.")
    return {
        "frequency": frequency,
        "interval": every,
        "day": day if frequency == "MONTHLY" else None,
        "start_date": forms.date(start).isoformat(),
        "end_date": optional_date(end),
    }


def transaction_template(
    *, category: dict | None, amount: str, description: str, location: str, bucket: str | None, split: bool
) -> dict:
    """POST /api/transactions/'s body without its date (the category gives the sign)."""
    if category is None:
        raise ValueError("Choose a category.")
    value = parse_amount(amount)
    if category["sign"] != "NEUTRAL" and to_decimal(value) < 0:
        value = f"{-to_decimal(value):.2f}"
    split_income = split and category["sign"] == "POSITIVE"
    if not split_income and bucket is None:
        raise ValueError("Choose a bucket.")
    return {
        "description": forms.description(description),
        "amount": value,
        "category": category["id"],
        "location": location,
        "bucket": None if split_income else bucket,
        "split_income": split_income,
    }


def transfer_template(*, amount: str, description: str, **places) -> dict:
    """POST /api/transfers/'s body without its date: from_/to_location and from_/to_bucket."""
    return {"description": forms.description(description), "amount": parse_amount(amount), **places}


def item_body(*, name: str, kind: str, template: dict, auto_post: bool, **schedule) -> dict:
    return {
        "name": forms.name(name),
        "kind": kind,
        "template": template,
        "auto_post": auto_post,
        **schedule_fields(**schedule),
    }


def edit_body(
    item: dict, *, name: str, amount: str, description: str, auto_post: bool, is_active: bool, **schedule
) -> dict:
    """PATCH body with only what changed; a new amount or description goes into the template."""
    wanted = {
        "name": forms.name(name),
        "auto_post": auto_post,
        "is_active": is_active,
        **schedule_fields(**schedule),
    }
    body = {field: value for field, value in wanted.items() if item.get(field) != value}
    template = {
        **item["template"],
        "amount": parse_amount(amount),
        "description": forms.description(description),
    }
    if template != item["template"]:
        body["template"] = template
    return body


def from_transaction(row: dict, frequency: str = "MONTHLY", auto_post: bool = False) -> dict:
    """An item repeating a transaction of the list, from its next date on (the row itself is the first)."""
    if row.get("transfer"):
        raise ValueError("A transfer's leg cannot be made recurring here; add a recurring transfer instead.")
    date = datetime.date.fromisoformat(row["date"])
    start = next_date(date, frequency)
    day = date.day if frequency == "MONTHLY" else None
    if day is not None and day >= 28 and (date + datetime.timedelta(days=1)).month != date.month:
        day = LAST_DAY  # the last day of a month stays the last day
    return {
        "name": row["description"][:100],
        "kind": "TRANSACTION",
        "template": {
            field: row[field]
            for field in ("description", "amount", "category", "location", "bucket", "split_income")
        },
        "frequency": frequency,
        "interval": 1,
        "day": day,
        "start_date": start.isoformat(),
        "end_date": None,
        "auto_post": auto_post,
    }


def items_table(items: list[dict], currency: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Name": [i["name"] for i in items],
            "Amount": [money(i["template"]["amount"], currency) for i in items],
            "Repeats": [schedule_label(i) for i in items],
            "Next": [i["next_date"] or "none left" for i in items],
            "Last posted": [i["last_posted"] or "" for i in items],
            "Posts by itself": [i["auto_post"] for i in items],
            "Active": [i["is_active"] for i in items],
            "Problem": [i.get("last_error") or "" for i in items],
        }
    )


def upcoming_table(entries: list[dict], currency: str) -> pd.DataFrame:
    """The next days' dates, each with the balance its location would have after it."""
    return pd.DataFrame(
        {
            "Date": [e["date"] for e in entries],
            "Name": [e["name"] for e in entries],
            "Amount": [money(e["signed_amount"], currency) for e in entries],
            "Location": [e["location_name"] for e in entries],
            "Balance after": [money(e["projected_balance"], currency) for e in entries],
            "Status": [status(e) for e in entries],
        }
    )


def status(entry: dict) -> str:
    if entry["overdue"]:
        return "overdue, posting soon" if entry["auto_post"] else "overdue"
    return "posts by itself" if entry["auto_post"] else "to post by hand"


def entry_key(entry: dict) -> str:
    """An upcoming date's identity, the same before and after other dates are posted."""
    return f"{entry['recurring']}|{entry['date']}"


def entry_label(entry: dict, currency: str) -> str:
    return f"{entry['date']} · {entry['name']} ({money(entry['signed_amount'], currency)})"


# ---------------------------------------------------------------------- reads and writes


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, scope="session")
def _items(household_id: str | None) -> list[dict]:
    return data._api(household_id).list_all("recurring")


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, scope="session")
def _upcoming(household_id: str | None, days: int) -> list[dict]:
    return data._api(household_id).recurring_upcoming(days)


def items() -> list[dict]:
    return _items(data.household())


def upcoming(days: int = 30) -> list[dict]:
    return _upcoming(data.household(), days)


def _forget() -> None:
    _items.clear()
    _upcoming.clear()
    data._forget("transactions")  # posting changes balances, lists and reports


def write(method: str, *args) -> dict | None:
    """create, update or delete (of the "recurring" resource), recurring_post or recurring_skip."""
    try:
        api = data._api()
        if method in ("create", "update", "delete"):
            return getattr(api, method)("recurring", *args)
        return getattr(api, method)(*args)
    finally:
        _forget()


def make_recurring(rows: list[dict], currency: str) -> None:
    """The Transactions page's "make recurring": repeat one of the listed transactions from its next date."""
    plain = {row["id"]: row for row in rows if not row["transfer"]}
    if not plain:
        return
    with st.expander("Make recurring", key="transactions_recurring"):
        chosen = st.selectbox(
            "Transaction",
            list(plain),
            format_func=lambda i: (
                f"{plain[i]['date']} · {plain[i]['description']} "
                f"({money(plain[i]['signed_amount'], currency)})"
            ),
            key="transactions_recurring_row",
        )
        left, right = st.columns(2)
        frequency = left.selectbox(
            "Repeats", list(FREQUENCIES), format_func=FREQUENCIES.get, key="transactions_recurring_frequency"
        )
        auto_post = right.checkbox(
            "Post by itself on each date", value=True, key="transactions_recurring_auto"
        )
        if st.button("Make recurring", key="transactions_recurring_make"):
            body = from_transaction(plain[chosen], frequency, auto_post)
            try:
                item = write("create", body)
            except ApiError as exc:
                st.error(exc.message)
                return
            st.success(
                f"“{item['name']}” repeats {schedule_label(item).lower()}, next on {item['next_date']}."
            )
