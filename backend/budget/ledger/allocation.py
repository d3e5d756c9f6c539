"""Splitting an amount over percentages, exactly to the cent."""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from budget.core.fields import cents_to_money


def split_amount(amount: Decimal, percentages: Sequence[Decimal]) -> list[Decimal]:
    """Parts of `amount` in proportion to `percentages`, summing to `amount` exactly.

    Largest remainder: every part gets the floor of its exact share in cents, and the
    cents left over go one each to the parts with the largest fractional remainders
    (ties to the larger percentage, then to the earlier position). Rounding each part
    on its own would lose or invent cents (100.01 over two halves is not 50.01 + 50.01).
    The percentages need not sum to 100; they are weights. A negative amount splits
    like its absolute value, with the sign kept.
    """
    if not percentages:
        raise ValueError("Nothing to split over.")
    if any(p < 0 for p in percentages):
        raise ValueError("Percentages cannot be negative.")
    total = sum((Fraction(p) for p in percentages), Fraction(0))
    if total == 0:
        raise ValueError("Percentages sum to zero.")
    cents = int(amount * 100)
    sign, cents = (-1 if cents < 0 else 1), abs(cents)

    shares = [Fraction(cents) * Fraction(p) / total for p in percentages]
    parts = [share.numerator // share.denominator for share in shares]
    left_over = cents - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - parts[i]), -percentages[i], i))
    for i in by_remainder[:left_over]:
        parts[i] += 1
    return [cents_to_money(sign * part) for part in parts]
