from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.core.fields import MAX_AMOUNT
from budget.ledger.allocation import split_amount

amounts = st.decimals(min_value=Decimal("0.01"), max_value=MAX_AMOUNT, places=2)


@st.composite
def percentages_summing_to_100(draw):
    """1-12 percentages with two decimals (some zero) that sum to exactly 100.00."""
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=0, max_size=11)))
    bounds = [0, *cuts, 10_000]
    return [Decimal(high - low) / 100 for low, high in pairwise(bounds)]


@given(amount=amounts, percentages=percentages_summing_to_100())
def test_split_amount_parts_sum_exactly_to_the_amount(amount, percentages):
    parts = split_amount(amount, percentages)

    assert sum(parts) == amount
    assert len(parts) == len(percentages)
    for part, percentage in zip(parts, percentages, strict=True):
        exact = amount * percentage / 100
        assert abs(part - exact) < Decimal("0.01")  # largest remainder: never a cent further than needed
        assert part >= 0
        assert part == part.quantize(Decimal("0.01"))


@given(amount=amounts, weights=st.lists(st.decimals(0, 100, places=2), min_size=1, max_size=8))
def test_split_amount_treats_percentages_as_weights(amount, weights):
    if sum(weights) == 0:
        with pytest.raises(ValueError, match="zero"):
            split_amount(amount, weights)
        return
    assert sum(split_amount(amount, weights)) == amount


def test_split_amount_100_over_thirds():
    assert split_amount(Decimal("100.00"), [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]) == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.34"),
    ]
    # Three equal shares (weights of 99.99 in all): the left-over cent goes to the first.
    assert split_amount(Decimal("100.00"), [Decimal("33.33")] * 3) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_split_amount_does_not_round_each_part_on_its_own():
    # Rounding halves on their own gives 50.01 + 50.01 = 100.02; the old system lost or invented cents.
    assert split_amount(Decimal("100.01"), [Decimal(50), Decimal(50)]) == [Decimal("50.01"), Decimal("50.00")]
    assert split_amount(Decimal("0.01"), [Decimal(50), Decimal(30), Decimal(20)]) == [
        Decimal("0.01"),
        Decimal("0.00"),
        Decimal("0.00"),
    ]


def test_split_amount_gives_left_over_cents_to_largest_remainders():
    # 0.05 by 50/30/20 = 0.025, 0.015, 0.010: floors 2, 1, 1 cent; left 1 cent to the larger remainder (50 %).
    assert split_amount(Decimal("0.05"), [Decimal(50), Decimal(30), Decimal(20)]) == [
        Decimal("0.03"),
        Decimal("0.01"),
        Decimal("0.01"),
    ]


def test_split_amount_keeps_the_sign_of_a_negative_amount():
    assert split_amount(Decimal("-10.00"), [Decimal(70), Decimal(30)]) == [Decimal("-7.00"), Decimal("-3.00")]


@pytest.mark.parametrize(
    ("percentages", "message"),
    [([], "Nothing to split"), ([Decimal(-1), Decimal(101)], "negative"), ([Decimal(0)], "zero")],
)
def test_split_amount_refuses_nothing_to_split_over(percentages, message):
    with pytest.raises(ValueError, match=message):
        split_amount(Decimal("1.00"), percentages)
