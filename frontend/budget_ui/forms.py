"""What the forms' inputs must be before they are sent: each checker answers the API's value or
raises ValueError with a message the page shows next to the form."""

import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

NAME_MAX = 100
DESCRIPTION_MAX = 255
# The dates the API accepts.
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y")


def text(value, label: str, limit: int) -> str:
    """Trimmed text, never empty nor longer than `limit` (refused with the length, not cut)."""
    cleaned = str(value or "").strip()
    if not cleaned:
        raise ValueError(f"{label} cannot be empty.")
    if len(cleaned) > limit:
        raise ValueError(f"{label} is {len(cleaned)} characters long; at most {limit} fit. Shorten it.")
    return cleaned


def name(value) -> str:
    return text(value, "A name", NAME_MAX)


def description(value) -> str:
    return text(value, "The description", DESCRIPTION_MAX)


def percentage(value) -> str:
    """A bucket's share: 0 to 100 with at most two decimals ('33.33', not '33.333')."""
    try:
        number = Decimal(str(value).strip().replace(",", ".").rstrip("%").strip())
    except InvalidOperation as exc:
        raise ValueError(f"'{value}' is not a percentage; write it like 12.5") from exc
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError(f"A share is between 0 and 100 %, not '{value}'.")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"A share has at most two decimals ('{value}' has more).")
    return f"{number.normalize():f}"


def date(value) -> datetime.date:
    """A date typed as 2024-05-31 (or 2024/05/31, 31.05.2024, 31/05/2024) within 1900-2100.

    Strict: anything else is refused with a message, never replaced by today.
    """
    typed = str(value or "").strip()
    for pattern in _DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(typed, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
        if not FIRST_DAY <= parsed <= LAST_DAY:
            raise ValueError(f"{parsed:%Y-%m-%d} is outside the dates kept (1900-01-01 to 2100-12-31).")
        return parsed
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed):
        raise ValueError(f"'{typed}' is not a day of the calendar.")
    raise ValueError(f"'{typed}' is not a date; write it like {datetime.date(2024, 5, 31):%Y-%m-%d}.")


def location_body(
    new_name, opening: str, opening_date: str, bucket: str | None, parse_amount: Callable[[str], str]
) -> dict:
    """POST /api/locations/'s body; with an amount typed, its opening balance too (date and bucket
    then required)."""
    body: dict = {"name": name(new_name)}
    if str(opening or "").strip():
        amount = parse_amount(opening)
        if bucket is None:
            raise ValueError("Choose the bucket the opening balance goes into.")
        body["opening_balance"] = {"amount": amount, "date": date(opening_date).isoformat(), "bucket": bucket}
    return body
