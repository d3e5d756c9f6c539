import importlib
import sys

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse

from budget.users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user("root@example.com")
    User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
    client.force_login(User.objects.get(pk=admin.pk))
    return client


def test_admin_lists_and_searches_users(admin_client, user):
    response = admin_client.get(reverse("admin:users_user_changelist"), {"q": "ana"})
    assert response.status_code == 200
    assert b"ana@example.com" in response.content


def test_admin_edit_page_of_a_user_renders(admin_client, user):
    assert admin_client.get(reverse("admin:users_user_change", args=[user.pk])).status_code == 200


def test_admin_adds_a_user_with_email_login(admin_client):
    response = admin_client.post(
        reverse("admin:users_user_add"),
        {
            "email": "New@Example.com",
            "full_name": "New",
            "password1": "zebra-lamp-91x",
            "password2": "zebra-lamp-91x",
        },
    )
    assert response.status_code == 302, response.content
    assert User.objects.get(email="new@example.com").check_password("zebra-lamp-91x")


def test_admin_sign_in_is_throttled_per_address_like_the_api(client, user, password):
    """30 wrong passwords from one address: the last ones are refused with 429, even the right one."""
    login = reverse("admin:login")
    statuses = [
        client.post(login, {"username": user.email, "password": "wrong-guess"}).status_code for _ in range(30)
    ]
    assert statuses[0] == 200  # the form again, with its error
    assert statuses[-1] == 429
    refused = client.post(login, {"username": user.email, "password": password})
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert client.get(login).status_code == 200  # showing the form costs nothing

    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert elsewhere.post(login, {"username": user.email, "password": "wrong-guess"}).status_code == 200


@pytest.fixture
def urls_with(settings):
    """Load the URL configuration again under the settings the test sets (it reads them at import)."""
    original = settings.ADMIN_ENABLED
    yield lambda: (importlib.reload(sys.modules[settings.ROOT_URLCONF]), clear_url_caches())
    settings.ADMIN_ENABLED = original
    importlib.reload(sys.modules[settings.ROOT_URLCONF])
    clear_url_caches()


def test_admin_can_be_turned_off(client, settings, urls_with):
    settings.ADMIN_ENABLED = False
    urls_with()
    assert client.get("/admin/login/").status_code == 404
    assert client.get("/api/health/").status_code == 200
