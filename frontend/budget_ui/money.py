"""Money as the API sends it (strings with two decimals), turned into Decimal and text."""

from decimal import Decimal, InvalidOperation


def to_decimal(value) -> Decimal:
    """The API's money string (or a Decimal/int) as a Decimal; never goes through float."""
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"Not an amount: {value!r}") from exc


def money(value, currency: str = "EUR") -> str:
    """'1,234.56 EUR' / '-0.50 EUR'."""
    return f"{to_decimal(value):,.2f} {currency}"


def plot_number(value) -> float:
    """A chart coordinate. Charts only draw; every number shown as text comes from `money`."""
    return float(to_decimal(value))


def parse_amount(text: str) -> str:
    """What the user typed ('1 234,50', '€12', '-3.5') as the API's amount string, or ValueError."""
    cleaned = str(text).strip().replace(" ", "").replace("\u00a0", "").replace("€", "").replace("$", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"'{text}' is not an amount; write it like 1234.56") from exc
    if not amount.is_finite():
        raise ValueError(f"'{text}' is not an amount; write it like 1234.56")
    try:
        cents = amount.quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # more digits than Decimal's context holds
        raise ValueError(f"'{text}' is far too large an amount") from exc
    if amount != cents:
        raise ValueError(f"'{text}' has more than two decimals")
    return f"{cents:.2f}"
