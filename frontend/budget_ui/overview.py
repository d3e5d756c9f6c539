"""The Overview's figures as text: savings rates, the change against last month, short lists."""

import pandas as pd

from budget_ui.money import money, number, to_decimal


def rate(value) -> str:
    """'23.5 %' of the income kept; 'no income' when there was none (no rate to speak of)."""
    return "no income" if value is None else f"{number(value, decimals=1)} %"


def change(now, before, currency: str) -> str | None:
    """'+€12.00' / '-€3.50' against last month; None when both are zero (nothing to compare)."""
    difference = to_decimal(now) - to_decimal(before)
    if not difference and not to_decimal(before):
        return None
    return ("+" if difference >= 0 else "") + money(difference, currency)


def rows_table(rows: list[dict], currency: str) -> pd.DataFrame:
    """Date, description and the signed amount (what it did to the money), then its category."""
    return pd.DataFrame(
        {
            "Date": [row["date"] for row in rows],
            "Description": [row["description"] for row in rows],
            "Amount": [money(row["signed_amount"], currency) for row in rows],
            "Category": [row["category_name"] for row in rows],
        }
    )
