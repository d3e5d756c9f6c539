"""Transfers over HTTP: two NEUTRAL legs that move money between locations and/or buckets."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Category, Location, Sign, Transaction, Transfer

pytestmark = pytest.mark.django_db

TRANSFERS = reverse("transfer-list")
LOCATIONS = reverse("location-list")
BUCKETS = reverse("bucket-list")
DAY = datetime.date(2024, 5, 10)
TRANSFER_FIELDS = {
    "household",
    "id",
    "date",
    "description",
    "amount",
    "from_location",
    "to_location",
    "from_bucket",
    "to_bucket",
    "legs",
}


def detail(pk):
    return reverse("transfer-detail", args=[pk])


def transaction_detail(pk):
    return reverse("transaction-detail", args=[pk])


@pytest.fixture
def funded(user, ledger):
    """The ledger with 1,000.00 of salary in cash / necessities."""
    services.transaction_create(
        user=user,
        date=DAY,
        description="Salary",
        amount=Decimal("1000.00"),
        category=ledger.salary,
        location=ledger.cash,
        bucket=ledger.necessities,
    )
    return ledger


def body_for(ledger, **changes):
    """Cash / necessities to bank / necessities, 100.00; `changes` overrides (None drops a field)."""
    body = {
        "date": "2024-05-11",
        "description": "To the bank",
        "amount": "100.00",
        "from_location": str(ledger.cash.pk),
        "to_location": str(ledger.bank.pk),
        "from_bucket": str(ledger.necessities.pk),
        "to_bucket": str(ledger.necessities.pk),
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def make_transfer(user, ledger, amount="100.00", **places):
    places = {
        "from_location": ledger.cash,
        "to_location": ledger.bank,
        "from_bucket": ledger.necessities,
        **places,
    }
    return services.transfer_create(user=user, date=DAY, description="Move", amount=Decimal(amount), **places)


def balances(client, url):
    response = client.get(url, {"include_archived": "true"})
    assert response.status_code == 200
    return {row["name"]: row["balance"] for row in response.json()["results"]}


def nothing_written(user, transactions_before):
    assert not Transfer.objects.exists()
    assert Transaction.objects.count() == transactions_before
    assert not Category.objects.for_user(user).filter(name__iexact="Transfer").exists()


# --- Create ---------------------------------------------------------------------------------


def test_transfer_create_answers_the_transfer_and_its_legs(api_client, user, funded):
    response = api_client.post(TRANSFERS, body_for(funded), format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == TRANSFER_FIELDS
    assert body["date"] == "2024-05-11"
    assert body["description"] == "To the bank"
    assert body["amount"] == "100.00"
    assert body["from_location"] == str(funded.cash.pk)
    assert body["to_location"] == str(funded.bank.pk)
    assert body["from_bucket"] == str(funded.necessities.pk)
    assert body["to_bucket"] == str(funded.necessities.pk)
    transfer = Transfer.objects.get(pk=body["id"])
    assert transfer.household_id == user.default_household_id
    assert sorted(body["legs"]) == sorted(str(pk) for pk in transfer.legs.values_list("pk", flat=True))
    assert len(body["legs"]) == 2


def test_transfer_legs_are_two_neutral_transactions_under_the_transfer_category(api_client, user, funded):
    body = api_client.post(TRANSFERS, body_for(funded, amount=250.5), format="json").json()

    legs = Transaction.objects.filter(transfer_id=body["id"]).select_related("category")
    out, into = sorted(legs, key=lambda leg: leg.amount)
    assert (out.amount, out.signed_amount, out.location, out.bucket) == (
        Decimal("-250.50"),
        Decimal("-250.50"),
        funded.cash,
        funded.necessities,
    )
    assert (into.amount, into.signed_amount, into.location, into.bucket) == (
        Decimal("250.50"),
        Decimal("250.50"),
        funded.bank,
        funded.necessities,
    )
    for leg in (out, into):
        assert leg.household_id == user.default_household_id
        assert leg.category.name == "Transfer"
        assert leg.category.sign == Sign.NEUTRAL
        assert leg.date == datetime.date(2024, 5, 11)
        assert leg.description == "To the bank"
        assert leg.split_income is False


def test_transfer_legs_show_in_the_transactions_api(api_client, funded):
    body = api_client.post(TRANSFERS, body_for(funded), format="json").json()

    for leg_id in body["legs"]:
        leg = api_client.get(transaction_detail(leg_id)).json()
        assert leg["transfer"] == body["id"]
        assert leg["category_name"] == "Transfer"
        assert leg["category_sign"] == "NEUTRAL"
        assert leg["allocation_status"] == "NOT_SPLIT"
    signed = sorted(api_client.get(transaction_detail(pk)).json()["signed_amount"] for pk in body["legs"])
    assert signed == ["-100.00", "100.00"]


def test_transfer_category_is_made_on_first_use_and_reused(api_client, user, funded):
    assert not Category.objects.for_user(user).filter(name="Transfer").exists()

    first = api_client.post(TRANSFERS, body_for(funded), format="json")
    second = api_client.post(TRANSFERS, body_for(funded, description="Again"), format="json")

    assert first.status_code == second.status_code == 201
    category = Category.objects.for_user(user).get(name="Transfer")
    assert category.sign == Sign.NEUTRAL
    assert category.is_archived is False
    legs = Transaction.objects.filter(transfer__isnull=False)
    assert legs.count() == 4
    assert set(legs.values_list("category", flat=True)) == {category.pk}


def test_transfer_reuses_a_neutral_category_named_transfer_in_any_case(api_client, user, funded):
    mine = services.category_create(user=user, name="TRANSFER", sign=Sign.NEUTRAL)

    response = api_client.post(TRANSFERS, body_for(funded), format="json")

    assert response.status_code == 201
    assert Category.objects.for_user(user).filter(name__iexact="transfer").count() == 1
    assert set(Transaction.objects.filter(transfer__isnull=False).values_list("category", flat=True)) == {
        mine.pk
    }


def test_transfer_makes_a_new_category_when_the_old_one_is_archived(api_client, user, funded):
    old = services.category_create(user=user, name="Transfer", sign=Sign.POSITIVE)
    services.category_archive(category=old)

    response = api_client.post(TRANSFERS, body_for(funded), format="json")

    assert response.status_code == 201
    new = Category.objects.for_user(user).get(name="Transfer", is_archived=False)
    assert new.pk != old.pk
    assert new.sign == Sign.NEUTRAL


def test_transfer_category_of_another_user_is_not_used(api_client, user, funded, other_user, other_ledger):
    make_transfer(other_user, other_ledger)

    assert api_client.post(TRANSFERS, body_for(funded), format="json").status_code == 201

    assert Category.objects.filter(name="Transfer").count() == 2
    for leg in Transaction.objects.filter(transfer__isnull=False).select_related("category"):
        assert leg.category.household_id == leg.household_id


@pytest.mark.parametrize("sign", [Sign.POSITIVE, Sign.NEGATIVE])
def test_transfer_is_refused_while_the_transfer_category_is_not_neutral(api_client, user, funded, sign):
    services.category_create(user=user, name="transfer", sign=sign)
    before = Transaction.objects.count()

    response = api_client.post(TRANSFERS, body_for(funded), format="json")

    assert response.status_code == 400
    message = str(response.json())
    assert "NEUTRAL" in message
    assert sign in message
    assert "Rename or archive" in message
    assert not Transfer.objects.exists()
    assert Transaction.objects.count() == before


def test_transfer_to_location_defaults_to_the_from_location(api_client, funded):
    response = api_client.post(
        TRANSFERS, body_for(funded, to_location=None, to_bucket=str(funded.fun.pk)), format="json"
    )

    assert response.status_code == 201
    assert response.json()["to_location"] == str(funded.cash.pk)
    assert response.json()["to_bucket"] == str(funded.fun.pk)
    legs = Transaction.objects.filter(transfer_id=response.json()["id"])
    assert set(legs.values_list("location", flat=True)) == {funded.cash.pk}
    assert set(legs.values_list("bucket", "amount")) == {
        (funded.necessities.pk, Decimal("-100.00")),
        (funded.fun.pk, Decimal("100.00")),
    }


def test_transfer_to_bucket_defaults_to_the_from_bucket(api_client, funded):
    response = api_client.post(TRANSFERS, body_for(funded, to_bucket=None), format="json")

    assert response.status_code == 201
    assert response.json()["to_bucket"] == str(funded.necessities.pk)
    legs = Transaction.objects.filter(transfer_id=response.json()["id"])
    assert set(legs.values_list("bucket", flat=True)) == {funded.necessities.pk}


def test_transfer_to_null_targets_defaults_like_omitted_ones(api_client, funded):
    body = body_for(funded, to_bucket=None)
    body["to_bucket"] = None

    response = api_client.post(TRANSFERS, body, format="json")

    assert response.status_code == 201
    assert response.json()["to_bucket"] == str(funded.necessities.pk)


def test_transfer_between_other_locations_and_other_buckets(api_client, funded):
    response = api_client.post(TRANSFERS, body_for(funded, to_bucket=str(funded.economy.pk)), format="json")

    assert response.status_code == 201
    legs = Transaction.objects.filter(transfer_id=response.json()["id"])
    assert set(legs.values_list("location", "bucket", "amount")) == {
        (funded.cash.pk, funded.necessities.pk, Decimal("-100.00")),
        (funded.bank.pk, funded.economy.pk, Decimal("100.00")),
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"to_location": None, "to_bucket": None},
        {"to_location": "cash", "to_bucket": None},
        {"to_location": None, "to_bucket": "necessities"},
        {"to_location": "cash", "to_bucket": "necessities"},
    ],
)
def test_transfer_to_the_same_place_is_refused(api_client, user, funded, changes):
    before = Transaction.objects.count()
    places = {
        key: None if value is None else str(getattr(funded, value).pk) for key, value in changes.items()
    }

    response = api_client.post(TRANSFERS, body_for(funded, **places), format="json")

    assert response.status_code == 400
    assert response.json() == {
        "to_location": ["A transfer moves money to another location, another bucket, or both."]
    }
    nothing_written(user, before)


@pytest.mark.parametrize("amount", ["0", "0.00", 0, "-5.00", -100, "-0.01"])
def test_transfer_amount_must_be_above_zero(api_client, user, funded, amount):
    before = Transaction.objects.count()

    response = api_client.post(TRANSFERS, body_for(funded, amount=amount), format="json")

    assert response.status_code == 400
    assert "above zero" in response.json()["amount"][0]
    nothing_written(user, before)


@pytest.mark.parametrize("amount", ["1.234", "abc", "", "10000000000.00", "NaN", True, [1], {"a": 1}])
def test_transfer_amount_must_be_money(api_client, user, funded, amount):
    before = Transaction.objects.count()

    response = api_client.post(TRANSFERS, body_for(funded, amount=amount), format="json")

    assert response.status_code == 400
    assert response.json()["amount"][0]
    nothing_written(user, before)


@pytest.mark.parametrize(
    ("field", "target"),
    [
        ("to_location", "bank"),
        ("to_bucket", "fun"),
        ("from_location", "bank"),
        ("from_bucket", "fun"),
    ],
)
def test_transfer_with_an_archived_place_is_refused(api_client, user, funded, field, target):
    row = getattr(funded, target)
    if isinstance(row, Location):
        services.location_archive(location=row)
    else:
        services.bucket_archive(bucket=row)
    before = Transaction.objects.count()

    response = api_client.post(
        TRANSFERS,
        body_for(funded, **{"to_bucket": str(funded.economy.pk), field: str(row.pk)}),
        format="json",
    )

    assert response.status_code == 400
    message = response.json()[field][0]
    assert "archived" in message
    assert row.name in message
    nothing_written(user, before)


@pytest.mark.parametrize(
    ("field", "target", "message"),
    [
        ("from_location", "cash", "Location not found."),
        ("to_location", "bank", "Location not found."),
        ("from_bucket", "necessities", "Bucket not found."),
        ("to_bucket", "economy", "Bucket not found."),
    ],
)
def test_transfer_with_another_users_place_is_not_found(
    api_client, user, funded, other_ledger, field, target, message
):
    before = Transaction.objects.count()

    response = api_client.post(
        TRANSFERS, body_for(funded, **{field: str(getattr(other_ledger, target).pk)}), format="json"
    )

    assert response.status_code == 404
    assert response.json() == {"detail": message}
    nothing_written(user, before)


@pytest.mark.parametrize("field", ["from_location", "to_location", "from_bucket", "to_bucket"])
def test_transfer_with_an_unknown_id_is_not_found(api_client, user, funded, field):
    before = Transaction.objects.count()

    response = api_client.post(TRANSFERS, body_for(funded, **{field: str(uuid.uuid4())}), format="json")

    assert response.status_code == 404
    nothing_written(user, before)


@pytest.mark.parametrize("bad_id", ["not-a-uuid", 12, ["x"], {"id": "x"}])
def test_transfer_with_a_malformed_id_is_refused(api_client, user, funded, bad_id):
    before = Transaction.objects.count()

    response = api_client.post(TRANSFERS, body_for(funded, from_location=bad_id), format="json")

    assert response.status_code == 400
    assert response.json() == {"from_location": ["Must be an id (UUID)."]}
    nothing_written(user, before)


@pytest.mark.parametrize("field", ["date", "description", "amount", "from_location", "from_bucket"])
def test_transfer_needs_every_required_field(api_client, user, funded, field):
    body = body_for(funded)
    del body[field]

    response = api_client.post(TRANSFERS, body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Transfer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"description": "x" * 256}, "description"),
        ({"date": "11/05/2024"}, "date"),
        ({"date": "2024-02-30"}, "date"),
        ({"date": "1899-12-31"}, "date"),
        ({"date": "2101-01-01"}, "date"),
        ({"from_bucket": None}, "from_bucket"),
    ],
)
def test_transfer_refuses_bad_fields(api_client, user, funded, changes, field):
    body = body_for(funded)
    body.update(changes)

    response = api_client.post(TRANSFERS, body, format="json")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert not Transfer.objects.exists()


def test_transfer_refuses_a_body_that_is_not_an_object(api_client, funded):
    response = api_client.post(TRANSFERS, [body_for(funded)], format="json")

    assert response.status_code == 400
    assert not Transfer.objects.exists()


# --- Balances -------------------------------------------------------------------------------


def test_transfer_moves_location_and_bucket_balances(api_client, funded):
    api_client.post(TRANSFERS, body_for(funded, amount="300.00"), format="json")
    api_client.post(
        TRANSFERS,
        body_for(funded, amount="120.25", to_location=None, to_bucket=str(funded.fun.pk)),
        format="json",
    )

    assert balances(api_client, LOCATIONS) == {"Bank": "300.00", "Cash": "700.00"}
    assert balances(api_client, BUCKETS) == {"Economy": "0.00", "Fun": "120.25", "Necessities": "879.75"}


def test_transfer_between_buckets_leaves_location_totals_alone(api_client, funded):
    api_client.post(
        TRANSFERS,
        body_for(funded, amount="40.00", to_location=None, to_bucket=str(funded.economy.pk)),
        format="json",
    )

    assert balances(api_client, LOCATIONS) == {"Bank": "0.00", "Cash": "1000.00"}
    assert balances(api_client, BUCKETS) == {"Economy": "40.00", "Fun": "0.00", "Necessities": "960.00"}


def test_transfer_may_overdraw(api_client, funded):
    response = api_client.post(TRANSFERS, body_for(funded, amount="1500.00"), format="json")

    assert response.status_code == 201
    assert balances(api_client, LOCATIONS) == {"Bank": "1500.00", "Cash": "-500.00"}


def test_transfer_of_the_largest_amount_twice_still_shows_the_balances(api_client, funded):
    for _ in range(2):
        response = api_client.post(TRANSFERS, body_for(funded, amount="9999999999.99"), format="json")
        assert response.status_code == 201

    assert balances(api_client, LOCATIONS) == {"Bank": "19999999999.98", "Cash": "-19999998999.98"}
    assert balances(api_client, BUCKETS)["Necessities"] == "1000.00"


# --- List and retrieve ----------------------------------------------------------------------


def test_transfer_list_shows_the_users_transfers_newest_first(
    api_client, user, funded, other_user, other_ledger
):
    older = make_transfer(user, funded, amount="10.00")
    newer = services.transfer_create(
        user=user,
        date=DAY + datetime.timedelta(days=3),
        description="Later",
        amount=Decimal("20.00"),
        from_location=funded.bank,
        from_bucket=funded.necessities,
        to_bucket=funded.economy,
    )
    make_transfer(other_user, other_ledger)

    response = api_client.get(TRANSFERS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [str(newer.pk), str(older.pk)]
    first = body["results"][0]
    assert set(first) == TRANSFER_FIELDS
    assert first == {
        "id": str(newer.pk),
        "household": str(user.default_household_id),
        "date": "2024-05-13",
        "description": "Later",
        "amount": "20.00",
        "from_location": str(funded.bank.pk),
        "to_location": str(funded.bank.pk),
        "from_bucket": str(funded.necessities.pk),
        "to_bucket": str(funded.economy.pk),
        "legs": first["legs"],
    }
    assert sorted(first["legs"]) == sorted(str(pk) for pk in newer.legs.values_list("pk", flat=True))


def test_transfer_retrieve(api_client, user, funded):
    transfer = make_transfer(user, funded, amount="1234.50")

    response = api_client.get(detail(transfer.pk))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == TRANSFER_FIELDS
    assert body["id"] == str(transfer.pk)
    assert body["amount"] == "1234.50"
    assert len(body["legs"]) == 2


@pytest.mark.parametrize("method", ["put", "patch"])
def test_transfer_cannot_be_edited(api_client, user, funded, method):
    transfer = make_transfer(user, funded)

    response = getattr(api_client, method)(detail(transfer.pk), {"amount": "5.00"}, format="json")

    assert response.status_code == 405
    transfer.refresh_from_db()
    assert transfer.amount == Decimal("100.00")


# --- Delete ---------------------------------------------------------------------------------


def test_transfer_delete_removes_both_legs(api_client, user, funded):
    transfer = make_transfer(user, funded)
    other = make_transfer(user, funded, amount="5.00")
    leg_ids = list(transfer.legs.values_list("pk", flat=True))

    response = api_client.delete(detail(transfer.pk))

    assert response.status_code == 204
    assert not Transfer.objects.filter(pk=transfer.pk).exists()
    assert not Transaction.objects.filter(pk__in=leg_ids).exists()
    assert other.legs.count() == 2
    assert api_client.get(detail(transfer.pk)).status_code == 404
    assert balances(api_client, LOCATIONS) == {"Bank": "5.00", "Cash": "995.00"}


def test_transfer_delete_that_would_reopen_an_archived_location_keeps_both_legs(api_client, user, funded):
    transfer = make_transfer(user, funded, amount="1000.00")
    services.location_archive(location=funded.cash)

    response = api_client.delete(detail(transfer.pk))

    assert response.status_code == 400
    assert "Cash" in str(response.json())
    assert Transfer.objects.filter(pk=transfer.pk).exists()
    assert transfer.legs.count() == 2
    assert balances(api_client, LOCATIONS) == {"Bank": "1000.00", "Cash": "0.00"}


@pytest.mark.parametrize("method", ["get", "delete"])
def test_another_users_transfer_is_not_found(api_client, other_user, other_ledger, method):
    theirs = make_transfer(other_user, other_ledger)

    response = getattr(api_client, method)(detail(theirs.pk))

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert Transfer.objects.filter(pk=theirs.pk).exists()
    assert theirs.legs.count() == 2


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123"])
@pytest.mark.parametrize("method", ["get", "delete"])
def test_a_malformed_transfer_id_is_not_found(api_client, method, bad_id):
    assert getattr(api_client, method)(detail(bad_id)).status_code == 404


# --- Legs through the transactions API ------------------------------------------------------


@pytest.mark.parametrize("leg_index", [0, 1])
def test_transfer_leg_cannot_be_patched_on_its_own(api_client, user, funded, leg_index):
    transfer = make_transfer(user, funded)
    leg = transfer.legs.order_by("amount")[leg_index]

    response = api_client.patch(transaction_detail(leg.pk), {"description": "Edited"}, format="json")

    assert response.status_code == 400
    assert "change or delete the transfer instead" in str(response.json())
    leg.refresh_from_db()
    assert leg.description == "Move"


def test_transfer_leg_cannot_be_put_on_its_own(api_client, user, funded):
    transfer = make_transfer(user, funded)
    leg = transfer.legs.get(amount__lt=0)

    response = api_client.put(
        transaction_detail(leg.pk),
        {
            "date": "2024-05-10",
            "description": "Edited",
            "amount": "-50.00",
            "category": str(leg.category_id),
            "location": str(leg.location_id),
            "bucket": str(leg.bucket_id),
        },
        format="json",
    )

    assert response.status_code == 400
    assert "transfer" in str(response.json())
    leg.refresh_from_db()
    assert (leg.description, leg.amount) == ("Move", Decimal("-100.00"))


@pytest.mark.parametrize("leg_index", [0, 1])
def test_transfer_leg_cannot_be_deleted_on_its_own(api_client, user, funded, leg_index):
    transfer = make_transfer(user, funded)
    leg = transfer.legs.order_by("amount")[leg_index]

    response = api_client.delete(transaction_detail(leg.pk))

    assert response.status_code == 400
    assert "change or delete the transfer instead" in str(response.json())
    assert transfer.legs.count() == 2


# --- Authentication -------------------------------------------------------------------------


def test_transfer_list_needs_a_token(anon_client, user, funded):
    make_transfer(user, funded)

    assert anon_client.get(TRANSFERS).status_code == 401


def test_transfer_create_needs_a_token(anon_client, funded):
    response = anon_client.post(TRANSFERS, body_for(funded), format="json")

    assert response.status_code == 401
    assert not Transfer.objects.exists()


@pytest.mark.parametrize("method", ["get", "delete", "put", "patch"])
def test_transfer_detail_needs_a_token(anon_client, user, funded, method):
    transfer = make_transfer(user, funded)

    response = getattr(anon_client, method)(detail(transfer.pk))

    assert response.status_code == 401
    assert Transfer.objects.filter(pk=transfer.pk).exists()


# --- Query counts ---------------------------------------------------------------------------


def fill_transfers(user, ledger, size):
    category = Category.objects.create(
        household_id=user.default_household_id, name="Transfer", sign=Sign.NEUTRAL
    )
    transfers = Transfer.objects.bulk_create(
        Transfer(
            household_id=user.default_household_id,
            date=DAY,
            description=f"Move {i}",
            amount=Decimal("10.00"),
            from_location=ledger.cash,
            to_location=ledger.bank,
            from_bucket=ledger.necessities,
            to_bucket=ledger.economy,
        )
        for i in range(size)
    )
    Transaction.objects.bulk_create(
        Transaction(
            household_id=user.default_household_id,
            date=DAY,
            description=transfer.description,
            amount=amount,
            signed_amount=amount,
            category=category,
            location=location,
            bucket=bucket,
            transfer=transfer,
        )
        for transfer in transfers
        for location, bucket, amount in (
            (ledger.cash, ledger.necessities, Decimal("-10.00")),
            (ledger.bank, ledger.economy, Decimal("10.00")),
        )
    )
    services.totals_repair(household_id=user.default_household_id)  # rows written without services


# The user, the count, the page and the legs of the page: none of them grows with transfers.
@pytest.mark.parametrize("size", [5, 200])
def test_transfer_list_queries_do_not_grow_with_rows(
    api_client, user, ledger, django_assert_max_num_queries, size
):
    fill_transfers(user, ledger, size)

    with django_assert_max_num_queries(5):  # user, membership, count, page, legs
        response = api_client.get(TRANSFERS, {"page_size": 500})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == size
    assert all(len(row["legs"]) == 2 for row in rows)
