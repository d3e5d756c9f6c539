from decimal import Decimal

import pytest

from budget.core.serializers import ModelSerializer, MoneyField
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
