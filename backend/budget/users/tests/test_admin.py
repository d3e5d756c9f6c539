import pytest
from django.urls import reverse

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
