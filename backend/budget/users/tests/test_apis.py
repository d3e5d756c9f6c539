import logging

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from budget.users.models import User

pytestmark = pytest.mark.django_db

REGISTER = reverse("register")
TOKEN = reverse("token-obtain")
REFRESH = reverse("token-refresh")
LOGOUT = reverse("logout")
ME = reverse("me")
PASSWORD = reverse("me-password")


def bearer(client, access):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")


def sign_in(client, email, password):
    response = client.post(TOKEN, {"email": email, "password": password}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def test_auth_flow_end_to_end(anon_client, password):
    response = anon_client.post(
        REGISTER, {"email": "Mara@Example.com", "password": password, "full_name": "Mara"}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "email", "full_name", "currency", "default_household"}
    assert body["email"] == "mara@example.com"
    assert body["currency"] == "EUR"

    tokens = sign_in(anon_client, "MARA@example.com", password)
    bearer(anon_client, tokens["access"])
    me = anon_client.get(ME)
    assert me.status_code == 200
    assert me.json()["id"] == body["id"]
    assert set(me.json()) == {
        "id",
        "email",
        "full_name",
        "currency",
        "date_joined",
        "default_household",
        "notifications",
    }

    refreshed = anon_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert refreshed.status_code == 200
    new = refreshed.json()
    assert set(new) == {"access", "refresh"}
    assert new["refresh"] != tokens["refresh"]

    reused = anon_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert reused.status_code == 401

    bearer(anon_client, new["access"])
    assert anon_client.post(LOGOUT, {"refresh": new["refresh"]}, format="json").status_code == 204
    after_logout = anon_client.post(REFRESH, {"refresh": new["refresh"]}, format="json")
    assert after_logout.status_code == 401


def test_register_refuses_duplicate_email_in_other_case(anon_client, user, password):
    response = anon_client.post(REGISTER, {"email": "ANA@example.COM", "password": password}, format="json")
    assert response.status_code == 400
    assert "already exists" in response.json()["email"][0]
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "fragment"),
    [("short1", "too short"), ("password123", "too common"), ("8205749163527", "entirely numeric")],
)
def test_register_refuses_weak_password(anon_client, password, fragment):
    response = anon_client.post(REGISTER, {"email": "new@example.com", "password": password}, format="json")
    assert response.status_code == 400
    assert any(fragment in message for message in response.json()["password"])
    assert not User.objects.exists()


def test_register_refuses_password_like_the_email(anon_client):
    response = anon_client.post(
        REGISTER, {"email": "florentina.ionescu@example.com", "password": "florentina.ionescu"}, format="json"
    )
    assert response.status_code == 400
    assert "password" in response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": "correct-horse-battery-9"}, "email"),
        ({"email": "not-an-email", "password": "correct-horse-battery-9"}, "email"),
        ({"email": "x@example.com"}, "password"),
        ({"email": "x@example.com", "password": "correct-horse-battery-9", "currency": "EURO"}, "currency"),
        ({"email": ["x@example.com"], "password": {"a": 1}}, "email"),
    ],
)
def test_register_names_the_field_to_fix(anon_client, body, field):
    response = anon_client.post(REGISTER, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_register_accepts_a_currency(anon_client, password):
    response = anon_client.post(
        REGISTER, {"email": "x@example.com", "password": password, "currency": "usd"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["currency"] == "USD"


def test_malformed_json_is_a_400(anon_client):
    response = anon_client.generic("POST", REGISTER, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_token_gives_same_message_for_unknown_email_and_wrong_password(anon_client, user, caplog):
    caplog.set_level(logging.WARNING, logger="budget.auth")
    wrong = anon_client.post(TOKEN, {"email": user.email, "password": "wrong-password-1"}, format="json")
    unknown = anon_client.post(TOKEN, {"email": "nobody@example.com", "password": "x"}, format="json")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "127.0.0.1" in caplog.text
    assert "wrong-password-1" not in caplog.text


def test_token_refuses_inactive_user(anon_client, user, password):
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = anon_client.post(TOKEN, {"email": user.email, "password": password}, format="json")
    assert response.status_code == 401


def test_sign_in_and_sign_up_are_throttled_per_address(anon_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"auth": "3/minute"},
    }
    body = {"email": "nobody@example.com", "password": "x"}
    statuses = [anon_client.post(TOKEN, body, format="json").status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    throttled = anon_client.post(TOKEN, body, format="json")
    assert throttled.status_code == 429
    assert "detail" in throttled.json()
    assert anon_client.post(REGISTER, {"email": "n@example.com"}, format="json").status_code == 429

    elsewhere = APIClient(REMOTE_ADDR="10.0.0.9")
    assert elsewhere.post(TOKEN, body, format="json").status_code == 401


@pytest.mark.parametrize(("method", "path"), [("get", ME), ("patch", ME), ("delete", ME), ("post", PASSWORD)])
def test_protected_endpoints_need_a_token(anon_client, method, path):
    response = getattr(anon_client, method)(path)
    assert response.status_code == 401


def test_a_bad_token_is_a_401_not_a_403(anon_client):
    bearer(anon_client, "not-a-jwt")
    assert anon_client.get(ME).status_code == 401


def test_refresh_with_garbage_is_a_401(anon_client):
    assert anon_client.post(REFRESH, {"refresh": "garbage"}, format="json").status_code == 401


def test_me_patch_changes_only_given_fields(api_client, user):
    response = api_client.patch(ME, {"currency": "ron"}, format="json")
    assert response.status_code == 200
    assert response.json()["currency"] == "RON"
    assert response.json()["full_name"] == "Ana Popescu"
    response = api_client.patch(ME, {"full_name": "Ana P."}, format="json")
    assert response.json()["currency"] == "RON"
    assert response.json()["full_name"] == "Ana P."


def test_me_patch_refuses_email_of_another_user_in_any_case(api_client, other_user):
    response = api_client.patch(ME, {"email": "BOB@example.com"}, format="json")
    assert response.status_code == 400
    assert "email" in response.json()


def test_me_patch_changes_email_and_sign_in_follows(api_client, anon_client, password):
    assert api_client.patch(ME, {"email": "Ana.New@Example.com"}, format="json").json()["email"] == (
        "ana.new@example.com"
    )
    sign_in(anon_client, "ana.new@example.com", password)


def test_me_never_returns_the_password_hash(api_client):
    body = api_client.get(ME).json()
    assert "password" not in body
    assert "pbkdf2" not in str(body)


def test_password_change_needs_the_current_password(api_client):
    response = api_client.post(
        PASSWORD, {"old_password": "wrong", "new_password": "another-good-pass-7"}, format="json"
    )
    assert response.status_code == 400
    assert "old_password" in response.json()


def test_password_change_applies_validators(api_client, password):
    response = api_client.post(PASSWORD, {"old_password": password, "new_password": "123"}, format="json")
    assert response.status_code == 400
    assert "new_password" in response.json()


def test_password_change_ends_every_session(anon_client, user, password):
    tokens = sign_in(anon_client, user.email, password)
    bearer(anon_client, tokens["access"])
    new_password = "another-good-pass-7"
    response = anon_client.post(
        PASSWORD, {"old_password": password, "new_password": new_password}, format="json"
    )
    assert response.status_code == 204
    assert anon_client.get(ME).status_code == 401
    assert anon_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401
    fresh = APIClient()
    assert fresh.post(TOKEN, {"email": user.email, "password": password}, format="json").status_code == 401
    sign_in(fresh, user.email, new_password)


def test_delete_account_needs_the_password(api_client, user):
    response = api_client.delete(ME, {"password": "wrong"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_removes_the_user_and_their_tokens(anon_client, user, other_user, password):
    tokens = sign_in(anon_client, user.email, password)
    bearer(anon_client, tokens["access"])
    assert anon_client.delete(ME, {"password": password}, format="json").status_code == 204
    assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=other_user.pk).exists()
    assert anon_client.get(ME).status_code == 401
    assert anon_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401


def test_refresh_of_a_deleted_user_is_a_401_not_a_500(anon_client, user, password):
    tokens = sign_in(anon_client, user.email, password)
    User.objects.filter(pk=user.pk).delete()  # around the service: no blacklist
    assert anon_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401


def test_logout_refuses_a_token_of_another_user(api_client, other_user, password):
    theirs = sign_in(APIClient(), other_user.email, password)
    response = api_client.post(LOGOUT, {"refresh": theirs["refresh"]}, format="json")
    assert response.status_code == 400
    assert APIClient().post(REFRESH, {"refresh": theirs["refresh"]}, format="json").status_code == 200


def test_logout_with_garbage_is_a_400(api_client):
    response = api_client.post(LOGOUT, {"refresh": "garbage"}, format="json")
    assert response.status_code == 400
    assert "refresh" in response.json()
