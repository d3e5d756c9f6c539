import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ObjectDoesNotExist, ValidationError

from budget.ledger import services
from budget.ledger.models import Allocation, Bucket, Category, Location, Sign, Transaction, Transfer
from budget.ledger.services import setup
from budget.users.services import user_delete

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 2, 1)


def expense(user, ledger, amount="10.00", **fields):
    values = {"location": ledger.cash, "bucket": ledger.fun, **fields}
    return services.transaction_create(
        user=user, date=DAY, description="Lunch", amount=Decimal(amount), category=ledger.food, **values
    )


def test_name_race_past_the_check_is_a_validation_error_not_a_500(user, ledger, monkeypatch):
    monkeypatch.setattr(setup, "_name_taken", lambda *args, **kwargs: False)  # as if a twin request raced

    with pytest.raises(ValidationError) as exc:
        services.location_create(user=user, name="CASH")

    assert "already have an active location" in exc.value.message_dict["name"][0]
    assert Location.objects.for_user(user).count() == 2


def test_archived_bucket_percentage_does_not_count_and_can_change(user, ledger):
    services.bucket_archive(bucket=ledger.fun)

    services.bucket_create(user=user, name="Travel", allocation_percentage=Decimal(20))
    services.bucket_update(bucket=Bucket.objects.get(pk=ledger.fun.pk), allocation_percentage=Decimal(90))

    assert Bucket.objects.get(pk=ledger.fun.pk).allocation_percentage == Decimal(90)


def test_archived_location_history_keeps_its_money_where_it_is(user, ledger):
    txn = expense(user, ledger)
    services.transaction_create(
        user=user, date=DAY, description="Refill", amount=Decimal(10), category=ledger.loan,
        location=ledger.cash, bucket=ledger.fun,
    )  # fmt: skip
    services.location_archive(location=ledger.cash)  # balance 0: allowed

    renamed = services.transaction_update(txn=txn, description="Lunch with Ana", date=DAY.replace(day=2))
    assert renamed.description == "Lunch with Ana"
    with pytest.raises(ValidationError, match="archived"):
        services.transaction_update(txn=txn, amount=Decimal("12.00"))
    with pytest.raises(ValidationError, match="archived"):
        services.transaction_update(txn=txn, location=ledger.bank)
    with pytest.raises(ValidationError, match="archived"):
        services.transaction_delete(txn=txn)
    assert Location.objects.get(pk=ledger.cash.pk).is_archived


def test_bucket_waiting_for_a_resplit_cannot_be_archived(user, ledger):
    """Otherwise the re-split would put money into an archived bucket, where nothing can move it."""
    income = services.transaction_create(
        user=user, date=DAY, description="Salary", amount=Decimal(100), category=ledger.salary,
        location=ledger.bank, split_income=True,
    )  # fmt: skip
    services.income_allocate(transaction_id=income.pk)
    services.transfer_create(
        user=user, date=DAY, description="Empty Fun", amount=Decimal(20), from_location=ledger.bank,
        from_bucket=ledger.fun, to_bucket=ledger.economy,
    )  # fmt: skip
    services.transaction_update(txn=income, amount=Decimal(200))  # pending, old legs kept

    with pytest.raises(ValidationError, match="try again in a minute"):
        services.bucket_archive(bucket=ledger.fun)
    services.income_allocate(transaction_id=income.pk)
    services.transfer_create(
        user=user, date=DAY, description="Empty Fun again", amount=Decimal(20), from_location=ledger.bank,
        from_bucket=ledger.fun, to_bucket=ledger.economy,
    )  # fmt: skip
    assert services.bucket_archive(bucket=ledger.fun).is_archived


def test_a_new_transaction_cannot_point_at_an_archived_bucket(user, ledger):
    services.bucket_archive(bucket=ledger.fun)

    with pytest.raises(ValidationError) as exc:
        expense(user, ledger, bucket=Bucket.objects.get(pk=ledger.fun.pk))

    assert exc.value.message_dict["bucket"] == ["Bucket 'Fun' is archived; pick an active one."]
    assert not Transaction.objects.exists()


def test_services_refuse_rows_of_another_user(user, ledger, other_ledger):
    """Another user's row is as absent as one that never existed (the API's 404)."""
    with pytest.raises(ObjectDoesNotExist, match="Location not found"):
        expense(user, ledger, location=other_ledger.cash)
    with pytest.raises(ObjectDoesNotExist):
        services.transfer_create(
            user=user, date=DAY, description="x", amount=Decimal(1),
            from_location=ledger.cash, to_location=other_ledger.bank, from_bucket=ledger.fun,
        )  # fmt: skip
    assert not Transaction.objects.exists()
    assert not Transfer.objects.exists()


def test_transfer_reuses_an_existing_neutral_transfer_category_in_any_case(user, ledger):
    mine = services.category_create(user=user, name="transfer", sign=Sign.NEUTRAL)

    transfer = services.transfer_create(
        user=user, date=DAY, description="To the bank", amount=Decimal(5),
        from_location=ledger.cash, to_location=ledger.bank, from_bucket=ledger.fun,
    )  # fmt: skip

    assert {leg.category_id for leg in transfer.legs.all()} == {mine.pk}
    assert Category.objects.for_user(user).filter(name__iexact="transfer").count() == 1


def test_deleting_the_account_removes_the_whole_ledger(user, password, ledger, other_ledger, run_on_commit):
    with run_on_commit():
        services.transaction_create(
            user=user, date=DAY, description="Pay", amount=Decimal(100), category=ledger.salary,
            location=ledger.bank, split_income=True,
        )  # fmt: skip
    expense(user, ledger)
    services.transfer_create(
        user=user, date=DAY, description="Move", amount=Decimal(5),
        from_location=ledger.bank, to_location=ledger.cash, from_bucket=ledger.economy,
    )  # fmt: skip

    user_delete(user=user, password=password)

    for model in (Transaction, Allocation, Transfer, Location, Bucket, Category):
        assert not model.objects.exclude(household__memberships__user__email="bob@example.com").exists(), (
            model
        )
    assert Location.objects.filter(household__memberships__user__email="bob@example.com").count() == 2
