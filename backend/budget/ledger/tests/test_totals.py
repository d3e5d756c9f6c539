"""Stored monthly totals (DESIGN.md invariant 8): every write keeps them, the repair and the command."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget.ledger import services, totals
from budget.ledger.models import MonthlyTotal, Transaction
from budget.ledger.writes import ledger_changed, ledger_counts, ledger_lock, ledger_write

pytestmark = pytest.mark.django_db

MARCH, APRIL = datetime.date(2024, 3, 5), datetime.date(2024, 4, 9)


def _expense(user, ledger, **fields):
    values = {
        "user": user,
        "date": MARCH,
        "description": "Lunch",
        "amount": Decimal("12.50"),
        "category": ledger.food,
        "location": ledger.cash,
        "bucket": ledger.fun,
    } | fields
    return services.transaction_create(**values)


def _income(user, ledger, **fields):
    values = {
        "user": user,
        "date": MARCH,
        "description": "Salary",
        "amount": Decimal("1000.01"),
        "category": ledger.salary,
        "location": ledger.bank,
        "split_income": True,
    } | fields
    return services.transaction_create(**values)


def _transfer(user, ledger):
    return services.transfer_create(
        user=user,
        date=APRIL,
        description="To the bank",
        amount=Decimal("40.00"),
        from_location=ledger.cash,
        to_location=ledger.bank,
        from_bucket=ledger.fun,
        to_bucket=ledger.economy,
    )


def _edit(user, ledger):
    txn = _expense(user, ledger)
    services.transaction_update(txn=txn, user=user, amount=Decimal("7.25"), date=APRIL, location=ledger.bank)


def _move_split_income(user, ledger):
    txn = _income(user, ledger)
    services.income_allocate(transaction_id=txn.pk)
    services.transaction_update(txn=txn, user=user, date=APRIL, location=ledger.cash, category=ledger.salary)


def _resplit(user, ledger):
    txn = _income(user, ledger)
    services.income_allocate(transaction_id=txn.pk)
    services.transaction_update(txn=txn, user=user, amount=Decimal("333.33"))
    services.income_allocate(transaction_id=txn.pk)


def _unsplit(user, ledger):
    txn = _income(user, ledger)
    services.income_allocate(transaction_id=txn.pk)
    services.transaction_update(txn=txn, user=user, split_income=False, bucket=ledger.economy)


def _split_again(user, ledger):
    txn = _expense(user, ledger, category=ledger.salary, bucket=ledger.economy)
    services.transaction_update(txn=txn, user=user, split_income=True)
    services.income_allocate(transaction_id=txn.pk)


def _delete_split(user, ledger):
    txn = _income(user, ledger)
    services.income_allocate(transaction_id=txn.pk)
    services.transaction_delete(txn=txn, user=user)


def _bulk(user, ledger):
    services.transaction_bulk_create(
        user=user,
        items=[
            {"date": MARCH, "description": "A", "amount": Decimal("1.00"), "category": ledger.food,
             "location": ledger.cash, "bucket": ledger.fun},
            {"date": APRIL, "description": "B", "amount": Decimal("-3.00"), "category": ledger.loan,
             "location": ledger.bank, "bucket": ledger.necessities},
            {"date": APRIL, "description": "C", "amount": Decimal("9.99"), "category": ledger.salary,
             "location": ledger.bank, "split_income": True},
        ],
    )  # fmt: skip


def _refused_bulk(user, ledger):
    _expense(user, ledger)
    with pytest.raises(services.BulkValidationError):
        services.transaction_bulk_create(
            user=user,
            items=[
                {"date": MARCH, "description": "A", "amount": Decimal("1.00"), "category": ledger.food,
                 "location": ledger.cash, "bucket": ledger.fun},
                {"date": MARCH, "description": "B", "amount": Decimal("-1.00"), "category": ledger.food,
                 "location": ledger.cash, "bucket": ledger.fun},
            ],
        )  # fmt: skip


def _transfer_and_back(user, ledger):
    transfer = _transfer(user, ledger)
    _transfer(user, ledger)
    services.transfer_delete(transfer=transfer, user=user)


def _opening_balance(user, ledger):
    services.location_create(
        user=user,
        name="Savings",
        opening_balance={"amount": Decimal("250.00"), "date": MARCH, "bucket": ledger.economy},
    )


def _delete_everything(user, ledger):
    txn = _expense(user, ledger)
    services.transaction_delete(txn=txn, user=user)


@pytest.mark.parametrize(
    "write",
    [
        _expense, _income, _transfer, _edit, _move_split_income, _resplit, _unsplit, _split_again,
        _delete_split, _bulk, _refused_bulk, _transfer_and_back, _opening_balance, _delete_everything,
    ],
)  # fmt: skip
def test_every_write_keeps_the_totals_equal_to_the_rows(user, ledger, write):
    write(user, ledger)

    assert totals.differences(user.default_household_id) == {}
    assert MonthlyTotal.objects.filter(count=0).count() == 0  # emptied totals are deleted


def test_totals_sum_what_the_reports_show(user, ledger):
    _expense(user, ledger)
    _expense(user, ledger, amount=Decimal("7.50"))
    income = _income(user, ledger)
    services.income_allocate(transaction_id=income.pk)

    rows = {
        (total.category_id, total.bucket_id, total.leg): (total.amount, total.signed_amount, total.count)
        for total in MonthlyTotal.objects.filter(household_id=user.default_household_id)
    }
    assert rows[(ledger.food.pk, ledger.fun.pk, False)] == (Decimal("20.00"), Decimal("-20.00"), 2)
    assert rows[(ledger.salary.pk, None, False)] == (Decimal("1000.01"), Decimal("1000.01"), 1)
    legs = [
        rows[(ledger.salary.pk, bucket.pk, True)][0]
        for bucket in (ledger.necessities, ledger.economy, ledger.fun)
    ]
    assert legs == [Decimal("500.01"), Decimal("300.00"), Decimal("200.00")]


def test_a_nested_write_that_fails_takes_back_what_it_counted(user, ledger):
    household_id = user.default_household_id

    @ledger_write
    def failing(txn):
        ledger_lock(household_id)
        ledger_counts().row(txn)  # as if it had added a row, then refused
        raise ValueError("refused")

    @ledger_write
    def outer():
        ledger_lock(household_id)
        txn = Transaction.objects.filter(household_id=household_id).first()
        with pytest.raises(ValueError, match="refused"):
            failing(txn)
        ledger_changed(household_id, actor=user, action="transaction.updated", obj_id=txn.pk, summary="-")

    _expense(user, ledger)
    outer()

    assert totals.differences(household_id) == {}


def test_a_write_that_counts_without_announcing_is_refused(user, ledger):
    txn = _expense(user, ledger)

    @ledger_write
    def forgetful():
        ledger_lock(txn.household_id)
        ledger_counts().row(txn)

    with pytest.raises(RuntimeError, match="ledger_changed"):
        forgetful()
    assert totals.differences(txn.household_id) == {}


def _corrupt(user, ledger):
    _expense(user, ledger)
    _expense(user, ledger, date=APRIL)
    total = MonthlyTotal.objects.filter(household_id=user.default_household_id, year_month=202404).get()
    MonthlyTotal.objects.filter(pk=total.pk).update(count=5)  # a lost update, as it were
    MonthlyTotal.objects.filter(household_id=user.default_household_id, year_month=202403).delete()


def test_check_names_each_difference_and_exits_1(user, ledger, capsys):
    _corrupt(user, ledger)

    with pytest.raises(CommandError, match="1 differ"):
        call_command("totals", "--check")

    out = capsys.readouterr().out
    assert "202403" in out
    assert "stored none, rows say -12.50 (12.50 as entered) in 1" in out
    assert "202404" in out
    assert "stored -12.50 (12.50 as entered) in 5, rows say -12.50 (12.50 as entered) in 1" in out


def test_rebuild_corrects_them_and_check_then_passes(user, ledger, other_user, other_ledger, capsys):
    _corrupt(user, ledger)
    _expense(other_user, other_ledger)

    call_command("totals", "--rebuild")
    call_command("totals", "--check")

    assert totals.differences(user.default_household_id) == {}
    assert "2 household(s) checked; 0 differ." in capsys.readouterr().out


def test_rebuild_of_one_household_leaves_the_others(user, ledger, other_user, other_ledger):
    _corrupt(user, ledger)
    _corrupt(other_user, other_ledger)

    call_command("totals", "--rebuild", "--household", str(user.default_household_id))

    assert totals.differences(user.default_household_id) == {}
    assert totals.differences(other_user.default_household_id) != {}


@pytest.mark.parametrize("household", ["nope", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_household_is_named(household):
    with pytest.raises(CommandError, match="No household with id"):
        call_command("totals", "--check", "--household", household)


def test_a_repair_makes_cached_reports_stale(user, ledger):
    from budget.reports.services import ledger_version

    _corrupt(user, ledger)
    before = ledger_version(household_id=user.default_household_id)

    services.totals_repair(household_id=user.default_household_id)

    assert ledger_version(household_id=user.default_household_id) != before


def test_the_migration_builds_the_totals_of_existing_rows(user, ledger, other_user, other_ledger):
    from importlib import import_module

    from django.apps import apps

    for write in (_expense, _income, _split_again, _transfer):
        write(user, ledger)
    _income(other_user, other_ledger)
    MonthlyTotal.objects.all().delete()

    import_module("budget.ledger.migrations.0009_monthly_totals_from_rows").build(apps, None)

    assert MonthlyTotal.objects.exists()
    for owner in (user, other_user):
        assert totals.differences(owner.default_household_id) == {}
