from decimal import Decimal

import pytest

from budget.rules.matching import first_match, fold, rule_matches
from budget.rules.models import Rule


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Café  ȘCOALĂ", "cafe scoala"), ("Straße", "strasse"), ("  LIDL\tStore ", "lidl store")],
)
def test_fold_ignores_case_accents_and_spacing(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("conditions", "description", "amount", "matches"),
    [
        ({"description_contains": "cafe"}, "CAFÉ Central", Decimal("-3"), True),
        ({"description_contains": "școală"}, "Taxa SCOALA", None, True),
        ({"description_contains": "cafe"}, "Bakery", Decimal("-3"), False),
        ({"direction": "OUT"}, "x", Decimal("-3"), True),
        ({"direction": "OUT"}, "x", Decimal("3"), False),
        ({"direction": "IN"}, "x", None, False),
        ({"amount_min": Decimal("2"), "amount_max": Decimal("5")}, "x", Decimal("-3"), True),
        ({"amount_min": Decimal("2"), "amount_max": Decimal("5")}, "x", Decimal("-6"), False),
        ({"amount_max": Decimal("5")}, "x", Decimal("5"), True),
    ],
)
def test_rule_matches(conditions, description, amount, matches):
    rule = Rule(**conditions)
    assert rule_matches(rule, description=description, amount=amount) is matches


def test_rule_with_a_location_matches_only_there():
    rule = Rule(location_id="7c9e6679-7425-40de-944b-e07fc1f90ae7")
    assert rule_matches(
        rule, description="x", amount=None, location_id="7c9e6679-7425-40de-944b-e07fc1f90ae7"
    )
    assert not rule_matches(rule, description="x", amount=None, location_id=None)


def test_first_match_is_the_first_in_order():
    rules = [
        Rule(name="a", description_contains="zzz"),
        Rule(name="b", description_contains="o"),
        Rule(name="c"),
    ]
    assert first_match(rules, description="coffee", amount=None).name == "b"
