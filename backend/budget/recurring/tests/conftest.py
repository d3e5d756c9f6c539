import datetime
from decimal import Decimal

import pytest

from budget.ledger.tests.conftest import Ledger, make_ledger
from budget.recurring import schedule, services


@pytest.fixture
def ledger(user) -> Ledger:
    return make_ledger(user)


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock: `clock.set(date)` is what every schedule reads as today."""

    class Clock:
        day = datetime.date(2024, 3, 10)

        def set(self, day):
            self.day = day

    frozen = Clock()
    monkeypatch.setattr(schedule, "today", lambda: frozen.day)
    return frozen


def rent_template(ledger, amount="850.00") -> dict:
    return {
        "description": "Rent",
        "amount": amount,
        "category": str(ledger.food.pk),
        "location": str(ledger.bank.pk),
        "bucket": str(ledger.necessities.pk),
    }


def savings_template(ledger) -> dict:
    return {
        "description": "To savings",
        "amount": "100.00",
        "from_location": str(ledger.bank.pk),
        "from_bucket": str(ledger.necessities.pk),
        "to_location": str(ledger.cash.pk),
        "to_bucket": str(ledger.economy.pk),
    }


def make_item(user, ledger, **fields):
    from budget.ledger.serializers import OwnedRefs
    from budget.recurring.templates import template_read, template_stored

    values = {
        "name": "Rent",
        "kind": "TRANSACTION",
        "frequency": "MONTHLY",
        "start_date": datetime.date(2024, 1, 31),
        "day": 31,
        **fields,
    }
    raw = values.pop("template", None) or (
        savings_template(ledger) if values["kind"] == "TRANSFER" else rent_template(ledger)
    )
    refs = OwnedRefs(user.default_household_id)
    values["template"] = template_stored(
        template_read(values["kind"], raw, refs=refs, date=values["start_date"])
    )
    return services.recurring_create(user=user, **values)


MONEY = Decimal
