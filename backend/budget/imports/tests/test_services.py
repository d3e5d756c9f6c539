"""Parse, review and commit through the services: duplicates, idempotence, crashed workers."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.households.models import ActivityEntry
from budget.imports import services
from budget.imports.models import Duplicate, Status
from budget.ledger import services as ledger_services
from budget.ledger.models import MonthlyTotal, Transaction
from budget.ledger.tests.invariants import check_invariants
from budget.rules.services import rule_create

from .conftest import categorize, committed, parsed, sample

pytestmark = pytest.mark.django_db


def duplicates(statement):
    return [row.duplicate for row in statement.rows.order_by("line")]


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("ing_comma.csv", 4),
        ("sparkasse_semicolon_1252.csv", 3),
        ("chase_debit_credit_bom.csv", 3),
        ("bank_ofx1.ofx", 3),
        ("bank_ofx2.qfx", 2),
    ],
)
def test_each_sample_imports_and_commits(user, ledger, name, rows):
    statement = parsed(user, ledger, name)
    assert statement.status == Status.READY
    assert statement.counts == {
        "rows": rows,
        "new": rows,
        "duplicate": 0,
        "possible_duplicate": 0,
        "invalid": 0,
    }
    assert (statement.rows_total, statement.rows_done) == (rows, rows)
    statement = committed(user, statement, ledger)
    assert (statement.status, statement.created) == (Status.COMMITTED, rows)
    assert Transaction.objects.filter(location=ledger.bank, import_id__isnull=False).count() == rows
    check_invariants(user)


@pytest.mark.parametrize("name", ["ing_comma.csv", "bank_ofx1.ofx"])
def test_the_same_file_twice_creates_nothing_the_second_time(user, ledger, name):
    committed(user, parsed(user, ledger, name), ledger)
    again = parsed(user, ledger, name)
    assert set(duplicates(again)) == {Duplicate.DUPLICATE}
    assert not again.rows.filter(include=True).exists()
    assert all(row.duplicate_of_id for row in again.rows.all())
    assert committed(user, again, ledger).created == 0
    assert Transaction.objects.count() == again.rows.count()


def test_two_identical_coffees_on_one_day_stay_two(user, ledger):
    statement = committed(user, parsed(user, ledger, "ing_comma.csv"), ledger)
    coffees = Transaction.objects.filter(description="Coffee Bar", date=datetime.date(2024, 3, 1))
    assert statement.created == 4
    assert coffees.count() == 2
    assert len(set(coffees.values_list("import_id", flat=True))) == 2


def test_overlapping_statements_add_only_the_new_rows(user, ledger):
    committed(user, parsed(user, ledger, "ing_comma.csv"), ledger)
    overlap = parsed(user, ledger, "ing_overlap.csv")
    assert duplicates(overlap) == [Duplicate.DUPLICATE, Duplicate.DUPLICATE, Duplicate.NEW]
    assert committed(user, overlap, ledger).created == 1
    assert Transaction.objects.count() == 5


def test_a_third_identical_coffee_in_a_later_statement_is_new(user, ledger):
    committed(user, parsed(user, ledger, "ing_comma.csv"), ledger)
    three = b"Date,Description,Amount\n" + b"2024-03-01,Coffee Bar,-3.50\n" * 3
    assert duplicates(parsed(user, ledger, "three.csv", three)) == [
        Duplicate.DUPLICATE,
        Duplicate.DUPLICATE,
        Duplicate.NEW,
    ]


def test_the_same_rows_in_another_location_are_not_duplicates(user, ledger):
    committed(user, parsed(user, ledger, "ing_comma.csv"), ledger)
    assert set(duplicates(parsed(user, ledger, "ing_comma.csv", location=ledger.cash))) == {Duplicate.NEW}


@pytest.mark.parametrize(
    ("days", "flag"), [(0, Duplicate.POSSIBLE), (3, Duplicate.POSSIBLE), (4, Duplicate.NEW)]
)
def test_a_hand_typed_row_within_three_days_is_a_possible_duplicate(user, ledger, days, flag):
    typed = ledger_services.transaction_create(
        user=user,
        date=datetime.date(2024, 3, 2) + datetime.timedelta(days=days),
        description="Lidl",
        amount=Decimal("42.10"),
        category=ledger.food,
        location=ledger.bank,
        bucket=ledger.necessities,
    )
    row = parsed(user, ledger, "ing_comma.csv").rows.get(description="Supermarket")
    assert (row.duplicate, row.include) == (flag, flag == Duplicate.NEW)
    assert row.duplicate_of_id == (typed.pk if flag == Duplicate.POSSIBLE else None)


def test_rows_are_proposed_a_rule_first_then_the_last_same_description(user, ledger):
    rule_create(
        user=user,
        household=user.default_household_id,
        name="Coffee",
        description_contains="COFFEE",
        category=ledger.food,
        bucket=ledger.fun,
    )
    ledger_services.transaction_create(
        user=user,
        date=datetime.date(2024, 1, 5),
        description="ACME Payroll",
        amount=Decimal("2400"),
        category=ledger.salary,
        location=ledger.cash,
        split_income=True,
    )
    rows = {row.description: row for row in parsed(user, ledger, "ing_comma.csv").rows.all()}
    assert (rows["Coffee Bar"].category, rows["Coffee Bar"].bucket) == (ledger.food, ledger.fun)
    assert (rows["ACME Payroll"].category, rows["ACME Payroll"].split_income) == (ledger.salary, True)
    assert rows["Supermarket"].category is None


def test_a_rule_for_money_in_is_not_proposed_for_money_out(user, ledger):
    rule_create(
        user=user,
        household=user.default_household_id,
        name="All",
        description_contains="a",
        category=ledger.salary,
    )
    rows = {row.description: row for row in parsed(user, ledger, "ing_comma.csv").rows.all()}
    assert rows["ACME Payroll"].category == ledger.salary
    assert rows["Coffee Bar"].category is None


def test_split_income_rows_are_allocated_after_the_commit(user, ledger, django_capture_on_commit_callbacks):
    statement = parsed(user, ledger, "bank_ofx2.qfx")
    categorize(statement, ledger)
    statement.rows.filter(amount__gt=0).update(bucket=None, split_income=True)
    services.import_commit_request(statement=statement, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        services.import_commit(import_id=statement.pk)
    income = Transaction.objects.get(description="ACME Payroll")
    assert income.allocation_status == "ALLOCATED"
    assert income.allocations.count() == 3
    check_invariants(user)


def test_bad_rows_are_invalid_with_their_line_and_never_committed(user, ledger):
    statement = parsed(user, ledger, "bad_rows.csv")
    assert statement.status == Status.READY
    assert statement.counts["invalid"] == 2
    bad = statement.rows.exclude(error="").order_by("line")
    assert [(row.line, row.include) for row in bad] == [(3, False), (4, False)]
    with pytest.raises(ValidationError, match="cannot be imported"):
        services.import_row_update(statement=statement, line=3, user=user, include=True)
    assert committed(user, statement, ledger).created == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 100, "not text"),
        (b"Date,Amount\n2024-03-01,\x81\x8d\x8f\n", "neither UTF-8 nor Windows-1252"),
        (b"Foo;Bar\n1;2\n", "No date or amount column"),
    ],
)
def test_bad_files_fail_with_the_reason(user, ledger, content, reason):
    statement = parsed(user, ledger, "statement.csv", content)
    assert statement.status == Status.FAILED
    assert reason in statement.error
    assert not statement.rows.exists()


def test_a_file_over_five_megabytes_is_refused_at_upload(user, ledger):
    with pytest.raises(ValidationError, match="at most 5 MB"):
        parsed(user, ledger, "big.csv", b"Date,Description,Amount\n" + b"2024-03-01,x,1\n" * 450_000)


def test_a_commit_without_categories_lists_the_lines(user, ledger):
    statement = parsed(user, ledger, "ing_comma.csv")
    with pytest.raises(ValidationError, match=r"Lines 2, 3, 4, 5: no category"):
        services.import_commit_request(statement=statement, user=user)
    assert Transaction.objects.count() == 0


def test_committing_twice_creates_nothing_more(user, ledger):
    statement = committed(user, parsed(user, ledger, "ing_comma.csv"), ledger)
    services.import_commit_request(statement=statement, user=user)
    assert services.import_commit(import_id=statement.pk) == 0
    assert Transaction.objects.count() == 4
    assert ActivityEntry.objects.filter(action="import.committed").count() == 1


def test_a_worker_lost_between_parse_and_commit_is_healed_by_the_sweep(user, ledger, monkeypatch):
    statement = services.import_create(
        user=user,
        household=user.default_household_id,
        location=ledger.bank,
        filename="a.csv",
        content=sample("ing_comma.csv"),
    )  # the parse task was lost: nothing ran it
    ran = []
    monkeypatch.setattr(services, "async_task", lambda func, *args: ran.append((func, *args)))
    assert services.imports_requeue_stuck(older_than=datetime.timedelta(0)) == 1
    assert ran == [(services.PARSE_TASK, str(statement.pk))]
    services.import_parse(import_id=statement.pk)
    statement.refresh_from_db()
    categorize(statement, ledger)
    services.import_commit_request(statement=statement, user=user)  # its commit task is lost too
    ran.clear()
    assert services.imports_requeue_stuck(older_than=datetime.timedelta(0)) == 1
    assert ran == [(services.COMMIT_TASK, str(statement.pk))]
    assert services.import_commit(import_id=statement.pk) == 4


def test_a_worker_killed_during_the_commit_leaves_nothing_and_the_retry_commits_once(
    user, ledger, monkeypatch
):
    statement = parsed(user, ledger, "ing_comma.csv")
    categorize(statement, ledger)
    services.import_commit_request(statement=statement, user=user)
    totals = MonthlyTotal.objects.count()
    original = services.create_rows

    def killed(**kwargs):
        original(**kwargs)  # the rows are written, then the worker dies before the commit
        raise SystemExit("worker killed")

    monkeypatch.setattr(services, "create_rows", killed)
    with pytest.raises(SystemExit):
        services.import_commit(import_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == Status.COMMITTING
    assert (Transaction.objects.count(), MonthlyTotal.objects.count()) == (0, totals)
    monkeypatch.setattr(services, "create_rows", original)
    assert services.import_commit(import_id=statement.pk) == 4
    assert services.import_commit(import_id=statement.pk) == 0
    check_invariants(user)


def test_a_category_archived_after_review_sends_the_import_back_with_the_line(user, ledger):
    from budget.imports.tasks import commit_import

    statement = parsed(user, ledger, "bank_ofx2.qfx")
    categorize(statement, ledger)
    services.import_commit_request(statement=statement, user=user)
    ledger_services.category_archive(category=ledger.food, user=user)
    assert commit_import(str(statement.pk)) == 0
    statement.refresh_from_db()
    assert statement.status == Status.READY
    assert statement.error.startswith("Line 1:")
    assert Transaction.objects.count() == 0


def test_the_mapping_of_a_location_is_remembered(user, ledger):
    content = b"When;What;Sum\n01/02/2024;Rent;-700\n"
    mapping = {"date": "When", "description": "What", "amount": "Sum", "date_format": "DD/MM/YYYY"}
    parsed(user, ledger, "a.csv", content, mapping=mapping)
    again = parsed(user, ledger, "b.csv", content)
    assert again.mapping["date_format"] == "DD/MM/YYYY"
    assert again.rows.get().date == datetime.date(2024, 2, 1)


def test_discarding_an_import_and_refusing_to_discard_a_committed_one(user, ledger):
    statement = parsed(user, ledger, "ing_comma.csv")
    services.import_delete(statement=statement, user=user)
    done = committed(user, parsed(user, ledger, "ing_comma.csv"), ledger)
    with pytest.raises(ValidationError, match="committed"):
        services.import_delete(statement=done, user=user)
