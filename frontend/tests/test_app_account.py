"""The Account page: profile, password, signing out and deleting the account."""

from tests.helpers import USER, assert_clean, body, button, calls, open_page, page_calls, state, texts, url


def test_account_renders_profile(api):
    at = open_page("account")
    assert_clean(at)
    assert texts(at.title) == ["Account"]
    assert at.text_input(key="account_full_name").value == "Ana Pop"
    assert at.text_input(key="account_email").value == "ana@example.com"
    assert at.text_input(key="account_currency").value == "EUR"
    assert "Member since 2024-01-01." in texts(at.main.caption)
    assert not page_calls(api)


def test_account_save_profile_patches_and_remembers(api):
    saved = {**USER, "full_name": "Ana Maria Pop", "currency": "RON"}
    api.patch(url("users/me/"), json=saved)
    at = open_page("account")
    at.text_input(key="account_full_name").input(" Ana Maria Pop ")
    at.text_input(key="account_currency").input("ron")
    at = button(at, "Save profile").click().run()
    assert_clean(at)
    [patch] = calls(api, "PATCH", "users/me/")
    assert body(patch) == {"full_name": "Ana Maria Pop", "email": "ana@example.com", "currency": "RON"}
    assert at.session_state["auth_user"] == saved
    assert texts(at.success) == ["Profile saved."]


def test_account_saved_currency_used_by_other_pages(api):
    from tests import answers as a

    api.patch(url("users/me/"), json={**USER, "currency": "RON"})
    api.get(url("reports/monthly/"), json=a.monthly(positive=[("Salary", "5.00")]))
    at = open_page("account")
    at.text_input(key="account_currency").input("RON")
    at = button(at, "Save profile").click().run()
    at = at.switch_page("app_pages/monthly.py").run()
    assert_clean(at)
    assert next(m.value for m in at.metric if m.label == "Income") == "RON5.00"


def test_account_save_profile_refused_shows_message(api):
    api.patch(url("users/me/"), status=400, json={"email": ["A user with that email already exists."]})
    at = open_page("account")
    at.text_input(key="account_email").input("bo@example.com")
    at = button(at, "Save profile").click().run()
    assert not at.exception
    assert texts(at.error) == ["Email: A user with that email already exists."]
    assert at.session_state["auth_user"] == USER


def change_password(old: str = "old-pass-1", new: str = "Violet-Harbour-91", repeat: str | None = None):
    """Fill the password form on the Account page and press Change password."""
    at = open_page("account")
    at.text_input(key="account_old_password").input(old)
    at.text_input(key="account_new_password").input(new)
    at.text_input(key="account_repeat_password").input(new if repeat is None else repeat)
    return button(at, "Change password").click().run()


def test_account_change_password_posts_then_signs_in_again(api):
    """The API ends every session on a password change: the page signs this browser in with the new one."""
    api.post(url("users/me/password/"), status=204)
    api.post(url("token/"), json={"access": "access-2", "refresh": "refresh-2"})
    api.get(url("users/me/"), json=USER)
    at = change_password()
    assert_clean(at)
    [post] = calls(api, "POST", "users/me/password/")
    assert body(post) == {"old_password": "old-pass-1", "new_password": "Violet-Harbour-91"}
    [token] = calls(api, "POST", "token/")
    assert body(token) == {"email": "ana@example.com", "password": "Violet-Harbour-91"}
    assert (state(at, "auth_access"), state(at, "auth_refresh")) == ("access-2", "refresh-2")
    assert state(at, "auth_user") == USER
    assert texts(at.success) == [
        "Password changed. Any other browser signed in to this account must sign in again."
    ]


def test_account_password_changed_but_sign_in_refused_goes_to_sign_in(api):
    api.post(url("users/me/password/"), status=204)
    api.post(url("token/"), status=429, json={"detail": "Request was throttled."})
    at = change_password()
    assert not at.exception
    assert state(at, "auth_access") is None
    assert state(at, "auth_user") is None
    assert texts(at.warning) == [
        "Your password was changed, but signing in again failed: Request was throttled."
    ]
    assert texts(at.title) == ["Budget"]  # the sign-in page


def test_account_change_password_mismatch_sends_nothing(api):
    at = change_password(repeat="Violet-Harbour-92")
    assert texts(at.error) == ["The two new passwords differ."]
    assert not page_calls(api)


def test_account_change_password_refused_shows_message(api):
    api.post(url("users/me/password/"), status=400, json={"old_password": ["Wrong password."]})
    at = change_password(old="nope")
    assert texts(at.error) == ["Old password: Wrong password."]


def test_account_sign_out_button(api):
    api.post(url("auth/logout/"), status=204)
    at = open_page("account").button(key="account_sign_out").click().run()
    assert_clean(at)
    assert body(calls(api, "POST", "auth/logout/")[0]) == {"refresh": "refresh-1"}
    assert texts(at.title) == ["Budget"]
    assert state(at, "auth_access") is None


def test_account_delete_wrong_email_sends_nothing(api):
    at = open_page("account")
    at.text_input(key="account_delete_confirm").input("someone@example.com")
    at.text_input(key="account_delete_password").input("secret-pass-1")
    at = button(at, "Delete my account and all its data").click().run()
    assert texts(at.error) == ["Type your email exactly to confirm the deletion."]
    assert not page_calls(api)
    assert at.session_state["auth_access"] == "access-1"


def test_account_delete_sends_password_and_signs_out(api):
    api.delete(url("users/me/"), status=204)
    at = open_page("account")
    at.text_input(key="account_delete_confirm").input(" ANA@example.com ")
    at.text_input(key="account_delete_password").input("secret-pass-1")
    at = button(at, "Delete my account and all its data").click().run()
    assert not at.exception
    [delete] = calls(api, "DELETE", "users/me/")
    assert body(delete) == {"password": "secret-pass-1"}
    assert texts(at.title) == ["Budget"]
    assert texts(at.warning) == ["Your account and all its data are deleted."]
    assert [k for k in ("auth_access", "auth_refresh", "auth_user") if state(at, k) is not None] == []


def test_account_delete_wrong_password_stays(api):
    api.delete(url("users/me/"), status=400, json={"password": ["Wrong password."]})
    at = open_page("account")
    at.text_input(key="account_delete_confirm").input("ana@example.com")
    at.text_input(key="account_delete_password").input("nope")
    at = button(at, "Delete my account and all its data").click().run()
    assert texts(at.error) == ["Password: Wrong password."]
    assert texts(at.title) == ["Account"]
    assert at.session_state["auth_access"] == "access-1"
