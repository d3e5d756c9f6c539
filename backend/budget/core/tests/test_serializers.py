import datetime
from decimal import Decimal

import pytest
from rest_framework.exceptions import ValidationError

from budget.core.serializers import ModelSerializer, MoneyField, StrictDateField
from budget.core.tests.testapp.models import Purse


class PurseSerializer(ModelSerializer):
    class Meta:
        model = Purse
        fields = ["id", "amount", "limit"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [("150", "150.00"), (150, "150.00"), ("0.1", "0.10"), (19.99, "19.99"), ("-42.50", "-42.50")],
)
def test_money_accepts_numbers_and_strings_and_answers_strings(given, expected):
    field = MoneyField()
    value = field.run_validation(given)
    assert value == Decimal(expected)
    assert field.to_representation(value) == expected


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ("1.005", "2 decimal places"),
        (1.005, "2 decimal places"),
        ("abc", "valid number"),
        ("10000000000.00", "less than or equal to 9999999999.99"),
        ("NaN", "valid number"),
        ("1e30", "less than or equal to"),
        ("-1e30", "greater than or equal to"),
        ("Infinity", "valid number"),
        ("-Infinity", "valid number"),
        ("sNaN", "valid number"),
        ("1e999999999", "less than or equal to 9999999999.99"),
        ("-1e999999999", "greater than or equal to -9999999999.99"),
        ("1e-999999999", "2 decimal places"),
        (1e308, "less than or equal to 9999999999.99"),
        ("9" * 5000, "less than or equal to 9999999999.99"),
    ],
)
def test_money_refuses_with_a_message_that_says_what_to_fix(given, fragment):
    serializer = PurseSerializer(data={"amount": given})
    assert not serializer.is_valid()
    assert fragment in str(serializer.errors["amount"][0])


@pytest.mark.django_db
def test_model_serializer_maps_money_fields_to_decimal_strings(user):
    purse = Purse.objects.create(user=user, amount="12.30")
    data = PurseSerializer(purse).data
    assert data["amount"] == "12.30"
    assert data["limit"] is None
    assert isinstance(PurseSerializer().fields["amount"], MoneyField)


def test_model_serializer_accepts_the_largest_amount():
    serializer = PurseSerializer(data={"amount": "9999999999.99"})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["amount"] == Decimal("9999999999.99")


@pytest.mark.parametrize("given", ["2024-03-15", "0001-01-01", "9999-12-31"])
def test_strict_date_reads_exactly_yyyy_mm_dd(given):
    assert StrictDateField().run_validation(given) == datetime.date.fromisoformat(given)


@pytest.mark.parametrize(
    "given",
    [
        "2024-1-1",
        "2024-03-5",
        "20240315",
        "2024-03-15T00:00",
        " 2024-03-15",
        "2024-02-30",
        "15/03/2024",
        "",
        20240315,
    ],
)
def test_strict_date_refuses_anything_else_naming_the_format(given):
    with pytest.raises(ValidationError) as refused:
        StrictDateField().run_validation(given)
    assert "YYYY-MM-DD" in str(refused.value.detail[0])
