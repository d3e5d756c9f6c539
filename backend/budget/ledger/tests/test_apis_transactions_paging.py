"""The transaction list's pages: numbered with a count from the stored totals, or by keyset cursor."""

import datetime
from decimal import Decimal

import pytest

from budget.ledger import services
from budget.ledger.models import Transaction

pytestmark = pytest.mark.django_db

URL = "/api/transactions/"
START = datetime.date(2024, 1, 1)


def fill(user, ledger, size: int, *, split_every: int = 0) -> None:
    """`size` rows over a few dates, many on the same day, so ties on date are the common case."""
    items = []
    for n in range(size):
        split = bool(split_every) and n % split_every == 0
        items.append(
            {
                "date": START + datetime.timedelta(days=n % 7),
                "description": f"Row {n:04d}",
                "amount": Decimal(n % 13 + 1),
                "category": ledger.salary if split else ledger.food,
                "location": ledger.cash,
                "bucket": None if split else ledger.fun,
                "split_income": split,
            }
        )
    for start in range(0, size, 1000):
        services.transaction_bulk_create(user=user, items=items[start : start + 1000])


def walk(api_client, params: dict) -> tuple[list[str], int]:
    ids, pages, cursor = [], 0, ""
    while cursor is not None:
        response = api_client.get(URL, {**params, "cursor": cursor})
        assert response.status_code == 200, response.json()
        body = response.json()
        assert set(body) == {"next_cursor", "results"}
        ids += [row["id"] for row in body["results"]]
        cursor = body["next_cursor"]
        pages += 1
    return ids, pages


def numbered(api_client, params: dict) -> list[str]:
    response = api_client.get(URL, {**params, "page_size": 500})
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"ordering": "date"},
        {"ordering": "-amount"},
        {"ordering": "amount"},
        {"ordering": "description"},
        {"ordering": "-description"},
        {"search": "Row 00"},
        {"amount_min": "5", "ordering": "-amount"},
    ],
)
def test_a_cursor_walk_gives_every_row_once_in_the_list_order(api_client, user, ledger, params):
    fill(user, ledger, 137)

    ids, pages = walk(api_client, {**params, "page_size": 10})

    assert ids == numbered(api_client, params)
    assert len(ids) == len(set(ids))
    assert pages == -(-len(ids) // 10) or (len(ids) % 10 == 0 and pages == len(ids) // 10 + 1)


def test_the_last_page_has_no_next_cursor_and_an_empty_list_is_one_page(api_client, user, ledger):
    response = api_client.get(URL, {"cursor": ""})
    assert response.json() == {"next_cursor": None, "results": []}

    fill(user, ledger, 3)
    response = api_client.get(URL, {"cursor": "", "page_size": 3})
    assert response.json()["next_cursor"] is None
    assert len(response.json()["results"]) == 3


def test_a_cursor_page_costs_the_same_queries_however_deep(
    api_client, user, ledger, django_assert_max_num_queries
):
    fill(user, ledger, 300)
    cursor = ""
    for _ in range(25):  # 250 rows deep
        cursor = api_client.get(URL, {"cursor": cursor, "page_size": 10}).json()["next_cursor"]

    # The user, the membership, the page; no count, and no legs without split rows on it.
    with django_assert_max_num_queries(3):
        response = api_client.get(URL, {"cursor": cursor, "page_size": 10})
    assert len(response.json()["results"]) == 10


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 at all!",
        "bm90IGpzb24",  # "not json"
        "W1siZGF0ZSJdLFsiMjAyNC0wMS0wMSJdXQ",  # keys of another ordering
        "W1siZGF0ZSIsImNyZWF0ZWRfYXQiLCJpZCJdLFsiMjAyNC0xMy0wMSIsIngiLCJ5Il1d",  # values that are no date
        "W1siZGF0ZSIsImNyZWF0ZWRfYXQiLCJpZCJdLFtudWxsLG51bGwsbnVsbF1d",  # nulls
        "W1siZGF0ZSIsImNyZWF0ZWRfYXQiLCJpZCJdLFsxLDIsM11d",  # numbers
        "W1siZGF0ZSIsImNyZWF0ZWRfYXQiLCJpZCJdXQ",  # no values
        "e30",  # {}
    ],
)
def test_a_bad_cursor_is_a_400_that_says_what_to_send(api_client, user, ledger, cursor):
    response = api_client.get(URL, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_cursor_of_another_ordering_is_refused(api_client, user, ledger):
    fill(user, ledger, 5)
    cursor = api_client.get(URL, {"cursor": "", "page_size": 2}).json()["next_cursor"]

    response = api_client.get(URL, {"cursor": cursor, "ordering": "amount"})

    assert response.status_code == 400
    assert "another ordering" in response.json()["cursor"][0]


def test_an_amount_cursor_out_of_range_is_a_400(api_client, user, ledger):
    import base64
    import json

    keys = ["amount", "created_at", "id"]
    values = ["99999999999999999", "2024-01-01T00:00:00+00:00", "00000000-0000-0000-0000-000000000000"]
    raw = base64.urlsafe_b64encode(json.dumps([keys, values]).encode()).decode().rstrip("=")

    response = api_client.get(URL, {"cursor": raw, "ordering": "amount"})

    assert response.status_code == 400


# --- Numbered pages --------------------------------------------------------------------------------


def test_the_unfiltered_count_comes_from_the_totals_and_equals_the_rows(
    api_client, user, ledger, other_user, other_ledger, django_assert_max_num_queries
):
    fill(user, ledger, 120, split_every=7)
    fill(other_user, other_ledger, 30)

    with django_assert_max_num_queries(5):  # user, membership, totals' count, page, legs of its split rows
        response = api_client.get(URL)

    assert (
        response.json()["count"] == Transaction.objects.filter(household_id=user.default_household_id).count()
    )


@pytest.mark.parametrize(("params", "expected"), [({"search": "Row 01"}, 43), ({"amount_min": "13"}, 11)])
def test_a_filtered_count_is_exact(api_client, user, ledger, params, expected):
    fill(user, ledger, 143)

    response = api_client.get(URL, params)

    assert response.json()["count"] == expected


def test_legs_are_fetched_only_when_the_page_has_split_rows(
    api_client, user, ledger, django_assert_max_num_queries, django_assert_num_queries
):
    fill(user, ledger, 60, split_every=50)  # rows 0 and 50 split: dates 1 Jan and 2 Jan
    for split in (0, 50):
        services.income_allocate(transaction_id=Transaction.objects.get(description=f"Row {split:04d}").pk)

    with django_assert_num_queries(4):  # user, membership, count, page: the newest rows are not split
        response = api_client.get(URL, {"page_size": 5})
    assert not any(row["split_income"] for row in response.json()["results"])

    with django_assert_num_queries(5):  # and the legs of the split rows on the page
        response = api_client.get(URL, {"ordering": "description", "page_size": 5})
    legs = [row["allocations"] for row in response.json()["results"] if row["split_income"]]
    assert [len(leg) for leg in legs] == [3]
