"""Whether a rule applies: plain functions, no database. Text ignores case and accents."""

import unicodedata
from decimal import Decimal


def fold(text: str) -> str:
    """'Café  ȘCOALĂ' -> 'cafe scoala': no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def rule_matches(rule, *, description: str, amount: Decimal | None, location_id=None) -> bool:
    """`amount` is signed (negative leaves the account); the amount range bounds its size. A rule
    with an amount or direction condition never matches when the amount is unknown."""
    if rule.description_contains and fold(rule.description_contains) not in fold(description):
        return False
    if rule.location_id is not None and str(rule.location_id) != str(location_id):
        return False
    if rule.direction or rule.amount_min is not None or rule.amount_max is not None:
        if amount is None:
            return False
        if (rule.direction == "IN" and amount <= 0) or (rule.direction == "OUT" and amount >= 0):
            return False
        if rule.amount_min is not None and abs(amount) < rule.amount_min:
            return False
        if rule.amount_max is not None and abs(amount) > rule.amount_max:
            return False
    return True


def first_match(rules, *, description: str, amount: Decimal | None, location_id=None):
    """The first of `rules` (active, in priority order) that applies, or None."""
    for rule in rules:
        if rule_matches(rule, description=description, amount=amount, location_id=location_id):
            return rule
    return None


def actions_of(rule) -> dict:
    return {
        "category": rule.category_id,
        "bucket": rule.bucket_id,
        "split_income": rule.split_income,
        "description": rule.description or None,
    }
