import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.households.models import ActivityEntry
from budget.ledger import services as ledger_services
from budget.ledger.models import Transaction
from budget.ledger.tests.invariants import check_invariants
from budget.recurring import services
from budget.recurring.models import Occurrence, OccurrenceStatus
from budget.recurring.selectors import recurring_upcoming

from .conftest import make_item

pytestmark = pytest.mark.django_db
D = datetime.date


def posted(item):
    return list(Transaction.objects.filter(recurring=item).order_by("date").values_list("date", flat=True))


def test_catch_up_across_months_posts_every_missed_date_once(user, ledger, clock):
    clock.set(D(2024, 1, 15))
    item = make_item(user, ledger, auto_post=True)  # the 31st, from 31 January
    assert services.recurring_post_due() == 0
    clock.set(D(2024, 5, 2))  # the worker was down since January
    assert services.recurring_post_due() == 4
    assert posted(item) == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)]
    assert services.recurring_post_due() == 0  # run again: nothing twice
    item.refresh_from_db()
    assert (item.next_date, item.last_posted) == (D(2024, 5, 31), D(2024, 4, 30))
    rows = Transaction.objects.filter(recurring=item)
    assert {(t.signed_amount, t.description, t.created_by_id) for t in rows} == {
        (Decimal("-850.00"), "Rent", user.pk)
    }
    check_invariants(user)


def test_catch_up_is_bounded_per_run(user, ledger, clock):
    clock.set(D(2024, 3, 1))
    item = make_item(user, ledger, frequency="WEEKLY", day=None, start_date=D(2024, 1, 1), auto_post=True)
    assert services.recurring_post_due(limit=3) == 3
    assert services.recurring_post_due(limit=100) == 6  # 1 Jan to 26 Feb: 9 Mondays
    assert len(posted(item)) == 9


def test_inactive_or_manual_items_are_not_posted(user, ledger, clock):
    clock.set(D(2024, 6, 1))
    make_item(user, ledger, auto_post=False)
    off = make_item(user, ledger, name="Off", auto_post=True)
    services.recurring_update(item=off, user=user, is_active=False)
    assert services.recurring_post_due() == 0
    assert not Transaction.objects.filter(recurring__isnull=False).exists()


def test_transfer_items_post_both_legs(user, ledger, clock):
    clock.set(D(2024, 2, 1))
    item = make_item(
        user, ledger, kind="TRANSFER", name="Savings", day=1, start_date=D(2024, 1, 1), auto_post=True
    )
    assert services.recurring_post_due() == 2
    legs = Transaction.objects.filter(recurring=item)
    assert (
        sorted(legs.values_list("signed_amount", flat=True))
        == [Decimal("-100.00")] * 2 + [Decimal("100.00")] * 2
    )
    assert Occurrence.objects.filter(item=item, transfer__isnull=False).count() == 2
    check_invariants(user)


@pytest.mark.parametrize("action", [services.recurring_post, services.recurring_skip])
def test_a_handled_date_is_refused_by_post_and_skip(user, ledger, clock, action):
    item = make_item(user, ledger)
    services.recurring_skip(item=item, date=D(2024, 2, 29), user=user)
    services.recurring_post(item=item, date=D(2024, 3, 31), user=user)
    for date in (D(2024, 2, 29), D(2024, 3, 31)):
        with pytest.raises(ValidationError, match="already"):
            action(item=item, date=date, user=user)
    with pytest.raises(ValidationError, match="not a date"):
        action(item=item, date=D(2024, 2, 28), user=user)
    assert posted(item) == [D(2024, 3, 31)]


def test_post_and_skip_move_the_next_date(user, ledger, clock):
    item = make_item(user, ledger)
    services.recurring_post(item=item, date=D(2024, 1, 31), user=user)
    services.recurring_skip(item=item, date=D(2024, 2, 29), user=user)
    item.refresh_from_db()
    assert (item.next_date, item.last_posted) == (D(2024, 3, 31), D(2024, 1, 31))
    statuses = dict(Occurrence.objects.filter(item=item).values_list("date", "status"))
    assert statuses == {D(2024, 1, 31): OccurrenceStatus.POSTED, D(2024, 2, 29): OccurrenceStatus.SKIPPED}
    assert ActivityEntry.objects.filter(action="recurring.skipped").count() == 1


def test_editing_or_deleting_never_touches_posted_rows(user, ledger, clock):
    clock.set(D(2024, 3, 31))
    item = make_item(user, ledger, auto_post=True)
    services.recurring_post_due()
    before = list(Transaction.objects.filter(recurring=item).order_by("date").values())
    assert len(before) == 3
    item = services.recurring_update(
        item=item,
        user=user,
        name="New rent",
        day=15,
        template={**item.template, "amount": "900.00", "description": "New rent"},
    )
    # The new schedule starts after the last date handled: no March 15 posted next to March 31.
    assert item.next_date == D(2024, 4, 15)
    assert services.recurring_post_due() == 0
    services.recurring_delete(item=item, user=user)
    after = list(Transaction.objects.filter(recurring=item).order_by("date").values())
    assert after == before
    clock.set(D(2024, 6, 1))
    assert services.recurring_post_due() == 0  # deleted: posts nothing more


def test_an_item_created_with_due_dates_posts_right_after_commit(
    user, ledger, clock, django_capture_on_commit_callbacks
):
    clock.set(D(2024, 2, 5))
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(user, ledger, auto_post=True)
    assert posted(item) == [D(2024, 1, 31)]


def test_a_template_the_ledger_refuses_is_refused_on_create(user, ledger):
    template = {
        "description": "Food",
        "amount": "5.00",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
    }
    with pytest.raises(ValidationError) as caught:
        make_item(user, ledger, template=template)
    assert "bucket" in str(caught.value.message_dict["template"])
    assert not Transaction.objects.exists()


def test_a_posting_refused_later_is_kept_on_the_item_and_retried(user, ledger, clock):
    clock.set(D(2024, 2, 1))
    item = make_item(user, ledger, auto_post=True)
    ledger_services.category_archive(category=ledger.food, user=user)
    assert services.recurring_post_due() == 0
    item.refresh_from_db()
    assert "archived" in item.last_error
    assert item.next_date == D(2024, 1, 31)


def test_upcoming_projects_each_location_balance(user, ledger, clock):
    ledger_services.transaction_create(
        user=user,
        date=D(2024, 1, 1),
        description="Pay",
        amount=Decimal("2000.00"),
        category=ledger.salary,
        location=ledger.bank,
        bucket=ledger.necessities,
    )
    clock.set(D(2024, 2, 10))
    make_item(user, ledger)  # rent on the 31st, not auto-posted: January is overdue
    make_item(user, ledger, kind="TRANSFER", name="Savings", day=1, start_date=D(2024, 3, 1))
    entries = recurring_upcoming(household=user.default_household_id, days=30)
    shown = [
        (e["date"], e["name"], e["signed_amount"], e["projected_balance"], e["overdue"]) for e in entries
    ]
    assert shown == [
        (D(2024, 1, 31), "Rent", Decimal("-850.00"), Decimal("1150.00"), True),
        (D(2024, 2, 29), "Rent", Decimal("-850.00"), Decimal("300.00"), False),
        (D(2024, 3, 1), "Savings", Decimal("-100.00"), Decimal("200.00"), False),
    ]
    assert entries[2]["to_projected_balance"] == Decimal("100.00")


def test_the_database_refuses_a_second_occurrence_of_a_date(user, ledger):
    from django.db import IntegrityError, transaction

    item = make_item(user, ledger)
    services.recurring_skip(item=item, date=D(2024, 1, 31), user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Occurrence.objects.create(household=item.household, item=item, date=D(2024, 1, 31), status="POSTED")


def test_deleting_the_household_takes_its_items_and_their_transactions(user, ledger, clock):
    from budget.households.services.households import household_delete

    clock.set(D(2024, 3, 1))
    item = make_item(user, ledger, auto_post=True)
    assert services.recurring_post_due() == 2
    household = user.default_household
    household_delete(household_id=household.pk, actor=user, confirm=household.name)
    assert not Transaction.objects.filter(recurring=item).exists()
    assert not Occurrence.objects.exists()


def test_an_edit_that_changes_nothing_records_nothing(user, ledger):
    item = make_item(user, ledger)
    entries = ActivityEntry.objects.count()
    services.recurring_update(item=item, user=user, name="Rent")
    assert ActivityEntry.objects.count() == entries
