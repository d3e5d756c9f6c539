import pytest

from budget.core.tests.testapp.models import Purse

pytestmark = pytest.mark.django_db


def test_for_user_returns_only_the_owners_rows(user, other_user):
    mine = Purse.objects.create(user=user, amount="1.00")
    Purse.objects.create(user=other_user, amount="2.00")
    assert list(Purse.objects.for_user(user)) == [mine]
    assert not Purse.objects.for_user(user).filter(pk__in=Purse.objects.for_user(other_user)).exists()


def test_owned_rows_get_uuid_ids_and_timestamps(user):
    purse = Purse.objects.create(user=user, amount="1.00")
    assert len(str(purse.id)) == 36
    assert purse.created_at is not None
    assert purse.updated_at is not None
