"""The ledger admin: every page opens for a superuser, amounts read as money, nothing can be written."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from budget.households.models import Household
from budget.ledger import services
from budget.ledger.models import Allocation, Bucket, Category, Location, Transaction, Transfer
from budget.users.models import User

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 10)
MODELS = {
    "location": Location,
    "bucket": Bucket,
    "category": Category,
    "transaction": Transaction,
    "transfer": Transfer,
    "allocation": Allocation,
}


@pytest.fixture
def superuser_client():
    admin = User.objects.create_superuser(email="root@example.com", password="root-password-91x")
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def rows(user, ledger, other_user, other_ledger, run_on_commit):
    """A split income of 2,469.00 (its 50% share is 1,234.50), an expense and a transfer of 1,234.50."""
    Household.objects.filter(pk=user.default_household_id).update(name="Ana household")
    Household.objects.filter(pk=other_user.default_household_id).update(name="Bob household")
    with run_on_commit():
        income = services.transaction_create(
            user=user,
            date=DAY,
            description="May salary",
            amount=Decimal("2469.00"),
            category=ledger.salary,
            location=ledger.bank,
            split_income=True,
        )
    expense = services.transaction_create(
        user=user,
        date=DAY,
        description="Groceries",
        amount=Decimal("1234.50"),
        category=ledger.food,
        location=ledger.cash,
        bucket=ledger.necessities,
    )
    transfer = services.transfer_create(
        user=user,
        date=DAY,
        description="Cash to the bank",
        amount=Decimal("1234.50"),
        from_location=ledger.cash,
        to_location=ledger.bank,
        from_bucket=ledger.necessities,
    )
    services.transaction_create(
        user=other_user,
        date=DAY,
        description="Bob's lunch",
        amount=Decimal("12.00"),
        category=other_ledger.food,
        location=other_ledger.cash,
        bucket=other_ledger.fun,
    )
    return {
        "location": ledger.cash,
        "bucket": ledger.necessities,
        "category": ledger.salary,
        "transaction": expense,
        "transfer": transfer,
        "allocation": Allocation.objects.get(transaction=income, bucket=ledger.necessities),
    }


def url(model, action, *args):
    return reverse(f"admin:ledger_{model}_{action}", args=args)


# What each changelist shows of the rows above.
CHANGELIST_TEXT = {
    "location": ["Cash", "Bank", "Ana household", "Bob household"],
    "bucket": ["Necessities", "Economy", "50.00", "Ana household"],
    "category": ["Salary", "Food", "Ana household"],
    "transaction": [
        "Groceries",
        "May salary",
        "Cash to the bank",
        "-1,234.50",
        "2,469.00",
        "Bob&#x27;s lunch",
    ],
    "transfer": ["Cash to the bank", "1,234.50", "Ana household"],
    "allocation": ["Necessities", "Economy", "1,234.50", "740.70", "493.80", "Ana household"],
}

# What each change (view) page shows of its row.
CHANGE_TEXT = {
    "location": ["Cash"],
    "bucket": ["Necessities", "50.00"],
    "category": ["Salary"],
    "transaction": ["Groceries", "-1,234.50", "1,234.50"],
    "transfer": ["Cash to the bank", "1,234.50"],
    "allocation": ["1,234.50", "50.00"],
}


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_shows_rows(superuser_client, rows, model):
    response = superuser_client.get(url(model, "changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    for text in CHANGELIST_TEXT[model]:
        assert text in html, text


@pytest.mark.parametrize("model", MODELS)
def test_admin_change_page_shows_the_row_read_only(superuser_client, rows, model):
    response = superuser_client.get(url(model, "change", rows[model].pk))

    assert response.status_code == 200
    html = response.content.decode()
    for text in CHANGE_TEXT[model]:
        assert text in html, text
    assert 'name="_save"' not in html
    assert "Save and continue editing" not in html


def test_admin_split_income_page_shows_its_shares_as_money(superuser_client, rows):
    income = rows["allocation"].transaction

    response = superuser_client.get(url("transaction", "change", income.pk))

    assert response.status_code == 200
    html = response.content.decode()
    for text in ["2,469.00", "1,234.50", "740.70", "493.80"]:
        assert text in html, text


def test_admin_amounts_are_never_shown_as_cents(superuser_client, rows):
    for model in ("transaction", "transfer", "allocation"):
        html = superuser_client.get(url(model, "changelist")).content.decode()
        for raw in ("1234.50", ">123450<", ">-123450<"):
            assert raw not in html


@pytest.mark.parametrize(
    ("model", "query", "present", "absent"),
    [
        ("transaction", "groceries", "Groceries", "May salary"),
        ("transaction", "bob@example.com", "Bob&#x27;s lunch", "Groceries"),
        ("location", "bob@", "Bob household", "Ana household"),
        ("transfer", "bank", "Cash to the bank", "Groceries"),
    ],
)
def test_admin_search(superuser_client, rows, model, query, present, absent):
    html = superuser_client.get(url(model, "changelist"), {"q": query}).content.decode()
    start = html.index('id="result_list"')
    results = html[start : html.index("</table>", start)]  # the rows, not the owner filter beside them

    assert present in results
    assert absent not in results


@pytest.mark.parametrize("model", MODELS)
def test_admin_cannot_add(superuser_client, rows, model):
    count = MODELS[model].objects.count()

    assert superuser_client.get(url(model, "add")).status_code == 403
    assert superuser_client.post(url(model, "add"), {"name": "New"}).status_code == 403
    assert MODELS[model].objects.count() == count
    assert url(model, "add") not in superuser_client.get(url(model, "changelist")).content.decode()


@pytest.mark.parametrize("model", ["location", "bucket", "category"])
def test_admin_cannot_change(superuser_client, rows, model):
    row = rows[model]

    response = superuser_client.post(url(model, "change", row.pk), {"name": "Changed"})

    assert response.status_code == 403
    row.refresh_from_db()
    assert row.name != "Changed"


@pytest.mark.parametrize("model", MODELS)
def test_admin_cannot_delete(superuser_client, rows, model):
    row = rows[model]

    assert superuser_client.get(url(model, "delete", row.pk)).status_code == 403
    assert superuser_client.post(url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert MODELS[model].objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("model", MODELS)
def test_admin_bulk_delete_action_is_not_offered(superuser_client, rows, model):
    row = rows[model]
    changelist = url(model, "changelist")

    assert "delete_selected" not in superuser_client.get(changelist).content.decode()
    superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [str(row.pk)], "post": "yes"}
    )

    assert MODELS[model].objects.filter(pk=row.pk).exists()


def test_admin_is_closed_to_users_who_are_not_staff(client, user, rows):
    client.force_login(user)

    response = client.get(url("transaction", "changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.django_db
def test_admin_lists_can_be_narrowed_to_one_owner(client, user, other_user, ledger, other_ledger):
    admin_user = User.objects.create_superuser(email="root@example.com", password="a-long-admin-password")
    client.force_login(admin_user)

    response = client.get(
        reverse("admin:ledger_location_changelist"), {"household__id__exact": str(user.default_household_id)}
    )

    assert response.status_code == 200
    shown = {location.pk for location in response.context["cl"].result_list}
    assert shown == {ledger.cash.pk, ledger.bank.pk}
