"""Money as the API sends it (strings with two decimals), turned into Decimal and into text a person reads.

Text follows the browser's locale (`st.context.locale`) and the user's currency through Babel:
`1.381,37 €` in German, `€1,381.37` in American English.
"""

import re
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, get_decimal_symbol

DEFAULT_LOCALE = "en_US"
CENT = Decimal("0.01")
_NOISE = re.compile(r"[\s\u00a0\u202f'\u2019€$£]|[A-Za-z]{3}$|^[A-Za-z]{3}")


def browser_locale() -> str:
    """The browser's language tag as a Babel locale name ('de-DE' -> 'de_DE'); en_US when unknown."""
    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    tag = st.context.locale if get_script_run_ctx(suppress_warning=True) else None
    if not tag:
        return DEFAULT_LOCALE
    try:
        return str(Locale.parse(tag.replace("-", "_")))
    except (ValueError, TypeError, UnknownLocaleError):
        return DEFAULT_LOCALE


def to_decimal(value) -> Decimal:
    """The API's money string (or a Decimal/int) as a Decimal; never goes through float."""
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"Not an amount: {value!r}") from exc


def money(value, currency: str = "EUR", locale: str | None = None) -> str:
    """'€1,234.56' / '1.234,56 €' / '-€0.50': the amount in the user's currency and the browser's locale."""
    return format_currency(to_decimal(value), currency, locale=locale or browser_locale())


def number(value, locale: str | None = None, decimals: int = 2) -> str:
    """A plain number with the locale's separators ('1,234.50'), for percentages and chart labels."""
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(to_decimal(value), format=pattern, locale=locale or browser_locale())


def plot_number(value) -> float:
    """A chart coordinate. Charts only draw; every number shown as text comes from `money`."""
    return float(to_decimal(value))


def _normalise(text: str, decimal_symbol: str) -> str | None:
    """'1.234,50' -> '1234.50', None when the separators make no sense ('1,5,5').

    With both '.' and ',' the last is the decimal one; a lone separator before exactly three digits
    groups thousands unless it is the locale's decimal symbol; a repeated one always groups.
    """
    cleaned = _NOISE.sub("", str(text).strip()).replace("\u2212", "-")
    separators = [c for c in cleaned if c in ",."]
    if not separators:
        return cleaned
    last = separators[-1]
    tail = cleaned[cleaned.rfind(last) + 1 :]
    if len(set(separators)) == 2:
        decimal = last
    elif len(separators) > 1:
        decimal = None
    else:
        decimal = last if last == decimal_symbol or not re.fullmatch(r"\d{3}", tail) else None
    whole, fraction = (cleaned[: cleaned.rfind(last)], tail) if decimal else (cleaned, None)
    group = ({",", "."} - {decimal}).pop() if decimal else last
    if group in whole and not re.fullmatch(r"[-+]?\d{1,3}(" + re.escape(group) + r"\d{3})+", whole):
        return None
    return whole.replace(group, "") + (f".{fraction}" if decimal else "")


def parse_amount(text: str, locale: str | None = None) -> str:
    """What the user typed ('1,234', '1.234,50', '€12', '-3.5') as the API's amount string, or ValueError.

    Thousands separators are dropped; a comma is a decimal comma where the locale says so.
    """
    decimal_symbol = get_decimal_symbol(locale or browser_locale())
    try:
        amount = Decimal(_normalise(text, decimal_symbol) or "?")
    except InvalidOperation as exc:
        raise ValueError(f"'{text}' is not an amount; write it like 1234.56") from exc
    if not amount.is_finite():
        raise ValueError(f"'{text}' is not an amount; write it like 1234.56")
    try:
        cents = amount.quantize(CENT)
    except InvalidOperation as exc:  # more digits than Decimal's context holds
        raise ValueError(f"'{text}' is far too large an amount") from exc
    if amount != cents:
        raise ValueError(f"'{text}' has more than two decimals")
    return f"{cents:.2f}"
