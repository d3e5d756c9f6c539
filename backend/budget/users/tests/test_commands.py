import pytest
from django.core.management import CommandError, call_command

from budget.users.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD"),
        ({"DJANGO_SUPERUSER_EMAIL": "admin@example.com"}, "DJANGO_SUPERUSER_PASSWORD"),
        ({"DJANGO_SUPERUSER_PASSWORD": "a-long-admin-password"}, "DJANGO_SUPERUSER_EMAIL"),
        ({"DJANGO_SUPERUSER_EMAIL": "admin@example.com", "DJANGO_SUPERUSER_PASSWORD": ""}, "PASSWORD"),
    ],
)
def test_createdefaultsuperuser_refuses_without_both_variables(monkeypatch, env, missing):
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(CommandError, match=missing):
        call_command("createdefaultsuperuser")

    assert not User.objects.exists()


def test_createdefaultsuperuser_makes_the_superuser_once(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Admin@Example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-admin-password")

    call_command("createdefaultsuperuser")
    call_command("createdefaultsuperuser")  # at every start in compose: the second run leaves it be

    admin = User.objects.get()
    assert admin.email == "admin@example.com"
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password("a-long-admin-password")


def test_createdefaultsuperuser_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "admin@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "admin")

    with pytest.raises(CommandError, match="too weak"):
        call_command("createdefaultsuperuser")
    assert not User.objects.exists()


def test_createdefaultsuperuser_does_not_promote_an_ordinary_account(monkeypatch, user):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", user.email)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-admin-password")

    with pytest.raises(CommandError, match="not a superuser"):
        call_command("createdefaultsuperuser")
    user.refresh_from_db()
    assert not user.is_superuser
