"""The Rules page's logic: rules as rows, the form's values as the API's body, and the test."""

import pandas as pd

from budget_ui import data

DIRECTIONS = {None: "either", "IN": "money in", "OUT": "money out"}


def _api():
    return data._api()


def rules() -> list[dict]:
    return _api().list_all("rules")


def create(body: dict) -> dict:
    return _api().create("rules", body)


def update(rule_id: str, body: dict) -> dict:
    return _api().update("rules", rule_id, body)


def delete(rule_id: str) -> None:
    _api().delete("rules", rule_id)


def match(description: str, amount: str | None = None) -> dict:
    return _api().rule_match(description=description, amount=amount or None)


def body(
    *,
    name,
    priority,
    is_active,
    contains,
    amount_min,
    amount_max,
    location,
    direction,
    category,
    bucket,
    split_income,
    description,
) -> dict:
    """The API's body from the form; empty inputs are left out of the conditions and actions."""
    conditions = {
        "description_contains": contains.strip(),
        "amount_min": amount_min.strip() or None,
        "amount_max": amount_max.strip() or None,
        "location": location,
        "direction": direction,
    }
    actions = {
        "category": category,
        "bucket": None if split_income else bucket,
        "split_income": True if split_income else None,
        "description": description.strip(),
    }
    return {
        "name": name.strip(),
        "priority": int(priority),
        "is_active": is_active,
        "conditions": conditions,
        "actions": actions,
    }


def table(rules: list[dict], names: dict[str, str]) -> pd.DataFrame:
    def when(rule):
        c = rule["conditions"]
        parts = [f"“{c['description_contains']}” in the text"] if c["description_contains"] else []
        if c["amount_min"] or c["amount_max"]:
            parts.append(f"amount {c['amount_min'] or '0'} to {c['amount_max'] or 'any'}")
        if c["location"]:
            parts.append(f"in {names.get(c['location'], '?')}")
        if c["direction"]:
            parts.append(DIRECTIONS[c["direction"]])
        return ", ".join(parts)

    def then(rule):
        a = rule["actions"]
        parts = [names.get(a["category"], "?")] if a["category"] else []
        if a["split_income"]:
            parts.append("split over buckets")
        elif a["bucket"]:
            parts.append(f"bucket {names.get(a['bucket'], '?')}")
        if a["description"]:
            parts.append(f"described “{a['description']}”")
        return ", ".join(parts)

    return pd.DataFrame(
        [
            {
                "Priority": r["priority"],
                "Name": r["name"],
                "When": when(r),
                "Then": then(r),
                "Active": r["is_active"],
            }
            for r in rules
        ],
        columns=["Priority", "Name", "When", "Then", "Active"],
    )


def suggestion(
    *, description: str, amount: str, location: str | None, categories: dict[str, dict]
) -> dict | None:
    """For the add form: the first rule's category (and bucket) for what was typed, or None. The form
    does not know the direction before a category is chosen, so money out is asked first, then in."""
    if not description.strip():
        return None
    size = amount.strip().lstrip("+-") or None
    for signed in [f"-{size}", size] if size else [None]:
        try:
            found = _api().rule_match(description=description, amount=signed, location=location)
        except Exception:  # a suggestion is a nicety: the form works without it
            return None
        category = (found.get("actions") or {}).get("category")
        if category in categories:
            return {
                "category": category,
                "bucket": found["actions"].get("bucket"),
                "rule": found["rule_name"],
            }
    return None
