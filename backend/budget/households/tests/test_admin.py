"""The admin shows households, memberships, invitations and the activity log, and changes none of them."""

import pytest
from django.urls import reverse

from budget.households.models import ActivityEntry, Household, Invitation, Membership
from budget.users.models import User

pytestmark = pytest.mark.django_db

MODELS = [Household, Membership, Invitation, ActivityEntry]


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user("root@example.com")
    User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
    client.force_login(User.objects.get(pk=admin.pk))
    return client


def _name(model, page):
    return f"admin:households_{model._meta.model_name}_{page}"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_lists_and_views_but_never_changes(admin_client, family, model):
    row = model.objects.first()
    listed = admin_client.get(reverse(_name(model, "changelist")))
    assert listed.status_code == 200
    assert admin_client.get(reverse(_name(model, "change"), args=[row.pk])).status_code == 200
    assert admin_client.get(reverse(_name(model, "add"))).status_code == 403
    assert (
        admin_client.post(reverse(_name(model, "delete"), args=[row.pk]), {"post": "yes"}).status_code == 403
    )
    assert model.objects.filter(pk=row.pk).exists()


def test_no_token_hash_on_the_invitation_page(admin_client, family):
    invitation = Invitation.objects.first()
    page = admin_client.get(reverse(_name(Invitation, "change"), args=[invitation.pk])).content.decode()
    assert invitation.token_hash not in page
