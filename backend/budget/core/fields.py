"""Money stored as integer cents.

SQLite keeps a DecimalField as a float, so sums drift. Storing whole cents in a
BIGINT keeps every sum exact on every engine; Python sees a 2-place Decimal.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")


def to_money(value) -> Decimal:
    """A 2-place Decimal from a Decimal, int, str or float; more places are an error, not rounded."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        raise ValidationError("Enter an amount, not a true/false value.", code="invalid")
    elif isinstance(value, (int, str)):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise ValidationError(f"{value!r} is not an amount.", code="invalid") from exc
    elif isinstance(value, float):
        # repr() gives the shortest text that round-trips, so 0.1 becomes Decimal("0.1").
        number = Decimal(repr(value))
    else:
        raise ValidationError(f"{value!r} is not an amount.", code="invalid")
    if not number.is_finite():
        raise ValidationError("An amount must be a finite number.", code="invalid")
    try:
        money = number.quantize(CENT)
    except InvalidOperation as exc:
        raise ValidationError(f"{number} is too large for an amount.", code="invalid") from exc
    if money != number:
        raise ValidationError(f"{number} has more than two decimal places.", code="max_decimal_places")
    return money


def cents_to_money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


class MoneyField(models.BigIntegerField):
    description = "An amount of money (Decimal with 2 places, stored as integer cents)"
    limit = MAX_AMOUNT  # what one amount may be, either way

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return cents_to_money(int(value))

    def to_python(self, value):
        if value is None or value == "":
            return None
        return to_money(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        if hasattr(value, "resolve_expression"):
            return value
        money = to_money(value)
        if self.limit is not None and abs(money) > self.limit:
            raise ValidationError(f"Amounts go up to {self.limit:,} either way; {money:,} is too large.")
        return int(money * 100)

    def formfield(self, **kwargs):
        return forms.DecimalField(  # for one amount; sums are never edited in a form
            max_digits=14, decimal_places=2, **{"max_value": MAX_AMOUNT, "min_value": -MAX_AMOUNT, **kwargs}
        )


class MoneySumField(MoneyField):
    """A sum of amounts (stored totals): as many cents as a 64-bit integer holds, about 92 trillion."""

    description = "A sum of money (Decimal with 2 places, stored as integer cents)"
    limit = None
