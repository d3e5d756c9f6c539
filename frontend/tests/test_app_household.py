"""Households in the app: the sidebar's switcher, the Household page, invitations from their link,
the activity list, and what a viewer is not offered."""

import pytest
from responses import matchers

from tests import answers as a
from tests.helpers import (
    USER,
    app,
    assert_clean,
    body,
    button,
    calls,
    household_of,
    households_answer,
    ledger_answers,
    open_page,
    page_calls,
    query,
    state,
    texts,
    url,
)

SECOND_USER = "22222222-2222-2222-2222-222222222222"
TWO = [a.household(), a.household("Family", id_=a.SHARED_ID, role="EDITOR", members=2)]


def _setup_answers(api):
    for resource in ("locations/", "buckets/", "categories/"):
        api.get(url(resource), json=a.paginated([]))
    api.get(url("buckets/allocation/"), json=a.allocation("0.00"))


def _household_answers(api, members=None, invitations=None, activity=None, hid=a.HOUSEHOLD_ID):
    base = f"households/{hid}/"
    api.get(
        url(base + "members/"), json=a.paginated(members or [a.member("ana@example.com", id_=USER["id"])])
    )
    api.get(url(base + "invitations/"), json=a.paginated(invitations or []))
    api.get(url("activity/"), json=a.paginated(activity or []))


# ---------------------------------------------------------------------- the switcher


def test_switcher_starts_on_the_default_household_and_reads_ask_for_it(api):
    households_answer(api, TWO)
    _setup_answers(api)
    at = open_page("setup")
    assert_clean(at)
    switcher = at.sidebar.selectbox(key="household")
    assert switcher.options == ["Personal", "Family"]
    assert switcher.value == a.HOUSEHOLD_ID
    reads = page_calls(api)  # not the sidebar's: households and notifications are not one household's
    assert len(reads) >= 4
    assert {household_of(c) for c in reads} == {a.HOUSEHOLD_ID}


def test_switching_household_rereads_that_household(api):
    households_answer(api, TWO)
    _setup_answers(api)
    at = open_page("setup")
    at = at.sidebar.selectbox(key="household").set_value(a.SHARED_ID).run()
    assert_clean(at)
    assert household_of(calls(api, "GET", "locations/")[-1]) == a.SHARED_ID
    assert household_of(calls(api, "GET", "buckets/allocation/")[-1]) == a.SHARED_ID


def test_household_in_the_link_opens_that_household(api):
    households_answer(api, TWO)
    _setup_answers(api)
    at = app(USER).switch_page("app_pages/setup.py")
    at.query_params["household"] = "Family"  # the URL keeps the switcher's label
    at = at.run()
    assert_clean(at)
    assert state(at, "household") == a.SHARED_ID
    assert household_of(calls(api, "GET", "categories/")[-1]) == a.SHARED_ID


def test_a_write_goes_to_the_chosen_household(api):
    households_answer(api, TWO)
    _setup_answers(api)
    api.post(url("categories/"), json=a.CATEGORIES[0], status=201)
    at = app(USER).switch_page("app_pages/setup.py")
    at.query_params["household"] = "Family"
    at = at.run()
    at.text_input(key="setup_category_name").input("Salary")
    at = button(at, "Add category").click().run()
    [post] = calls(api, "POST", "categories/")
    assert household_of(post) == a.SHARED_ID
    assert body(post) == {"name": "Salary", "sign": "POSITIVE"}


# ---------------------------------------------------------------------- viewers and shared lists


@pytest.mark.parametrize("page", ["transactions", "setup"])
def test_viewer_sees_no_write_controls(api, page):
    households_answer(api, [a.household(role="VIEWER")])
    ledger_answers(api)
    api.get(url("buckets/allocation/"), json=a.allocation("100.00"))
    at = open_page(page)
    assert_clean(at)
    assert "You can view this household; an owner can make you an editor." in texts(at.info)
    assert not at.data_editor
    assert not [b for b in at.button if b.label.startswith(("Add", "Transfer", "Save", "Delete", "Archive"))]
    assert at.dataframe  # the rows are still shown


def test_editor_keeps_write_controls(api):
    households_answer(api, [a.household(role="EDITOR")])
    ledger_answers(api)
    at = open_page("transactions")
    assert_clean(at)
    assert button(at, "Add transaction")
    assert at.data_editor


@pytest.mark.parametrize(("members", "by"), [(1, False), (2, True)])
def test_transactions_say_who_entered_them_once_shared(api, members, by):
    households_answer(api, [a.household(members=members)])
    row = a.transaction() | {"created_by": {"id": SECOND_USER, "email": "bo@example.com"}}
    ledger_answers(api, [row])
    at = open_page("transactions")
    assert_clean(at)
    table = at.data_editor[0].value
    assert ("By" in table.columns) is by
    if by:
        assert table["By"].tolist() == ["bo@example.com"]


# ---------------------------------------------------------------------- the Household page


def test_household_page_lists_members_and_invitations(api):
    members = [
        a.member("ana@example.com", id_=USER["id"]),
        a.member("bo@example.com", role="VIEWER", id_=SECOND_USER),
    ]
    invitation = {
        "id": "inv-1",
        "email": "cy@example.com",
        "role": "EDITOR",
        "status": "pending",
        "expires_at": "2024-01-08T00:00:00Z",
    }
    _household_answers(api, members=members, invitations=[invitation])
    at = open_page("household")
    assert_clean(at)
    members_table, invitations_table = [frame.value for frame in at.dataframe]
    assert members_table["Email"].tolist() == ["ana@example.com", "bo@example.com"]
    assert members_table["Role"].tolist() == ["Owner", "Viewer"]
    assert invitations_table.to_dict("list") == {
        "Email": ["cy@example.com"],
        "Role": ["Editor"],
        "Status": ["Pending"],
        "Expires": ["2024-01-08"],
    }


def test_invite_posts_email_and_role_and_shows_the_link(api):
    _household_answers(api)
    link = "http://localhost:8501/household?invitation=tok-1"
    answer = {"id": "inv-1", "email": "bo@example.com", "role": "VIEWER", "token": "tok-1", "link": link}
    api.post(
        url(f"households/{a.HOUSEHOLD_ID}/invitations/"), json=answer | {"expires_at": "2024-01-08T00:00:00Z"}
    )
    at = open_page("household")
    at.text_input(key="household_invite_email").input(" bo@example.com ")
    at.selectbox(key="household_invite_role").set_value("VIEWER")
    at = button(at, "Invite").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", f"households/{a.HOUSEHOLD_ID}/invitations/")
    assert body(post) == {"email": "bo@example.com", "role": "VIEWER"}
    assert [code.value for code in at.code] == [link]


@pytest.mark.parametrize(
    ("act", "method", "path", "sent"),
    [
        ("role", "PATCH", f"members/{SECOND_USER}/", {"role": "EDITOR"}),
        ("remove", "DELETE", f"members/{SECOND_USER}/", None),
        ("leave", "DELETE", f"members/{USER['id']}/", None),
        ("revoke", "DELETE", "invitations/inv-1/", None),
        ("rename", "PATCH", "", {"name": "Home"}),
        ("delete", "DELETE", "", {"confirm": "Personal"}),
    ],
)
def test_household_actions_send_their_request(api, act, method, path, sent):
    members = [a.member("ana@example.com", id_=USER["id"]), a.member("bo@example.com", "VIEWER", SECOND_USER)]
    invitation = {"id": "inv-1", "email": "cy@example.com", "role": "EDITOR", "status": "pending"}
    _household_answers(api, members=members, invitations=[invitation | {"expires_at": "2024-01-08"}])
    target = url(f"households/{a.HOUSEHOLD_ID}/{path}")
    api.add(
        method, target, status=204 if method == "DELETE" else 200, json=None if method == "DELETE" else {}
    )
    at = open_page("household")
    if act == "role":
        at.selectbox(key="household_member_role").set_value("EDITOR")
        label = "Change role"
    elif act == "rename":
        at.text_input(key="household_rename_name").input("Home")
        label = "Rename"
    elif act == "delete":
        at.text_input(key="household_delete_name").input("Personal").run()
        label = "Delete household"
    else:
        label = {"remove": "Remove from the household", "leave": "Leave this household", "revoke": "Revoke"}[
            act
        ]
    at = button(at, label).click().run()
    assert_clean(at)
    [call] = calls(api, method, f"households/{a.HOUSEHOLD_ID}/{path}")
    assert (body(call) if call.request.body else None) == sent
    assert at.success  # the flash after the rerun


def test_last_owner_leaving_shows_the_api_refusal(api):
    _household_answers(api)
    message = "You are the last owner: make another member owner first, or delete the household."
    api.delete(
        url(f"households/{a.HOUSEHOLD_ID}/members/{USER['id']}/"), status=400, json={"detail": message}
    )
    at = open_page("household")
    at = button(at, "Leave this household").click().run()
    assert texts(at.error) == [message]


def test_delete_needs_the_name_typed(api):
    _household_answers(api)
    at = open_page("household")
    assert button(at, "Delete household").disabled
    at.text_input(key="household_delete_name").input("personal")
    assert button(at.run(), "Delete household").disabled


def test_non_owner_sees_no_owner_controls(api):
    households_answer(api, [a.household(role="EDITOR", members=2)])
    members = [
        a.member("ana@example.com", "EDITOR", USER["id"]),
        a.member("bo@example.com", "OWNER", SECOND_USER),
    ]
    _household_answers(api, members=members)
    at = open_page("household")
    assert_clean(at)
    labels = {b.label for b in at.button}
    assert labels & {"Invite", "Change role", "Rename", "Delete household", "Revoke"} == set()
    assert "Leave this household" in labels
    assert not calls(api, "GET", f"households/{a.HOUSEHOLD_ID}/invitations/")


def test_create_household_posts_and_switches_to_it(api):
    _household_answers(api)
    _household_answers(api, hid=a.SHARED_ID)
    created = a.household("Family", id_=a.SHARED_ID)
    api.post(url("households/"), json=created, status=201)
    at = open_page("household")
    households_answer(api, [a.household(), created])
    at.text_input(key="household_create_name").input("Family")
    at = button(at, "Create household").click().run()
    assert_clean(at)
    assert body(calls(api, "POST", "households/")[0]) == {"name": "Family"}
    assert state(at, "household") == a.SHARED_ID
    assert texts(at.success) == ["Created “Family”."]


# ---------------------------------------------------------------------- invitations from their link


def test_invitation_link_signed_in_accepts_and_switches(api):
    joined = a.household("Family", id_=a.SHARED_ID, role="EDITOR", members=2)
    api.post(
        url("invitations/accept/"), json=joined, match=[matchers.json_params_matcher({"token": "tok-1"})]
    )
    households_answer(api, [a.household(), joined])
    _household_answers(api, hid=a.SHARED_ID)
    at = app(USER).switch_page("app_pages/household.py")
    at.query_params["invitation"] = "tok-1"
    at = at.run()
    assert_clean(at)
    assert len(calls(api, "POST", "invitations/accept/")) == 1
    assert texts(at.success) == ["You joined “Family” as editor."]
    assert state(at, "household") == a.SHARED_ID
    assert "invitation" not in at.query_params
    at = at.run()
    assert len(calls(api, "POST", "invitations/accept/")) == 1  # once


def test_invitation_link_refused_says_why(api):
    message = "This invitation was sent to another address."
    api.post(url("invitations/accept/"), status=400, json={"token": [message]})
    _household_answers(api)
    at = app(USER).switch_page("app_pages/household.py")
    at.query_params["invitation"] = "tok-1"
    at = at.run()
    assert texts(at.error) == [f"This invitation could not be accepted: {message}"]


def test_invitation_link_signed_out_is_accepted_after_sign_in(api):
    api.post(url("token/"), json={"access": "access-2", "refresh": "refresh-2"})
    api.get(url("users/me/"), json=USER)
    joined = a.household("Family", id_=a.SHARED_ID, role="VIEWER", members=2)
    api.post(url("invitations/accept/"), json=joined)
    households_answer(api, [a.household(), joined])
    _household_answers(api, hid=a.SHARED_ID)
    at = app().switch_page("app_pages/household.py")
    at.query_params["invitation"] = "tok-1"
    at = at.run()
    assert texts(at.title) == ["Budget"]  # the sign-in form, under the invitation's URL
    assert not calls(api, "POST", "invitations/accept/")
    at.text_input(key="signin_email").input("ana@example.com")
    at.text_input(key="signin_password").input("secret-pass-1")
    at = button(at, "Sign in").click().run()
    assert_clean(at)
    assert body(calls(api, "POST", "invitations/accept/")[0]) == {"token": "tok-1"}
    assert texts(at.success) == ["You joined “Family” as viewer."]


# ---------------------------------------------------------------------- activity


def test_activity_filters_and_pages_are_sent(api):
    entry = {
        "id": "act-1",
        "at": "2024-05-01T10:20:30Z",
        "actor": {"id": USER["id"], "email": "ana@example.com", "full_name": "Ana"},
        "action": "transaction.updated",
        "object_type": "transaction",
        "object_id": "t-1",
        "summary": "Updated “Rent”",
        "changes": {"amount": ["10.00", "12.00"]},
    }
    _household_answers(api)
    api.replace("GET", url("activity/"), json=a.paginated([entry], count=60))
    at = open_page("household")
    table = at.dataframe[-1].value
    assert table.to_dict("list") == {
        "When": ["2024-05-01 10:20"],
        "Who": ["ana@example.com"],
        "Action": ["transaction.updated"],
        "Summary": ["Updated “Rent”"],
        "Changes": ["amount: 10.00 → 12.00"],
    }
    assert "60 entries, newest first · page 1 of 3" in texts(at.caption)
    at.text_input(key="household_activity_action").input("transaction.updated")
    at.selectbox(key="household_activity_actor").set_value(USER["id"])
    at = button(at, "Filter").click().run()
    at = at.number_input(key="household_activity_page").set_value(2).run()
    last = calls(api, "GET", "activity/")[-1]
    assert query(last) == {
        "action": "transaction.updated",
        "actor": USER["id"],
        "page": "2",
        "page_size": "25",
    }
    assert household_of(last) == a.HOUSEHOLD_ID
    at.text_input(key="household_activity_action").input("bucket.updated")
    at = button(at, "Filter").click().run()
    assert query(calls(api, "GET", "activity/")[-1])["page"] == "1"  # new filters: the first page


def test_make_household_the_default_patches_the_profile(api):
    households_answer(api, TWO)
    _household_answers(api, hid=a.SHARED_ID)
    api.patch(url("users/me/"), json=USER | {"default_household": a.SHARED_ID})
    at = app(USER).switch_page("app_pages/household.py")
    at.query_params["household"] = "Family"
    at = button(at.run(), "Open this household first when I sign in").click().run()
    assert_clean(at)
    [patch] = calls(api, "PATCH", "users/me/")
    assert body(patch) == {"default_household": a.SHARED_ID}
    assert state(at, "auth_user")["default_household"] == a.SHARED_ID
    assert "This household opens first when you sign in." in texts(at.caption)
