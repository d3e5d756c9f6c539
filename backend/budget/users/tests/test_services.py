import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.users.models import User
from budget.users.services import user_create, user_update

pytestmark = pytest.mark.django_db


def test_user_create_stores_email_lower_case(password):
    user = user_create(email="  Mixed.Case@Example.COM ", password=password)
    assert user.email == "mixed.case@example.com"
    assert user.check_password(password)


def test_user_create_refuses_case_variant_of_existing_email(user, password):
    with pytest.raises(ValidationError) as excinfo:
        user_create(email="ANA@EXAMPLE.COM", password=password)
    assert "email" in excinfo.value.message_dict


def test_database_refuses_case_variant_written_around_the_services(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Ana@Example.com")


def test_user_update_refuses_unknown_fields(user):
    with pytest.raises(ValidationError) as excinfo:
        user_update(user=user, is_staff=True)
    assert "is_staff" in excinfo.value.message_dict
    user.refresh_from_db()
    assert not user.is_staff


def test_user_update_refuses_bad_currency(user):
    with pytest.raises(ValidationError) as excinfo:
        user_update(user=user, currency="EU1")
    assert "currency" in excinfo.value.message_dict


def test_natural_key_lookup_ignores_case(user):
    assert User.objects.get_by_natural_key("ANA@example.com") == user
