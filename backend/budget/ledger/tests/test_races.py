"""The races seen from outside, as real parallel requests: no 5xx, every invariant afterwards.

Each test runs its race for ROUNDS rounds. On PostgreSQL the requests really interleave (one
lock order keeps them apart); SQLite's IMMEDIATE transactions serialize the same code.
"""

import pytest

from budget.households.models import Membership, Role
from budget.ledger.models import Bucket, Category, Location, Sign, Transaction

from .conftest import make_ledger
from .invariants import check_invariants
from .races import Racer, server_errors

ROUNDS = 30

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def racer(live_server, user):
    return Racer(live_server, user)


def expense(ledger, **fields):
    return {
        "date": "2024-03-15",
        "description": "Race",
        "amount": "10.00",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.necessities.pk),
        **fields,
    }


def test_transactions_and_buckets_at_once_never_deadlock(racer, user):
    ledger = make_ledger(user)
    racer.call("PATCH", f"/api/buckets/{ledger.fun.pk}/", {"allocation_percentage": "0.00"})
    answers = []
    for round_ in range(3):
        calls = [("POST", "/api/transactions/", expense(ledger)) for _ in range(10)]
        calls += [("POST", "/api/buckets/", {"name": f"B{round_}-{i}"}) for i in range(10)]
        answers += racer.race(*calls)
    assert server_errors(answers) == []
    assert sorted({a.status_code for a in answers}) == [201]
    check_invariants(user)


def test_archiving_a_location_while_money_goes_into_it_never_strands_the_money(racer, user):
    ledger = make_ledger(user)
    answers = []
    for round_ in range(ROUNDS):
        place = racer.call("POST", "/api/locations/", {"name": f"Wallet {round_}"}).json()["id"]
        answers += racer.race(
            ("DELETE", f"/api/locations/{place}/"),
            ("POST", "/api/transactions/", expense(ledger, location=place, category=str(ledger.loan.pk))),
        )
    assert server_errors(answers) == []
    check_invariants(user)
    assert Location.objects.for_user(user).filter(is_archived=True).count() > 0


def test_archiving_a_bucket_while_money_goes_into_it_never_strands_the_money(racer, user):
    ledger = make_ledger(user)
    answers = []
    for round_ in range(ROUNDS):
        bucket = racer.call("POST", "/api/buckets/", {"name": f"Jar {round_}"}).json()["id"]
        answers += racer.race(
            ("DELETE", f"/api/buckets/{bucket}/"),
            ("POST", "/api/transactions/", expense(ledger, bucket=bucket, category=str(ledger.loan.pk))),
        )
    assert server_errors(answers) == []
    check_invariants(user)


def test_a_rename_racing_an_archive_never_revives_the_bucket(racer, user):
    answers = []
    for round_ in range(ROUNDS):
        Bucket.objects.for_user(user).update(is_archived=True)  # an empty ledger: nothing holds money
        racer.call("POST", "/api/buckets/", {"name": f"Base {round_}", "allocation_percentage": "50.00"})
        doomed = racer.call(
            "POST", "/api/buckets/", {"name": f"Doomed {round_}", "allocation_percentage": "50.00"}
        ).json()["id"]
        _, archive, _ = race = racer.race(
            ("PATCH", f"/api/buckets/{doomed}/", {"name": f"Renamed {round_}"}),
            ("DELETE", f"/api/buckets/{doomed}/"),
            ("POST", "/api/buckets/", {"name": f"New {round_}", "allocation_percentage": "50.00"}),
        )
        answers += race
        if archive.status_code == 204:
            assert Bucket.objects.get(pk=doomed).is_archived, f"round {round_}: the rename revived it"
        check_invariants(user)
    assert server_errors(answers) == []


def test_a_sign_change_racing_the_first_transaction_never_changes_a_used_sign(racer, user):
    ledger = make_ledger(user)
    answers = []
    for round_ in range(ROUNDS):
        category = racer.call("POST", "/api/categories/", {"name": f"Shop {round_}", "sign": "NEGATIVE"})
        category = category.json()["id"]
        answers += racer.race(
            ("PATCH", f"/api/categories/{category}/", {"sign": "POSITIVE"}),
            ("POST", "/api/transactions/", expense(ledger, category=category)),
        )
    assert server_errors(answers) == []
    for category in Category.objects.for_user(user).filter(name__startswith="Shop"):
        for txn in Transaction.objects.filter(category=category):
            expected = -txn.amount if category.sign == Sign.NEGATIVE else txn.amount
            assert txn.signed_amount == expected, f"{category.name} changed sign under its transaction"
    check_invariants(user)


def test_transfers_deletes_and_percentages_at_once_keep_every_invariant(racer, user):
    ledger = make_ledger(user)
    salary = {
        "date": "2024-03-01",
        "description": "Salary",
        "amount": "1000.01",
        "category": str(ledger.salary.pk),
        "location": str(ledger.bank.pk),
        "split_income": True,
    }
    transfer = {
        "date": "2024-03-02",
        "description": "Move",
        "amount": "5.00",
        "from_location": str(ledger.bank.pk),
        "to_location": str(ledger.cash.pk),
        "from_bucket": str(ledger.economy.pk),
        "to_bucket": str(ledger.fun.pk),
    }
    answers = []
    for round_ in range(10):
        made = racer.call("POST", "/api/transactions/", expense(ledger)).json()["id"]
        answers += racer.race(
            ("POST", "/api/transactions/", salary),
            ("POST", "/api/transfers/", transfer),
            ("DELETE", f"/api/transactions/{made}/"),
            (
                "PATCH",
                f"/api/buckets/{ledger.fun.pk}/",
                {"allocation_percentage": f"{10 + round_ % 2 * 10}.00"},
            ),
            ("PATCH", f"/api/buckets/{ledger.economy.pk}/", {"allocation_percentage": "40.00"}),
            ("POST", "/api/transactions/bulk/", [expense(ledger), expense(ledger, amount="2.00")]),
        )
    assert server_errors(answers) == []
    check_invariants(user)


def test_two_members_writing_one_household_at_once_keep_every_invariant(live_server, user, make_user):
    ledger = make_ledger(user)
    partner = make_user("partner@example.com")
    Membership.objects.create(household=user.default_household, user=partner, role=Role.EDITOR)
    mine, theirs = Racer(live_server, user), Racer(live_server, partner)
    household = f"?household={user.default_household_id}"
    answers = []
    for round_ in range(ROUNDS // 3):
        racers = [mine, theirs] * 3
        calls = [
            ("POST", f"/api/transactions/{household}", expense(ledger, description=f"R{round_}")),
            ("POST", f"/api/buckets/{household}", {"name": f"Jar {round_}"}),
            ("PATCH", f"/api/buckets/{ledger.fun.pk}/", {"allocation_percentage": f"{round_ % 20}.00"}),
            ("POST", f"/api/transactions/{household}", expense(ledger, amount="1.00")),
            ("DELETE", f"/api/buckets/{ledger.economy.pk}/"),
            ("POST", f"/api/locations/{household}", {"name": f"Wallet {round_}"}),
        ]
        answers += Racer.race_as(list(zip(racers, calls, strict=True)))
    assert server_errors(answers) == []
    check_invariants(user)
    creators = set(Transaction.objects.for_user(user).values_list("created_by__email", flat=True))
    assert creators == {"ana@example.com", "partner@example.com"}
