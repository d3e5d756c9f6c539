"""A shared household: Ana owns "Family", Bob is an editor there and Cora a viewer; Dan is in
none of it. Everyone also has their own Personal household from sign-up."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households import services
from budget.households.models import Household, Role


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def join(household, user, role, *, by):
    """Bring `user` in the way the API does: an invitation, accepted."""
    _, token = services.invitation_create(household_id=household.pk, actor=by, email=user.email, role=role)
    return services.invitation_accept(user=user, token=token)


@dataclass
class Family:
    household: Household
    owner: object
    editor: object
    viewer: object
    outsider: object

    def user(self, who: str):
        return getattr(self, who)


@pytest.fixture
def family(user, make_user) -> Family:
    bob = make_user("bob@example.com", full_name="Bob Ionescu")
    cora = make_user("cora@example.com", full_name="Cora Dima")
    dan = make_user("dan@example.com", full_name="Dan Radu")
    household = services.household_create(owner=user, name="Family")
    join(household, bob, Role.EDITOR, by=user)
    join(household, cora, Role.VIEWER, by=user)
    return Family(household=household, owner=user, editor=bob, viewer=cora, outsider=dan)
