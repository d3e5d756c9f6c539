import pytest

from budget_ui import recurring as logic

RENT = {"id": "c1", "name": "Rent", "sign": "NEGATIVE"}
SALARY = {"id": "c2", "name": "Salary", "sign": "POSITIVE"}


def item(**fields):
    return {
        "id": "i1",
        "name": "Rent",
        "kind": "TRANSACTION",
        "template": {"description": "Rent", "amount": "850.00", "category": "c1", "location": "l1"},
        "frequency": "MONTHLY",
        "interval": 1,
        "day": -1,
        "start_date": "2024-01-31",
        "end_date": None,
        "auto_post": True,
        "is_active": True,
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({}, "Monthly on the last day of the month"),
        ({"day": 1}, "Monthly on the 1st"),
        ({"day": 22}, "Monthly on the 22nd"),
        ({"day": 13}, "Monthly on the 13th"),
        ({"frequency": "WEEKLY", "interval": 2, "day": None}, "Every 2 weeks"),
        ({"frequency": "YEARLY", "day": None, "end_date": "2030-01-01"}, "Yearly, until 2030-01-01"),
    ],
)
def test_schedule_label(fields, label):
    assert logic.schedule_label(item(**fields)) == label


def test_transaction_template_takes_the_sign_from_the_category():
    template = logic.transaction_template(
        category=RENT, amount="-850", description="Rent", location="l1", bucket="b1", split=True
    )
    assert template == {
        "description": "Rent",
        "amount": "850.00",
        "category": "c1",
        "location": "l1",
        "bucket": "b1",
        "split_income": False,
    }
    split = logic.transaction_template(
        category=SALARY, amount="3000", description="Pay", location="l1", bucket="b1", split=True
    )
    assert (split["bucket"], split["split_income"]) == (None, True)


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"interval": 0}, "1 to 99"),
        ({"interval": "x"}, "1 to 99"),
        ({"start": "31.02.2024"}, "not a date"),
        ({"end": "soon"}, "not a date"),
    ],
)
def test_item_body_refuses_a_bad_schedule(schedule, message):
    fields = {"frequency": "MONTHLY", "interval": 1, "day": 5, "start": "2024-01-05", **schedule}
    with pytest.raises(ValueError, match=message):
        logic.item_body(name="Rent", kind="TRANSACTION", template={}, auto_post=True, **fields)


def test_item_body_drops_the_day_of_a_weekly_item():
    body = logic.item_body(
        name=" Gym ", kind="TRANSACTION", template={}, auto_post=False,
        frequency="WEEKLY", interval=2, day=5, start="2024-01-05", end="",
    )  # fmt: skip
    assert body == {
        "name": "Gym",
        "kind": "TRANSACTION",
        "template": {},
        "auto_post": False,
        "frequency": "WEEKLY",
        "interval": 2,
        "day": None,
        "start_date": "2024-01-05",
        "end_date": None,
    }


def test_edit_body_sends_only_what_changed():
    schedule = {"frequency": "MONTHLY", "interval": 1, "day": -1, "start": "2024-01-31", "end": ""}
    same = {"name": "Rent", "amount": "850.00", "description": "Rent", "auto_post": True, "is_active": True}
    assert logic.edit_body(item(), **same, **schedule) == {}
    body = logic.edit_body(item(), **{**same, "amount": "900", "is_active": False}, **schedule)
    assert body == {"is_active": False, "template": {**item()["template"], "amount": "900.00"}}


@pytest.mark.parametrize(
    ("date", "frequency", "start", "day"),
    [
        ("2024-01-31", "MONTHLY", "2024-02-29", -1),
        ("2024-01-15", "MONTHLY", "2024-02-15", 15),
        ("2024-02-29", "YEARLY", "2025-02-28", None),
        ("2024-01-15", "WEEKLY", "2024-01-22", None),
        ("2024-12-31", "MONTHLY", "2025-01-31", -1),
    ],
)
def test_from_transaction_starts_at_the_next_date(date, frequency, start, day):
    row = {
        "date": date,
        "description": "Gym",
        "amount": "30.00",
        "category": "c1",
        "location": "l1",
        "bucket": "b1",
        "split_income": False,
        "transfer": None,
    }
    body = logic.from_transaction(row, frequency)
    assert (body["start_date"], body["day"], body["template"]["amount"]) == (start, day, "30.00")


def test_from_transaction_refuses_a_transfer_leg():
    with pytest.raises(ValueError, match="transfer"):
        logic.from_transaction({"date": "2024-01-01", "transfer": "t1"})


def test_upcoming_table_and_status():
    entry = {
        "recurring": "i1",
        "name": "Rent",
        "date": "2024-01-31",
        "signed_amount": "-850.00",
        "location_name": "Bank",
        "projected_balance": "150.00",
        "overdue": True,
        "auto_post": False,
    }
    table = logic.upcoming_table([entry], "EUR")
    assert list(table.iloc[0]) == ["2024-01-31", "Rent", "-€850.00", "Bank", "€150.00", "overdue"]
    assert logic.entry_label(entry, "EUR") == "2024-01-31 · Rent (-€850.00)"
