"""/api/transactions/: the list (filters, ordering, pages, queries), bulk create and CSV export."""

import csv
import datetime
import io
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from budget.ledger import services
from budget.ledger.models import Allocation, AllocationStatus, Sign, Transaction

pytestmark = pytest.mark.django_db

LIST = reverse("transaction-list")
BULK = reverse("transaction-bulk")
EXPORT = reverse("transaction-export")
HEADER = ["date", "description", "amount", "signed_amount", "category", "sign", "location", "bucket"]
# Measured: the user (JWT), the membership, the count, the page (category, location, bucket and who
# entered and changed it joined), the legs with buckets.
LIST_QUERIES = 5


def add(
    user, category, amount, *, date=datetime.date(2024, 3, 15), description="Entry", location, bucket=None
):
    return services.transaction_create(
        user=user,
        date=date,
        description=description,
        amount=Decimal(amount),
        category=category,
        location=location,
        bucket=bucket,
        split_income=bucket is None,
    )


def descriptions(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["description"] for row in response.json()["results"]]


def body(ledger, **fields):
    return {
        "date": "2024-03-15",
        "description": "Groceries",
        "amount": "42.50",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.necessities.pk),
        **fields,
    }


@pytest.fixture
def entries(user, ledger, run_on_commit):
    """Six transactions of every kind; the split salary puts shares into all buckets but Spare (0 %)."""
    spare = services.bucket_create(user=user, name="Spare", allocation_percentage=Decimal(0))
    day = datetime.date
    with run_on_commit():
        add(
            user,
            ledger.food,
            "80.00",
            date=day(2024, 1, 10),
            description="Weekly Groceries",
            location=ledger.cash,
            bucket=ledger.necessities,
        )
        add(
            user,
            ledger.food,
            "15.00",
            date=day(2024, 1, 20),
            description="Umbrella",
            location=ledger.cash,
            bucket=spare,
        )
        add(
            user,
            ledger.food,
            "25.50",
            date=day(2024, 2, 5),
            description="Cinema tickets",
            location=ledger.bank,
            bucket=ledger.fun,
        )
        add(
            user,
            ledger.loan,
            "-300.00",
            date=day(2024, 2, 20),
            description="Loan to Dan",
            location=ledger.cash,
            bucket=ledger.economy,
        )
        add(
            user,
            ledger.salary,
            "2000.00",
            date=day(2024, 3, 1),
            description="March salary",
            location=ledger.bank,
        )
        add(
            user,
            ledger.salary,
            "500.00",
            date=day(2024, 3, 15),
            description="Bonus",
            location=ledger.cash,
            bucket=ledger.economy,
        )
    assert Transaction.objects.get(split_income=True).allocation_status == AllocationStatus.ALLOCATED
    return SimpleNamespace(ledger=ledger, spare=spare)


# --- List: filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Bonus", "March salary", "Loan to Dan", "Cinema tickets", "Umbrella", "Weekly Groceries"}),
        ({"date_from": "2024-02-20"}, {"Bonus", "March salary", "Loan to Dan"}),
        ({"date_to": "2024-02-05"}, {"Cinema tickets", "Umbrella", "Weekly Groceries"}),
        ({"date_from": "2024-02-01", "date_to": "2024-02-29"}, {"Cinema tickets", "Loan to Dan"}),
        ({"category": "food"}, {"Cinema tickets", "Umbrella", "Weekly Groceries"}),
        ({"category": "salary"}, {"Bonus", "March salary"}),
        ({"sign": "POSITIVE"}, {"Bonus", "March salary"}),
        ({"sign": "NEGATIVE"}, {"Cinema tickets", "Umbrella", "Weekly Groceries"}),
        ({"sign": "NEUTRAL"}, {"Loan to Dan"}),
        ({"location": "cash"}, {"Bonus", "Loan to Dan", "Umbrella", "Weekly Groceries"}),
        ({"location": "bank"}, {"March salary", "Cinema tickets"}),
        ({"bucket": "fun"}, {"March salary", "Cinema tickets"}),
        ({"bucket": "economy"}, {"Bonus", "March salary", "Loan to Dan"}),
        ({"bucket": "spare"}, {"Umbrella"}),
        ({"amount_min": "25.50"}, {"Bonus", "March salary", "Cinema tickets", "Weekly Groceries"}),
        ({"amount_min": 500}, {"Bonus", "March salary"}),
        ({"amount_max": "25.50"}, {"Loan to Dan", "Cinema tickets", "Umbrella"}),
        ({"amount_min": "-300", "amount_max": "-300.00"}, {"Loan to Dan"}),
        ({"amount_min": "15.01", "amount_max": "80"}, {"Cinema tickets", "Weekly Groceries"}),
        ({"search": "GROCER"}, {"Weekly Groceries"}),
        ({"search": "loan to"}, {"Loan to Dan"}),
        ({"search": "salary"}, {"March salary"}),
        ({"split_income": "true"}, {"March salary"}),
        (
            {"split_income": "false"},
            {"Bonus", "Loan to Dan", "Cinema tickets", "Umbrella", "Weekly Groceries"},
        ),
        ({"sign": "NEGATIVE", "location": "cash", "date_from": "2024-01-15"}, {"Umbrella"}),
        ({"bucket": "fun", "split_income": "false"}, {"Cinema tickets"}),
        ({"category": str(uuid.uuid4())}, set()),
    ],
)
def test_list_filters(api_client, entries, query, expected):
    rows = {**vars(entries.ledger), "spare": entries.spare}
    # Ids are named in the parameters: "food" stands for the id of the user's Food category.
    params = {
        key: str(rows[value].pk) if key in ("category", "location", "bucket") and value in rows else value
        for key, value in query.items()
    }

    response = api_client.get(LIST, params)

    assert set(descriptions(response)) == expected
    assert response.json()["count"] == len(expected)


def test_list_filter_by_another_users_ids_finds_nothing(api_client, entries, other_ledger):
    for key, value in (
        ("category", other_ledger.food),
        ("location", other_ledger.cash),
        ("bucket", other_ledger.fun),
    ):
        response = api_client.get(LIST, {key: str(value.pk)})
        assert descriptions(response) == [], key


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2024-13-01"},
        {"date_to": "yesterday"},
        {"date_from": "2024-02-30"},
        {"category": "not-a-uuid"},
        {"location": "123"},
        {"bucket": "x" * 40},
        {"sign": "POSITIVE,NEGATIVE"},
        {"sign": "positive-ish"},
        {"amount_min": "1.234"},
        {"amount_max": "abc"},
        {"amount_min": "NaN"},
        {"amount_max": "Infinity"},
        {"amount_min": "1e400"},
        {"amount_max": "9" * 5000},
        {"search": "a\x00b"},
    ],
)
def test_list_refuses_invalid_filter_values(api_client, entries, query):
    response = api_client.get(LIST, query)

    assert response.status_code == 400, response.content
    assert set(query) <= set(response.json()), response.json()


# --- List: ordering ----------------------------------------------------------------------------


@pytest.fixture
def ordered(user, ledger):
    """Each key orders the rows differently; two share a date to show the tie-break."""
    for date, description, amount in (
        (datetime.date(2024, 1, 1), "cherry", "30.00"),
        (datetime.date(2024, 3, 1), "apple", "20.00"),
        (datetime.date(2024, 2, 1), "banana", "10.00"),
        (datetime.date(2024, 3, 1), "date", "40.00"),
    ):
        add(
            user,
            ledger.food,
            amount,
            date=date,
            description=description,
            location=ledger.cash,
            bucket=ledger.necessities,
        )


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (None, ["date", "apple", "banana", "cherry"]),
        ("-date", ["date", "apple", "banana", "cherry"]),
        ("date", ["cherry", "banana", "date", "apple"]),
        ("amount", ["banana", "apple", "cherry", "date"]),
        ("-amount", ["date", "cherry", "apple", "banana"]),
        ("description", ["apple", "banana", "cherry", "date"]),
        ("-description", ["date", "cherry", "banana", "apple"]),
    ],
)
def test_list_ordering(api_client, ordered, ordering, expected):
    response = api_client.get(LIST, {"ordering": ordering} if ordering else {})

    assert descriptions(response) == expected


def test_list_puts_the_newest_entry_first_on_equal_dates(api_client, user, ledger):
    for description in ("first", "second", "third"):
        add(
            user,
            ledger.food,
            "10.00",
            description=description,
            location=ledger.cash,
            bucket=ledger.necessities,
        )

    assert descriptions(api_client.get(LIST)) == ["third", "second", "first"]
    assert descriptions(api_client.get(LIST, {"ordering": "amount"})) == ["third", "second", "first"]


@pytest.mark.parametrize("ordering", ["size", "user", "created_at", "-signed_amount", "date;drop", "?"])
def test_list_refuses_invalid_ordering(api_client, ordered, ordering):
    response = api_client.get(LIST, {"ordering": ordering})

    assert response.status_code == 400, response.content
    assert "ordering" in response.json()


# --- List: pages and queries ----------------------------------------------------------------------


def fill(user, ledger, count: int) -> int:
    """`count` transactions written directly, every fifth a split income with three legs.

    Returns the number of legs written.
    """
    rows = []
    for i in range(count):
        date = datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 366)
        if i % 5 == 0:
            rows.append(
                Transaction(
                    household_id=user.default_household_id,
                    date=date,
                    description=f"Salary {i}",
                    amount=Decimal("100.00"),
                    signed_amount=Decimal("100.00"),
                    category=ledger.salary,
                    location=ledger.bank,
                    split_income=True,
                    allocation_status=AllocationStatus.ALLOCATED,
                )
            )
        else:
            rows.append(
                Transaction(
                    household_id=user.default_household_id,
                    date=date,
                    description=f"Food {i}",
                    amount=Decimal("12.34"),
                    signed_amount=Decimal("-12.34"),
                    category=ledger.food,
                    location=ledger.cash,
                    bucket=ledger.fun,
                    allocation_status=AllocationStatus.NOT_SPLIT,
                )
            )
    Transaction.objects.bulk_create(rows)
    shares = ((ledger.necessities, "50.00"), (ledger.economy, "30.00"), (ledger.fun, "20.00"))
    legs = [
        Allocation(
            household_id=user.default_household_id,
            transaction=txn,
            bucket=bucket,
            percentage=Decimal(share),
            amount=Decimal(share),
        )
        for txn in rows
        if txn.split_income
        for bucket, share in shares
    ]
    Allocation.objects.bulk_create(legs)
    services.totals_repair(household_id=user.default_household_id)  # rows written without services
    return len(legs)


@pytest.mark.parametrize("count", [5, 500])
def test_list_queries_do_not_grow_with_the_rows(
    api_client, user, ledger, count, django_assert_max_num_queries
):
    legs = fill(user, ledger, count)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = api_client.get(LIST, {"page_size": 500})

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == count
    assert sum(len(row["allocations"]) for row in results) == legs > 0
    assert all(row["bucket_name"] == "Fun" for row in results if not row["split_income"])


def test_list_first_page_query_count(api_client, user, ledger, django_assert_num_queries):
    fill(user, ledger, 120)

    with django_assert_num_queries(LIST_QUERIES):
        response = api_client.get(LIST)

    assert response.status_code == 200
    assert len(response.json()["results"]) == 50


def test_list_pages_have_count_next_previous_results(api_client, user, ledger):
    fill(user, ledger, 5)

    first = api_client.get(LIST, {"page_size": 2}).json()
    second = api_client.get(LIST, {"page_size": 2, "page": 2}).json()
    last = api_client.get(LIST, {"page_size": 2, "page": 3}).json()

    assert list(first) == ["count", "next", "previous", "results"]
    assert first["count"] == second["count"] == last["count"] == 5
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert "page_size=2" in first["next"]
    assert "page=3" in second["next"]
    assert second["previous"] is not None
    assert last["next"] is None
    ids = [row["id"] for page in (first, second, last) for row in page["results"]]
    assert len(ids) == len(set(ids)) == 5


def test_list_pages_are_50_by_default_and_500_at_most(api_client, user, ledger):
    fill(user, ledger, 501)

    default = api_client.get(LIST).json()
    largest = api_client.get(LIST, {"page_size": 100000}).json()

    assert default["count"] == largest["count"] == 501
    assert len(default["results"]) == 50
    assert len(largest["results"]) == 500
    assert largest["next"] is not None


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "99999999999999999999"])
def test_list_page_out_of_range_is_not_found(api_client, user, ledger, page):
    fill(user, ledger, 5)

    response = api_client.get(LIST, {"page_size": 2, "page": page})

    assert response.status_code == 404
    assert "detail" in response.json()


# --- Bulk -------------------------------------------------------------------------------------------


def test_bulk_creates_all_in_input_order(api_client, ledger):
    items = [
        body(ledger, description="first", amount="3.00"),
        body(ledger, description="second", category=str(ledger.loan.pk), amount="-1.50"),
        body(ledger, description="third", category=str(ledger.salary.pk), amount=1000),
    ]

    response = api_client.post(BULK, items, format="json")

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert [row["description"] for row in answer] == ["first", "second", "third"]
    assert [row["signed_amount"] for row in answer] == ["-3.00", "-1.50", "1000.00"]
    assert [row["category_name"] for row in answer] == ["Food", "Loan", "Salary"]
    assert set(answer[0]) >= {"id", "bucket_name", "location_name", "allocations", "transfer"}
    assert sorted(str(pk) for pk in Transaction.objects.values_list("pk", flat=True)) == sorted(
        row["id"] for row in answer
    )


def test_bulk_with_one_bad_item_writes_nothing(api_client, user, ledger):
    add(user, ledger.food, "1.00", location=ledger.cash, bucket=ledger.fun)
    items = [body(ledger), body(ledger, amount="1.234"), body(ledger)]

    response = api_client.post(BULK, items, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["1"]
    assert "amount" in errors["1"]
    assert Transaction.objects.count() == 1


def test_bulk_with_one_item_breaking_a_rule_writes_nothing(api_client, ledger, run_on_commit):
    items = [
        body(ledger, category=str(ledger.salary.pk), bucket=None, split_income=True),
        body(ledger),
        body(ledger, bucket=None),
        body(ledger, amount="-5.00"),
    ]

    with run_on_commit() as callbacks:
        response = api_client.post(BULK, items, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"2", "3"}
    assert "bucket" in errors["2"]
    assert "amount" in errors["3"]
    assert not Transaction.objects.exists()
    assert not Allocation.objects.exists()
    assert callbacks == []


def test_bulk_names_every_bad_item(api_client, ledger):
    items = [body(ledger, date="15/03/2024"), 42, body(ledger), body(ledger, description="", category="x")]

    response = api_client.post(BULK, items, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"0", "1", "3"}
    assert "date" in errors["0"]
    assert {"description", "category"} <= set(errors["3"])
    assert not Transaction.objects.exists()


def test_bulk_refuses_more_than_1000_items(api_client, ledger):
    response = api_client.post(BULK, [body(ledger)] * 1001, format="json")

    assert response.status_code == 400
    assert "1000" in str(response.json())
    assert not Transaction.objects.exists()


def test_bulk_accepts_1000_items(api_client, ledger):
    response = api_client.post(
        BULK, [body(ledger, description=f"item {i}") for i in range(1000)], format="json"
    )

    assert response.status_code == 201
    assert len(response.json()) == 1000
    assert response.json()[999]["description"] == "item 999"
    assert Transaction.objects.count() == 1000


@pytest.mark.parametrize("raw", [b"{}", b'{"0": {}}', b'"items"', b"42", b"null", b"[]", b"{not json", b""])
def test_bulk_refuses_a_body_that_is_not_a_list(api_client, ledger, raw):
    response = api_client.generic("POST", BULK, raw, content_type="application/json")

    assert response.status_code == 400, response.content
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(("field", "theirs"), [("category", "food"), ("location", "cash"), ("bucket", "fun")])
def test_bulk_with_another_users_reference_is_not_found(api_client, ledger, other_ledger, field, theirs):
    items = [body(ledger), body(ledger, **{field: str(getattr(other_ledger, theirs).pk)})]

    response = api_client.post(BULK, items, format="json")

    assert response.status_code == 404
    assert not Transaction.objects.exists()


def test_bulk_allocates_split_incomes(api_client, ledger, run_on_commit):
    items = [
        body(ledger, category=str(ledger.salary.pk), bucket=None, split_income=True, amount="100.01"),
        body(ledger),
        body(ledger, category=str(ledger.salary.pk), bucket=None, split_income=True, amount="0.03"),
    ]

    with run_on_commit():
        response = api_client.post(BULK, items, format="json")

    assert response.status_code == 201, response.json()
    assert [row["allocation_status"] for row in response.json()] == ["PENDING", "NOT_SPLIT", "PENDING"]
    for row, total in ((response.json()[0], Decimal("100.01")), (response.json()[2], Decimal("0.03"))):
        txn = Transaction.objects.get(pk=row["id"])
        assert txn.allocation_status == AllocationStatus.ALLOCATED
        assert sum(leg.amount for leg in txn.allocations.all()) == total
        assert txn.allocations.count() == 3


def test_bulk_refuses_split_incomes_when_allocation_is_incomplete(api_client, ledger):
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(0))
    items = [body(ledger), body(ledger, category=str(ledger.salary.pk), bucket=None, split_income=True)]

    response = api_client.post(BULK, items, format="json")

    assert response.status_code == 400
    assert "split_income" in response.json()["errors"]["1"]
    assert not Transaction.objects.exists()


# --- Export -------------------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_export_streams_every_row_as_csv(api_client, entries):
    response = api_client.get(EXPORT)

    rows = read_csv(response)
    assert "attachment" in response["Content-Disposition"]
    assert rows[0] == HEADER
    assert rows[1:] == [
        ["2024-03-15", "Bonus", "500.00", "500.00", "Salary", "POSITIVE", "Cash", "Economy"],
        ["2024-03-01", "March salary", "2000.00", "2000.00", "Salary", "POSITIVE", "Bank", ""],
        ["2024-02-20", "Loan to Dan", "-300.00", "-300.00", "Loan", "NEUTRAL", "Cash", "Economy"],
        ["2024-02-05", "Cinema tickets", "25.50", "-25.50", "Food", "NEGATIVE", "Bank", "Fun"],
        ["2024-01-20", "Umbrella", "15.00", "-15.00", "Food", "NEGATIVE", "Cash", "Spare"],
        ["2024-01-10", "Weekly Groceries", "80.00", "-80.00", "Food", "NEGATIVE", "Cash", "Necessities"],
    ]


def test_export_applies_filters_and_ordering(api_client, entries):
    response = api_client.get(EXPORT, {"sign": "NEGATIVE", "ordering": "amount", "date_from": "2024-01-15"})

    rows = read_csv(response)
    assert rows[0] == HEADER
    assert [row[1] for row in rows[1:]] == ["Umbrella", "Cinema tickets"]


def test_export_filters_by_bucket_including_split_shares(api_client, entries):
    rows = read_csv(api_client.get(EXPORT, {"bucket": str(entries.ledger.fun.pk)}))

    assert [row[1] for row in rows[1:]] == ["March salary", "Cinema tickets"]


def test_export_has_only_the_users_rows(api_client, other_client, user, ledger, other_user, other_ledger):
    add(user, ledger.food, "1.00", description="mine", location=ledger.cash, bucket=ledger.fun)
    add(
        other_user,
        other_ledger.food,
        "2.00",
        description="theirs",
        location=other_ledger.cash,
        bucket=other_ledger.fun,
    )

    mine = read_csv(api_client.get(EXPORT))
    theirs = read_csv(other_client.get(EXPORT))

    assert [row[1] for row in mine[1:]] == ["mine"]
    assert [row[1] for row in theirs[1:]] == ["theirs"]


def test_export_of_nothing_is_the_header(api_client, ledger):
    assert read_csv(api_client.get(EXPORT)) == [HEADER]


@pytest.mark.parametrize(
    ("description", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Plain, with comma", "Plain, with comma"),
        ("A = B", "A = B"),
    ],
)
def test_export_neutralises_formulas(api_client, user, ledger, description, cell):
    add(user, ledger.food, "1.00", description=description, location=ledger.cash, bucket=ledger.fun)

    rows = read_csv(api_client.get(EXPORT))

    assert rows[1][1] == cell


def test_export_neutralises_formulas_in_names(api_client, user, ledger):
    category = services.category_create(user=user, name="=cmd", sign=Sign.NEGATIVE)
    location = services.location_create(user=user, name="@home")
    add(user, category, "1.00", location=location, bucket=ledger.fun)

    rows = read_csv(api_client.get(EXPORT))

    assert rows[1][4] == "'=cmd"
    assert rows[1][6] == "'@home"


@pytest.mark.parametrize(
    "query",
    [{"date_from": "nope"}, {"category": "x"}, {"sign": "UP"}, {"amount_min": "1.001"}, {"ordering": "user"}],
)
def test_export_refuses_a_bad_filter(api_client, entries, query):
    response = api_client.get(EXPORT, query)

    assert response.status_code == 400
    assert set(query) <= set(response.json())


def test_export_needs_authentication(anon_client, entries):
    response = anon_client.get(EXPORT)

    assert response.status_code == 401
    assert not response.streaming


@pytest.mark.django_db
def test_bulk_lists_rule_errors_and_field_errors_in_one_answer(api_client, ledger):
    good = {
        "date": "2026-01-02",
        "description": "Lunch",
        "amount": "5.00",
        "category": str(ledger.food.pk),
        "location": str(ledger.cash.pk),
        "bucket": str(ledger.fun.pk),
    }
    items = [good, {**good, "amount": "-5.00"}, 42, {**good, "date": "1800-01-01"}]

    response = api_client.post(reverse("transaction-bulk"), items, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["1", "2", "3"]
    assert "amount" in response.json()["errors"]["1"]
    assert "date" in response.json()["errors"]["3"]
    assert not Transaction.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["maybe", "2"])
def test_list_refuses_a_split_income_filter_that_is_not_true_or_false(api_client, ledger, value):
    response = api_client.get(reverse("transaction-list"), {"split_income": value})

    assert response.status_code == 400
    assert response.json() == {"split_income": ["Use true or false."]}


@pytest.mark.django_db
def test_search_ignores_case_beyond_ascii(api_client, user, ledger):
    services.transaction_create(
        user=user, date=datetime.date(2026, 1, 2), description="Școală ÉTÉ", amount=Decimal(5),
        category=ledger.food, location=ledger.cash, bucket=ledger.fun,
    )  # fmt: skip

    response = api_client.get(reverse("transaction-list"), {"search": "școală été"})

    assert response.json()["count"] == 1
