"""The pages against the real API: a refused write shows the API's own words, and a bad access token
is refreshed against the real SimpleJWT endpoint without the user noticing."""

import datetime

import pytest
import requests
import streamlit as st
from rest_framework_simplejwt.tokens import AccessToken

from budget.ledger.models import Location, Transaction, Transfer
from budget.users.models import User

EMAIL = "ana@example.com"


def seed(api_url: str, password: str) -> None:
    """Through the HTTP API: Bank holds a 2,100.00 income, Old wallet holds nothing."""
    requests.post(
        f"{api_url}/auth/register/",
        json={"email": EMAIL, "password": password, "full_name": "Ana Popescu"},
        timeout=10,
    ).raise_for_status()
    tokens = requests.post(f"{api_url}/token/", json={"email": EMAIL, "password": password}, timeout=10)
    headers = {"Authorization": f"Bearer {tokens.json()['access']}"}

    def create(path: str, body: dict) -> str:
        answer = requests.post(f"{api_url}/{path}/", json=body, headers=headers, timeout=10)
        assert answer.status_code == 201, answer.text
        return answer.json()["id"]

    bank = create("locations", {"name": "Bank"})
    create("locations", {"name": "Old wallet"})
    bucket = create("buckets", {"name": "Necessities", "allocation_percentage": "100"})
    salary = create("categories", {"name": "Salary", "sign": "POSITIVE"})
    create(
        "transactions",
        {
            "date": datetime.date.today().isoformat(),
            "description": "Salary",
            "amount": "2100.00",
            "category": salary,
            "location": bank,
            "bucket": bucket,
        },
    )


@pytest.fixture
def seeded_ui(ui, api_url, password):
    """Ana, seeded through the HTTP API, signed in through the sign-in page."""
    seed(api_url, password)
    ui.sign_in(EMAIL)
    return ui


def archive(ui, name: str) -> None:
    location_id = ui.row_id(Location, name)
    box = ui.at.selectbox(key="setup_locations_archive_choice")
    # The options are the API's rows, shown by name; AppTest selects a label by index.
    box.select_index(box.options.index(name))
    ui.run()
    assert ui.at.selectbox(key="setup_locations_archive_choice").value["id"] == location_id
    ui.at.button(key="setup_locations_archive").click()
    ui.run()


def test_refused_archive_shows_the_api_message(seeded_ui, api_url):
    ui = seeded_ui
    ui.open("setup")
    archive(ui, "Bank")

    # What the API itself says to this request (a refusal changes nothing, so asking again is safe).
    headers = {"Authorization": f"Bearer {ui.at.session_state['auth_access']}"}
    bank_id = ui.row_id(Location, "Bank")
    answer = requests.delete(f"{api_url}/locations/{bank_id}/", headers=headers, timeout=10)
    assert answer.status_code == 400
    (message,) = [line for lines in answer.json().values() for line in lines]
    assert (
        message
        == "'Bank' still holds 2,100.00. Move or spend it (a transfer to another location) before archiving."
    )
    assert ui.texts("error") == [message]
    assert not Location.objects.get(pk=bank_id).is_archived
    locations = ui.table("setup_locations_editor")
    assert list(locations["Name"]) == ["Bank", "Old wallet"]

    # An empty location is archived, and leaves the list.
    archive(ui, "Old wallet")
    ui.assert_no_error()
    assert "Archived “Old wallet”. Show archived to see it again." in ui.texts("success")
    assert list(ui.table("setup_locations_editor")["Name"]) == ["Bank"]
    assert Location.objects.get(name="Old wallet").is_archived


def test_refused_bucket_share_shows_the_api_message(seeded_ui):
    ui = seeded_ui
    ui.open("setup")
    ui.at.text_input(key="setup_bucket_name").input("Fun")
    ui.at.text_input(key="setup_bucket_share").input("10")
    ui.submit("Add bucket")
    assert ui.texts("error") == ["Allocation percentage: Total allocation would be 110.00%; 0.00% is left."]
    assert "Fun" not in list(ui.table("setup_buckets_editor")["Name"])


def expired_access_token() -> str:
    token = AccessToken.for_user(User.objects.get(email=EMAIL))
    token.set_exp(from_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1))
    return str(token)


@pytest.mark.parametrize("bad_access", ["garbage", "expired"])
def test_bad_access_token_is_refreshed_transparently(seeded_ui, api_url, bad_access):
    ui = seeded_ui
    ui.open("overview")
    old_refresh = ui.at.session_state["auth_refresh"]
    ui.at.session_state["auth_access"] = expired_access_token() if bad_access == "expired" else "garbage"
    st.cache_data.clear()  # so the page asks the API instead of its cache

    ui.run()

    ui.assert_no_error()
    assert ui.texts("warning") == []  # no "your session has ended" notice
    assert ui.metrics()["Net balance"] == "€2,100.00"
    assert ui.signed_in_as() == EMAIL
    new_access, new_refresh = ui.at.session_state["auth_access"], ui.at.session_state["auth_refresh"]
    assert new_access not in ("garbage", "")
    assert new_refresh != old_refresh  # rotated by SimpleJWT
    # The new pair works against the real API; the old refresh token was blacklisted on rotation.
    me = requests.get(f"{api_url}/users/me/", headers={"Authorization": f"Bearer {new_access}"}, timeout=10)
    assert me.json()["email"] == EMAIL
    again = requests.post(f"{api_url}/token/refresh/", json={"refresh": old_refresh}, timeout=10)
    assert again.status_code == 401


def test_rejected_refresh_token_sends_the_user_back_to_sign_in(seeded_ui, api_url):
    ui = seeded_ui
    ui.open("overview")
    # Another tab used the refresh token: rotation blacklisted it.
    used = requests.post(
        f"{api_url}/token/refresh/", json={"refresh": ui.at.session_state["auth_refresh"]}, timeout=10
    )
    assert used.status_code == 200
    ui.at.session_state["auth_access"] = "garbage"
    st.cache_data.clear()

    ui.run()

    assert ui.signed_in_as() is None
    assert ui.texts("warning") == ["Your session has ended; please sign in again."]
    assert ui.at.title[0].value == "Budget"


def test_transfer_made_and_undone_from_the_transactions_page(seeded_ui):
    """The transfer form moves money; ticking one of its legs in the list deletes the whole transfer."""
    ui = seeded_ui
    ui.open("transactions")
    ui.at.text_input(key="transactions_transfer_amount").input("100.00")
    ui.choose("transactions_transfer_from_location", "Bank", ui.row_id(Location, "Bank"))
    ui.choose("transactions_transfer_to_location", "Old wallet", ui.row_id(Location, "Old wallet"))
    ui.submit("Transfer")
    ui.assert_no_error()
    assert ui.texts("success") == ["Moved €100.00."]
    assert Transfer.objects.count() == 1
    ui.open("overview")
    assert dict(ui.tables()[0].values.tolist())["Old wallet"] == "€100.00"

    ui.open("transactions")
    editor = next(frame for frame in ui.at.dataframe if frame.key.startswith("transactions_editor"))
    leg_index = editor.value["Transfer"].tolist().index(True)
    ui.at.session_state[editor.key] = {
        "edited_rows": {leg_index: {"Delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    ui.run()
    ui.at.button(key="transactions_delete").click()
    ui.run()
    ui.assert_no_error()
    assert ui.texts("success") == ["Deleted 1 transfer."]
    assert not Transfer.objects.exists()
    assert Transaction.objects.count() == 1  # the salary


def test_password_change_keeps_this_browser_signed_in(seeded_ui, api_url, password):
    """The API ends every session on a password change; the page signs this one in again with the new one."""
    ui = seeded_ui
    old_refresh = ui.at.session_state["auth_refresh"]
    ui.open("account")
    new = "Quartz-Meadow-Lantern-47"
    ui.at.text_input(key="account_old_password").input(password)
    ui.at.text_input(key="account_new_password").input(new)
    ui.at.text_input(key="account_repeat_password").input(new)
    ui.submit("Change password")
    ui.assert_no_error()

    assert ui.signed_in_as() == EMAIL
    assert ui.texts("success") == [
        "Password changed. Any other browser signed in to this account must sign in again."
    ]
    st.cache_data.clear()
    ui.open("overview")
    assert ui.metrics()["Net balance"] == "€2,100.00"
    # The old session is over; only the new password opens a new one.
    refresh = requests.post(f"{api_url}/token/refresh/", json={"refresh": old_refresh}, timeout=10)
    assert refresh.status_code == 401
    assert (
        requests.post(
            f"{api_url}/token/", json={"email": EMAIL, "password": password}, timeout=10
        ).status_code
        == 401
    )
    assert (
        requests.post(f"{api_url}/token/", json={"email": EMAIL, "password": new}, timeout=10).status_code
        == 200
    )
