from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.core.fields import MAX_AMOUNT, MoneyField, to_money
from budget.core.tests.testapp.models import Purse

pytestmark = pytest.mark.django_db

money = st.decimals(
    min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False
)


def test_money_field_round_trips_as_two_place_decimal(user):
    purse = Purse.objects.create(user=user, amount=Decimal("150.5"))
    purse.refresh_from_db()
    assert purse.amount == Decimal("150.50")
    assert str(purse.amount) == "150.50"
    assert purse.limit is None


def test_money_field_stores_integer_cents(user):
    Purse.objects.create(user=user, amount="12.34")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT amount FROM {Purse._meta.db_table}")
        (raw,) = cursor.fetchone()
    assert raw == 1234
    assert isinstance(raw, int)


def test_money_field_keeps_negative_values(user):
    purse = Purse.objects.create(user=user, amount=Decimal("-0.01"))
    purse.refresh_from_db()
    assert purse.amount == Decimal("-0.01")


def test_money_field_holds_the_largest_amount_both_ways(user):
    Purse.objects.create(user=user, amount=MAX_AMOUNT)
    Purse.objects.create(user=user, amount=-MAX_AMOUNT)
    assert sorted(Purse.objects.values_list("amount", flat=True)) == [-MAX_AMOUNT, MAX_AMOUNT]


def test_money_field_sum_is_exact_where_floats_drift(user):
    # 0.1 + 0.2 style drift: a thousand dimes summed as floats is not 100.00.
    Purse.objects.bulk_create([Purse(user=user, amount=Decimal("0.10")) for _ in range(1000)])
    Purse.objects.create(user=user, amount=Decimal("0.07"))
    total = Purse.objects.aggregate(total=Sum("amount"))["total"]
    assert total == Decimal("100.07")
    assert isinstance(total, Decimal)


def test_money_field_filters_and_orders_by_value(user):
    for amount in ["5.00", "-3.25", "10.01", "10.00"]:
        Purse.objects.create(user=user, amount=amount)
    assert list(Purse.objects.filter(amount__gt="10").values_list("amount", flat=True)) == [Decimal("10.01")]
    assert Purse.objects.filter(amount__lt=Decimal("0")).get().amount == Decimal("-3.25")
    assert Purse.objects.filter(amount__range=("5", "10")).count() == 2
    ordered = list(Purse.objects.order_by("amount").values_list("amount", flat=True))
    assert ordered == [Decimal("-3.25"), Decimal("5.00"), Decimal("10.00"), Decimal("10.01")]


def test_money_field_works_in_expressions(user):
    purse = Purse.objects.create(user=user, amount="2.50")
    Purse.objects.filter(pk=purse.pk).update(amount=F("amount") * -1)
    purse.refresh_from_db()
    assert purse.amount == Decimal("-2.50")


@pytest.mark.parametrize(
    "bad", ["1.001", "abc", "NaN", "Infinity", "1e30", "10000000000.00", "-1e20", True, object()]
)
def test_money_field_refuses_what_is_not_an_amount_in_cents(bad):
    with pytest.raises(ValidationError):
        MoneyField().get_prep_value(bad)


def test_to_money_accepts_floats_by_their_shortest_text():
    assert to_money(0.1) == Decimal("0.10")
    assert to_money(19.99) == Decimal("19.99")
    assert to_money(7) == Decimal("7.00")


def test_money_field_form_field_limits_to_the_largest_amount():
    form_field = MoneyField().formfield()
    assert form_field.clean("9999999999.99") == MAX_AMOUNT
    with pytest.raises(ValidationError):
        form_field.clean("10000000000.00")
    with pytest.raises(ValidationError):
        form_field.clean("1.234")


# The user fixture is shared by the examples on purpose; each example starts by emptying the table.
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(money, min_size=1, max_size=20))
def test_money_field_sum_matches_python_sum(user, amounts):
    Purse.objects.all().delete()
    Purse.objects.bulk_create([Purse(user=user, amount=amount) for amount in amounts])
    assert Purse.objects.aggregate(total=Sum("amount"))["total"] == sum(amounts)
