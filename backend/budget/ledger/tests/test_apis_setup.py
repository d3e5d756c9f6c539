"""What locations, buckets and categories share over HTTP: other users' rows, bad ids, tokens, query counts.

Each resource on its own: test_apis_locations.py, test_apis_buckets.py (with the allocation summary),
test_apis_categories.py.
"""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Allocation, Bucket, Category, Location, Sign, Transaction
from budget.ledger.tests.helpers import DAY

pytestmark = pytest.mark.django_db

LOCATIONS = reverse("location-list")
BUCKETS = reverse("bucket-list")
CATEGORIES = reverse("category-list")
ALLOCATION = reverse("bucket-allocation")

# resource -> (url name, ledger attribute of one of its rows, model, a valid PUT body)
RESOURCES = {
    "location": ("location", "bank", Location, {"name": "Renamed"}),
    "bucket": ("bucket", "fun", Bucket, {"name": "Renamed", "allocation_percentage": "20.00"}),
    "category": ("category", "loan", Category, {"name": "Renamed", "sign": "NEUTRAL"}),
}


def detail(name, pk):
    return reverse(f"{name}-detail", args=[pk])


# --- Other users and bad ids ----------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_users_row_is_not_found(api_client, ledger, other_ledger, resource, method):
    name, attribute, model, body = RESOURCES[resource]
    theirs = getattr(other_ledger, attribute)
    before = model.objects.filter(pk=theirs.pk).values().get()

    response = getattr(api_client, method)(detail(name, theirs.pk), body, format="json")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert theirs.name not in response.content.decode()
    assert model.objects.filter(pk=theirs.pk).values().get() == before


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", str(uuid.uuid4())])
def test_a_malformed_or_unknown_id_is_not_found(api_client, ledger, resource, method, bad_id):
    name, _, _, body = RESOURCES[resource]

    response = getattr(api_client, method)(detail(name, bad_id), body, format="json")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize("url", [LOCATIONS, BUCKETS, CATEGORIES])
def test_lists_never_show_another_users_rows(api_client, ledger, other_user, other_ledger, url):
    services.location_create(user=other_user, name="Bob's secret stash")
    services.bucket_create(user=other_user, name="Bob's secret fund")
    services.category_create(user=other_user, name="Bob's secret", sign=Sign.NEUTRAL)
    services.location_archive(location=other_ledger.bank)
    theirs = {
        str(pk)
        for model in (Location, Bucket, Category)
        for pk in model.objects.for_user(other_user).values_list("pk", flat=True)
    }

    for params in ({}, {"include_archived": "true"}, {"search": "secret"}):
        rows = api_client.get(url, params).json()["results"]
        assert not {row["id"] for row in rows} & theirs
        assert not any("Bob" in row["name"] for row in rows)


def test_other_users_do_not_see_my_rows(other_client, ledger, other_user):
    for url in (LOCATIONS, BUCKETS, CATEGORIES):
        assert other_client.get(url).json()["count"] == 0


# --- Authentication -------------------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_list_endpoints_need_a_token(anon_client, resource, method):
    name = RESOURCES[resource][0]

    response = getattr(anon_client, method)(reverse(f"{name}-list"), {"name": "Anon"}, format="json")

    assert response.status_code == 401
    assert not Location.objects.exists()
    assert not Bucket.objects.exists()
    assert not Category.objects.exists()


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_detail_endpoints_need_a_token(anon_client, ledger, resource, method):
    name, attribute, _, body = RESOURCES[resource]
    row = getattr(ledger, attribute)

    response = getattr(anon_client, method)(detail(name, row.pk), body, format="json")

    assert response.status_code == 401
    row.refresh_from_db()
    assert row.name != "Renamed"
    assert row.is_archived is False


def test_allocation_endpoint_needs_a_token(anon_client):
    assert anon_client.get(ALLOCATION).status_code == 401


def test_a_bad_token_is_a_401(anon_client, ledger):
    anon_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-jwt")

    assert anon_client.get(LOCATIONS).status_code == 401


# --- Query counts ---------------------------------------------------------------------------


def fill_ledger(user, size):
    """`size` locations, buckets and categories, each used by a transaction, and a split income."""
    locations = Location.objects.bulk_create(
        Location(household_id=user.default_household_id, name=f"Location {i:03}") for i in range(size)
    )
    buckets = Bucket.objects.bulk_create(
        Bucket(household_id=user.default_household_id, name=f"Bucket {i:03}") for i in range(size)
    )
    categories = Category.objects.bulk_create(
        Category(household_id=user.default_household_id, name=f"Category {i:03}", sign=Sign.NEGATIVE)
        for i in range(size)
    )
    salary = Category.objects.create(
        household_id=user.default_household_id, name="Salary", sign=Sign.POSITIVE
    )
    Transaction.objects.bulk_create(
        Transaction(
            household_id=user.default_household_id,
            date=DAY,
            description="Expense",
            amount=Decimal("10.00"),
            signed_amount=Decimal("-10.00"),
            category=category,
            location=location,
            bucket=bucket,
        )
        for location, bucket, category in zip(locations, buckets, categories, strict=True)
    )
    income = Transaction.objects.create(
        household_id=user.default_household_id,
        date=DAY,
        description="Split salary",
        amount=Decimal(size),
        signed_amount=Decimal(size),
        category=salary,
        location=locations[0],
        split_income=True,
        allocation_status="ALLOCATED",
    )
    Allocation.objects.bulk_create(
        Allocation(
            household_id=user.default_household_id,
            transaction=income,
            bucket=bucket,
            percentage=Decimal(1),
            amount=Decimal(1),
        )
        for bucket in buckets
    )
    services.totals_repair(household_id=user.default_household_id)  # rows written without services


# The user, the membership, the count and the page; buckets add the allocation total. None of them
# grows with rows.
@pytest.mark.parametrize("size", [5, 500])
@pytest.mark.parametrize(
    ("url", "queries", "balance"),
    [(LOCATIONS, 4, "-10.00"), (BUCKETS, 5, "-9.00"), (CATEGORIES, 4, None)],
)
def test_list_queries_do_not_grow_with_rows(
    api_client, user, django_assert_max_num_queries, size, url, queries, balance
):
    fill_ledger(user, size)

    with django_assert_max_num_queries(queries):
        response = api_client.get(url, {"page_size": 500})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) >= size
    if balance is not None:
        assert rows[-1]["balance"] == balance
