"""Reports through the cache: served again until a write, never stale after one, cheap either way.

In a `db` test nothing commits: a write's new ledger version is visible to the same connection, so
invalidation shows, but the after-commit refresh task runs only inside `run_on_commit()`.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budget.ledger import services
from budget.ledger.models import Bucket, Category, Location, Sign

from .conftest import (
    APRIL,
    CURRENT,
    HISTORICAL,
    MARCH,
    MONTHLY,
    REPORTS,
    YEAR_2024,
    YEARLY,
    Ledger,
    amounts,
    content,
    get_report,
    make_ledger,
    record,
)

pytestmark = pytest.mark.django_db

TRANSACTIONS = "/api/transactions/"


def expense(ledger, **fields):
    return {
        "date": "2024-03-25",
        "description": "Bread",
        "amount": "5.00",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.necessities.pk),
        **fields,
    }


def warm(client) -> dict:
    """Every report of REPORTS computed once and then served from the cache; the first answers."""
    first = {path: get_report(client, path) for path in REPORTS}
    for path in REPORTS:
        assert first[path]["cached"] is False, path
        assert get_report(client, path)["cached"] is True, path
    return first


# --- Served from the cache --------------------------------------------------------------------


@pytest.mark.parametrize("path", [*REPORTS, APRIL, MONTHLY, YEARLY])
def test_report_is_served_from_the_cache_the_second_time(api_client, book, path):
    first = get_report(api_client, path)
    second = get_report(api_client, path)

    assert first["cached"] is False
    assert second["cached"] is True
    assert second["generated_at"] == first["generated_at"]
    assert content(second) == content(first)


@pytest.mark.parametrize("path", REPORTS)
def test_report_of_a_user_who_never_wrote_is_cached_too(api_client, user, path):
    assert get_report(api_client, path)["cached"] is False
    assert get_report(api_client, path)["cached"] is True


def test_reports_of_other_periods_are_cached_apart(api_client, book):
    march = get_report(api_client, MARCH)

    april = get_report(api_client, APRIL)
    year_2021 = get_report(api_client, YEARLY, year="2021")
    year_2024 = get_report(api_client, YEAR_2024)

    assert march["cached"] is False
    assert april["cached"] is False
    assert april["period"] == {"year": 2024, "month": 4}
    assert year_2024["cached"] is False
    assert year_2021["cached"] is False
    assert year_2021["period"] == {"year": 2021}
    assert content(get_report(api_client, MARCH)) == content(march)


def test_reports_are_cached_apart_per_user(api_client, other_client, book, other_user):
    make_ledger(other_user)
    mine = warm(api_client)

    for path in REPORTS:
        theirs = get_report(other_client, path)
        assert theirs["cached"] is False, path
        assert content(theirs) != content(mine[path]), path


# --- Never stale after a write ----------------------------------------------------------------


def tx_create(client, book):
    return client.post(TRANSACTIONS, expense(book.ledger), format="json")


def tx_patch_amount(client, book):
    return client.patch(f"{TRANSACTIONS}{book.lunch.pk}/", {"amount": "2.50"}, format="json")


def tx_patch_date(client, book):
    return client.patch(f"{TRANSACTIONS}{book.lunch.pk}/", {"date": "2024-04-10"}, format="json")


def tx_delete(client, book):
    return client.delete(f"{TRANSACTIONS}{book.lunch.pk}/")


def tx_bulk(client, book):
    items = [
        expense(book.ledger, amount="1.00"),
        expense(book.ledger, category=str(book.ledger.salary.pk), amount="2.00", date="2024-03-27"),
    ]
    return client.post(f"{TRANSACTIONS}bulk/", items, format="json")


def transfer_create(client, book):
    ledger = book.ledger
    body = {
        "date": "2024-03-12",
        "description": "To the bank",
        "amount": "50.00",
        "from_location": str(ledger.cash.pk),
        "from_bucket": str(ledger.necessities.pk),
        "to_location": str(ledger.bank.pk),
        "to_bucket": str(ledger.economy.pk),
    }
    return client.post("/api/transfers/", body, format="json")


def transfer_delete(client, book):
    return client.delete(f"/api/transfers/{book.transfer.pk}/")


def category_create(client, book):
    return client.post("/api/categories/", {"name": "Bonus", "sign": "POSITIVE"}, format="json")


def category_rename(client, book):
    return client.patch(f"/api/categories/{book.ledger.food.pk}/", {"name": "Groceries"}, format="json")


def category_archive(client, book):
    return client.delete(f"/api/categories/{book.ledger.food.pk}/")


def location_create(client, book):
    return client.post("/api/locations/", {"name": "Wallet"}, format="json")


def location_rename(client, book):
    return client.patch(f"/api/locations/{book.ledger.cash.pk}/", {"name": "Cash box"}, format="json")


def bucket_rename(client, book):
    return client.patch(f"/api/buckets/{book.ledger.fun.pk}/", {"name": "Leisure"}, format="json")


def bucket_percentage(client, book):
    # Changes no number of any report (legs keep their percentages), but it is a ledger write.
    return client.patch(f"/api/buckets/{book.ledger.fun.pk}/", {"allocation_percentage": "10"}, format="json")


ALL = set(REPORTS)
PERIODS = {MARCH, YEAR_2024, HISTORICAL}
WRITES = [
    # (write, status, the reports whose numbers or names it changes)
    (tx_create, 201, ALL),
    (tx_patch_amount, 200, ALL),
    (tx_patch_date, 200, {MARCH, YEAR_2024}),
    (tx_delete, 204, ALL),
    (tx_bulk, 201, ALL),
    (transfer_create, 201, {CURRENT}),
    (transfer_delete, 204, {CURRENT}),
    (category_create, 201, PERIODS),
    (category_rename, 200, PERIODS),
    # Food stays where it was used (March) and leaves the months and years it was not.
    (category_archive, 204, {YEAR_2024, HISTORICAL}),
    (location_create, 201, {CURRENT}),
    (location_rename, 200, {CURRENT}),
    (bucket_rename, 200, {CURRENT}),
    (bucket_percentage, 200, set()),
]


@pytest.mark.parametrize(("write", "status", "changed"), WRITES, ids=[write.__name__ for write, *_ in WRITES])
def test_reports_are_never_stale_after_a_write(api_client, book, write, status, changed):
    before = warm(api_client)

    response = write(api_client, book)

    assert response.status_code == status, response.content
    after = {path: get_report(api_client, path) for path in REPORTS}
    cache.clear()
    fresh = {path: content(get_report(api_client, path)) for path in REPORTS}
    for path in REPORTS:
        assert after[path]["cached"] is False, path
        assert content(after[path]) == fresh[path], path
    assert {path for path in REPORTS if fresh[path] != content(before[path])} == changed


def test_reports_show_the_write_right_away(api_client, book):
    warm(api_client)

    assert tx_create(api_client, book).status_code == 201

    assert get_report(api_client, CURRENT)["balance"]["negative"] == "95.00"
    assert amounts(get_report(api_client, MARCH))["negative"] == [("Food", "55.00")]
    assert amounts(get_report(api_client, YEAR_2024)["summary"])["negative"] == [("Food", "95.00")]
    assert amounts(get_report(api_client, HISTORICAL)["summary"])["negative"] == [("Food", "95.00")]


def test_reports_are_never_stale_after_an_income_is_allocated(api_client, book):
    before = warm(api_client)

    services.income_allocate(transaction_id=book.pending.pk)

    current = get_report(api_client, CURRENT)
    assert current["cached"] is False
    assert current["unallocated"] == "0.00"
    assert before[CURRENT]["unallocated"] == "80.00"


def refuse_tx_create(client, book):
    return client.post(TRANSACTIONS, expense(book.ledger, amount="-5.00"), format="json")


def refuse_tx_patch(client, book):
    return client.patch(f"{TRANSACTIONS}{book.lunch.pk}/", {"amount": "-1.00"}, format="json")


def refuse_bulk(client, book):
    items = [expense(book.ledger), expense(book.ledger, amount="0.00")]
    return client.post(f"{TRANSACTIONS}bulk/", items, format="json")


def refuse_transfer(client, book):
    ledger = book.ledger
    body = {
        "date": "2024-03-12",
        "description": "Nowhere",
        "amount": "50.00",
        "from_location": str(ledger.cash.pk),
        "from_bucket": str(ledger.necessities.pk),
    }
    return client.post("/api/transfers/", body, format="json")


def refuse_transfer_leg_delete(client, book):
    return client.delete(f"{TRANSACTIONS}{book.transfer.legs.first().pk}/")


def refuse_category_rename(client, book):
    return client.patch(f"/api/categories/{book.ledger.food.pk}/", {"name": "salary"}, format="json")


def refuse_category_sign(client, book):
    return client.patch(f"/api/categories/{book.ledger.food.pk}/", {"sign": "POSITIVE"}, format="json")


def refuse_location_archive(client, book):
    return client.delete(f"/api/locations/{book.ledger.cash.pk}/")


def refuse_bucket_percentage(client, book):
    return client.patch(f"/api/buckets/{book.ledger.fun.pk}/", {"allocation_percentage": "90"}, format="json")


REFUSED = [
    refuse_tx_create,
    refuse_tx_patch,
    refuse_bulk,
    refuse_transfer,
    refuse_transfer_leg_delete,
    refuse_category_rename,
    refuse_category_sign,
    refuse_location_archive,
    refuse_bucket_percentage,
]


@pytest.mark.parametrize("write", REFUSED, ids=[write.__name__ for write in REFUSED])
def test_a_refused_write_changes_no_report(api_client, book, write):
    before = warm(api_client)

    response = write(api_client, book)

    assert response.status_code == 400, response.content
    for path in REPORTS:
        again = get_report(api_client, path)
        assert again["cached"] is True, path
        assert again["generated_at"] == before[path]["generated_at"], path
        assert content(again) == content(before[path]), path


# --- Refreshed after commit -------------------------------------------------------------------


def unannounced_ledger(user) -> Ledger:
    """make_ledger's rows written straight to the tables, without the services' announcements.

    A `db` test never commits, so the refreshes that the services schedule stay pending in the
    test's transaction; this ledger leaves `run_on_commit()` only the write under test to run.
    """
    place = {"household_id": user.default_household_id}
    return Ledger(
        cash=Location.objects.create(**place, name="Cash"),
        bank=Location.objects.create(**place, name="Bank"),
        necessities=Bucket.objects.create(**place, name="Necessities", allocation_percentage=50),
        economy=Bucket.objects.create(**place, name="Economy", allocation_percentage=30),
        fun=Bucket.objects.create(**place, name="Fun", allocation_percentage=20),
        salary=Category.objects.create(**place, name="Salary", sign=Sign.POSITIVE),
        food=Category.objects.create(**place, name="Food", sign=Sign.NEGATIVE),
        loan=Category.objects.create(**place, name="Loan", sign=Sign.NEUTRAL),
    )


MOST_READ = (CURRENT, MONTHLY, YEARLY, HISTORICAL)


def served_without_computing(client) -> dict:
    with CaptureQueriesContext(connection) as queries:
        served = {path: get_report(client, path) for path in MOST_READ}
    assert {path: report["cached"] for path, report in served.items()} == dict.fromkeys(MOST_READ, True)
    assert not [query["sql"] for query in queries.captured_queries if "ledger_" in query["sql"]]
    return served


def test_a_committed_write_leaves_the_most_read_reports_cached(api_client, user, run_on_commit):
    ledger = unannounced_ledger(user)
    today = timezone.localdate()
    with run_on_commit() as callbacks:
        response = api_client.post(TRANSACTIONS, expense(ledger, date=today.isoformat()), format="json")
    assert response.status_code == 201
    assert len(callbacks) == 1  # one refresh for the write

    served = served_without_computing(api_client)

    assert served[CURRENT]["balance"]["negative"] == "5.00"
    assert amounts(served[MONTHLY])["negative"] == [("Food", "5.00")]
    assert amounts(served[YEARLY]["summary"])["negative"] == [("Food", "5.00")]
    assert [year["year"] for year in served[HISTORICAL]["years"]] == [today.year]
    # A report the task does not refresh is computed on request.
    assert get_report(api_client, MONTHLY, month="2001-01")["cached"] is False


def test_a_committed_split_income_is_cached_once_allocated(api_client, user, run_on_commit):
    ledger = unannounced_ledger(user)
    body = expense(
        ledger,
        date=timezone.localdate().isoformat(),
        category=str(ledger.salary.pk),
        bucket=None,
        split_income=True,
        amount="100.01",
    )
    with run_on_commit():
        assert api_client.post(TRANSACTIONS, body, format="json").status_code == 201

    current = served_without_computing(api_client)[CURRENT]

    assert current["unallocated"] == "0.00"
    assert {row["name"]: row["balance"] for row in current["buckets"]} == {
        "Economy": "30.00",
        "Fun": "20.00",
        "Necessities": "50.01",
    }


@pytest.mark.django_db(transaction=True)
def test_committed_writes_leave_the_most_read_reports_cached(api_client, user):
    ledger = make_ledger(user)
    record(user, ledger.food, ledger.cash, "5.00", timezone.localdate(), bucket=ledger.necessities)

    served = served_without_computing(api_client)

    assert amounts(served[MONTHLY])["negative"] == [("Food", "5.00")]

    assert api_client.delete(f"/api/categories/{ledger.loan.pk}/").status_code == 204

    served = served_without_computing(api_client)
    assert amounts(served[MONTHLY])["neutral"] == []


# --- Cache failures ---------------------------------------------------------------------------


def cache_down(*args, **kwargs):
    raise ConnectionError("the cache is down")


@pytest.mark.parametrize("broken", [("get",), ("set",), ("get", "set")], ids="+".join)
@pytest.mark.parametrize("path", REPORTS)
def test_report_answers_while_the_cache_fails(api_client, book, monkeypatch, path, broken):
    expected = content(get_report(api_client, path))
    cache.clear()
    for name in broken:
        monkeypatch.setattr(cache, name, cache_down)

    for _ in range(2):
        report = get_report(api_client, path)
        assert report["cached"] is False
        assert content(report) == expected
