"""The Budget setup page: adding, archiving and listing locations, buckets and categories."""

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
    charts,
    open_page,
    query,
    state,
    texts,
    url,
)

SAVINGS_ID = "b0000000-0000-0000-0000-000000000002"


def _setup(api, locations=None, buckets=None, categories=None, allocation=None):
    api.get(
        url("locations/"),
        json=a.paginated(locations if locations is not None else [a.location("ING", balance_="1234.50")]),
    )
    api.get(
        url("buckets/"),
        json=a.paginated(
            buckets if buckets is not None else [a.bucket("Necessities", share="60.00", balance_="10.00")]
        ),
    )
    api.get(url("categories/"), json=a.paginated(categories if categories is not None else a.CATEGORIES))
    api.get(url("buckets/allocation/"), json=allocation or a.allocation("60.00"))


def _tables(at):
    """The three editors' tables: locations, buckets, categories."""
    return [editor.value for editor in at.data_editor]


def test_setup_renders_tables_and_gauge(api):
    _setup(api)
    at = open_page("setup")
    assert_clean(at)
    assert texts(at.title) == ["Budget setup"]
    assert [tab.label for tab in at.tabs] == ["Locations", "Buckets", "Categories"]
    locations, buckets, categories = _tables(at)
    assert locations.to_dict("list") == {"Name": ["ING"], "Balance": ["€1,234.50"], "Archived": [False]}
    assert buckets.to_dict("list") == {
        "Name": ["Necessities"],
        "Share %": ["60.00"],
        "Balance": ["€10.00"],
        "Goal": [""],
        "Goal date": [""],
        "Progress": [""],
        "Archived": [False],
    }
    assert categories["Kind"].tolist() == ["Income (positive)", "Expense (negative)", "Neutral"]
    [gauge] = charts(at)
    assert gauge["data"][0]["type"] == "indicator"
    assert gauge["data"][0]["value"] == 60.0
    assert texts(at.warning) == [
        "40.00 % of each income is not given to any bucket yet. "
        "Split incomes wait until the buckets add up to 100 %."
    ]


def test_setup_complete_allocation_success(api):
    _setup(api, allocation=a.allocation("100.00"))
    at = open_page("setup")
    assert texts(at.success) == ["Your buckets take 100 % of each income: incomes can be split."]
    assert charts(at)[0]["data"][0]["value"] == 100.0


def test_setup_lists_active_rows_by_default(api):
    _setup(api)
    open_page("setup")
    for resource in ("locations/", "buckets/", "categories/"):
        [listing] = calls(api, "GET", resource)
        assert query(listing) == {"page": "1", "page_size": "500"}


def test_setup_show_archived_requests_include_archived(api):
    _setup(api)
    at = open_page("setup")
    at = at.toggle(key="setup_show_archived").set_value(True).run()
    assert_clean(at)
    for resource in ("locations/", "buckets/", "categories/"):
        assert query(calls(api, "GET", resource)[-1]) == {
            "page": "1",
            "page_size": "500",
            "include_archived": "true",
        }


def test_setup_follows_list_pages(api):
    api.get(
        url("locations/"),
        json=a.paginated([a.location("ING")], count=2, next_url=url("locations/?page=2")),
        match=[matchers.query_param_matcher({"page": "1", "page_size": "500", "household": a.HOUSEHOLD_ID})],
    )
    api.get(
        url("locations/"),
        json=a.paginated([a.location("Cash", id_="loc-2")], count=2),
        match=[matchers.query_param_matcher({"page": "2", "page_size": "500", "household": a.HOUSEHOLD_ID})],
    )
    _setup(api)
    at = open_page("setup")
    assert_clean(at)
    assert _tables(at)[0]["Name"].tolist() == ["ING", "Cash"]


def test_setup_add_location_posts_name(api):
    _setup(api)
    api.post(url("locations/"), status=201, json=a.location("Cash", id_="loc-cash"))
    at = open_page("setup")
    at.text_input(key="setup_location_name").input("Cash")
    at = button(at, "Add location").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "locations/")
    assert body(post) == {"name": "Cash"}
    assert texts(at.success) == ["Added location “Cash”."]


def test_setup_add_location_with_ended_session_returns_to_sign_in(api):
    """A write whose session has ended is not a refusal shown beside the form: it is the sign-in page."""
    _setup(api)
    api.post(url("locations/"), status=401, json={"detail": "Token is invalid or expired"})
    api.post(url("token/refresh/"), status=401, json={"detail": "Token is blacklisted"})
    at = open_page("setup")
    at.text_input(key="setup_location_name").input("Cash")
    at = button(at, "Add location").click().run()
    assert not at.exception
    assert not at.error
    assert texts(at.title) == ["Budget"]
    assert texts(at.warning) == ["Your session has ended; please sign in again."]
    assert state(at, "auth_user") is None


def test_setup_add_bucket_sends_share_as_string(api):
    _setup(api)
    api.post(url("buckets/"), status=201, json=a.bucket("Fun", id_=SAVINGS_ID, share="12.50"))
    at = open_page("setup")
    at.text_input(key="setup_bucket_name").input("Fun")
    at.text_input(key="setup_bucket_share").input("12.50")
    at = button(at, "Add bucket").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "buckets/")
    assert body(post) == {"name": "Fun", "allocation_percentage": "12.5"}
    assert texts(at.success) == ["Added bucket “Fun”."]


def test_setup_add_bucket_with_a_goal(api):
    _setup(api)
    api.post(url("buckets/"), status=201, json=a.bucket("Trip", id_=SAVINGS_ID, share="0.00"))
    at = open_page("setup")
    at.text_input(key="setup_bucket_name").input("Trip")
    at.text_input(key="setup_bucket_goal").input("1500")
    at.text_input(key="setup_bucket_goal_date").input("2030-06-30")
    at = button(at, "Add bucket").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "buckets/")
    assert body(post) == {
        "name": "Trip",
        "allocation_percentage": "0",
        "goal_amount": "1500.00",
        "goal_date": "2030-06-30",
    }


def test_setup_add_bucket_bad_goal_sends_nothing(api):
    _setup(api)
    at = open_page("setup")
    at.text_input(key="setup_bucket_name").input("Trip")
    at.text_input(key="setup_bucket_goal").input("-5")
    at = button(at, "Add bucket").click().run()
    assert texts(at.error) == ["A goal is more than 0."]
    assert not calls(api, "POST", "buckets/")


def test_setup_add_bucket_bad_share_sends_nothing(api):
    _setup(api)
    at = open_page("setup")
    at.text_input(key="setup_bucket_name").input("Fun")
    at.text_input(key="setup_bucket_share").input("a lot")
    at = button(at, "Add bucket").click().run()
    assert texts(at.error) == ["'a lot' is not a percentage; write it like 12.5"]
    assert not calls(api, "POST", "buckets/")


def test_setup_add_bucket_over_100_shows_api_message(api):
    _setup(api)
    message = "Total allocation would be 110.00%; 40.00% is left."
    api.post(url("buckets/"), status=400, json={"allocation_percentage": [message]})
    at = open_page("setup")
    at.text_input(key="setup_bucket_name").input("Fun")
    at.text_input(key="setup_bucket_share").input("50")
    at = button(at, "Add bucket").click().run()
    assert not at.exception
    assert texts(at.error) == [f"Allocation percentage: {message}"]


@pytest.mark.parametrize("sign", ["POSITIVE", "NEGATIVE", "NEUTRAL"])
def test_setup_add_category_posts_sign(api, sign):
    _setup(api)
    api.post(url("categories/"), status=201, json=a.category("Gifts", sign, id_="cat-gifts"))
    at = open_page("setup")
    at.text_input(key="setup_category_name").input("Gifts")
    at.selectbox(key="setup_category_sign").set_value(sign)
    at = button(at, "Add category").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "categories/")
    assert body(post) == {"name": "Gifts", "sign": sign}


def test_setup_add_duplicate_name_shows_message(api):
    _setup(api)
    api.post(url("locations/"), status=400, json={"name": ["You already have a location named “ING”."]})
    at = open_page("setup")
    at.text_input(key="setup_location_name").input("ing")
    at = button(at, "Add location").click().run()
    assert texts(at.error) == ["Name: You already have a location named “ING”."]
    assert not at.success
    assert at.text_input(key="setup_location_name").value == "ing"  # kept, to be corrected


def test_setup_add_success_empties_the_form(api):
    _setup(api)
    api.post(url("locations/"), status=201, json=a.location("Revolut"))
    at = open_page("setup")
    at.text_input(key="setup_location_name").input("Revolut")
    at = button(at, "Add location").click().run()
    assert_clean(at)
    assert at.text_input(key="setup_location_name").value == ""


def test_setup_archive_deletes_chosen_row(api):
    _setup(api)
    api.delete(url(f"locations/{a.LOCATION_ID}/"), status=204)
    at = open_page("setup")
    archive = at.button(key="setup_locations_archive")
    assert archive.disabled
    at.selectbox(key="setup_locations_archive_choice").set_value(a.location("ING", balance_="1234.50"))
    at = at.run().button(key="setup_locations_archive").click().run()
    assert_clean(at)
    assert len(calls(api, "DELETE", f"locations/{a.LOCATION_ID}/")) == 1
    assert texts(at.success) == ["Archived “ING”. Show archived to see it again."]


def test_setup_archive_refused_shows_message(api):
    _setup(api)
    detail = "ING holds 1,234.50; move the money out before archiving it."
    api.delete(url(f"locations/{a.LOCATION_ID}/"), status=400, json={"detail": detail})
    at = open_page("setup")
    at.selectbox(key="setup_locations_archive_choice").set_value(a.location("ING", balance_="1234.50"))
    at = at.run().button(key="setup_locations_archive").click().run()
    assert not at.exception
    assert texts(at.error) == [detail]
    assert not at.success


def test_setup_archived_rows_cannot_be_archived_again(api):
    _setup(api, buckets=[a.bucket("Old", archived=True)])
    at = open_page("setup")
    assert_clean(at)
    assert "setup_buckets_archive_choice" not in [s.key for s in at.selectbox]
    assert "setup_locations_archive_choice" in [s.key for s in at.selectbox]


# ---------------------------------------------------------------------- issue 14: forms that behave


def _tab_errors(at, label: str) -> list[str]:
    [tab] = [tab for tab in at.tabs if tab.label == label]
    return texts(tab.error)


@pytest.mark.parametrize(
    ("tab", "fill", "submit", "message"),
    [
        (
            "Buckets",
            {"setup_bucket_name": "Fun", "setup_bucket_share": "33.333"},
            "Add bucket",
            "A share has at most two decimals ('33.333' has more).",
        ),
        (
            "Categories",
            {"setup_category_name": "x" * 150},
            "Add category",
            "A name is 150 characters long; at most 100 fit. Shorten it.",
        ),
    ],
)
def test_setup_refusal_stays_on_its_tab_beside_its_form(api, tab, fill, submit, message):
    """Symptom 2: the tab is kept (bound to the URL) and the error is drawn inside it; nothing sent."""
    _setup(api)
    at = app(USER)
    at.query_params["tab"] = tab
    at = at.switch_page("app_pages/setup.py").run()
    for key, value in fill.items():
        at.text_input(key=key).input(value)
    at = button(at, submit).click().run()
    assert state(at, "tab") == tab
    assert _tab_errors(at, tab) == [message]
    assert not [c for c in api.calls if c.request.method == "POST"]
    for key, value in fill.items():
        assert at.text_input(key=key).value == value  # kept, to be corrected


@pytest.mark.parametrize(
    ("fill", "clear"),
    [
        ({"setup_bucket_name": "Fun", "setup_bucket_share": "10"}, "Add bucket"),
        ({"setup_category_name": "Gifts"}, "Add category"),
    ],
)
def test_setup_add_success_resets_the_form_and_keeps_the_tab(api, fill, clear):
    """Symptom 3: after a success the form starts empty again (set before its widgets exist)."""
    _setup(api)
    api.post(url("buckets/"), status=201, json=a.bucket("Fun", id_=SAVINGS_ID, share="10.00"))
    api.post(url("categories/"), status=201, json=a.category("Gifts", id_="cat-gifts"))
    at = app(USER)
    at.query_params["tab"] = "Buckets" if "bucket" in clear else "Categories"
    at = at.switch_page("app_pages/setup.py").run()
    for key, value in fill.items():
        at.text_input(key=key).input(value)
    at = button(at, clear).click().run()
    assert_clean(at)
    assert state(at, "tab") == at.query_params["tab"]
    assert {key: at.text_input(key=key).value for key in fill} == {
        key: "0" if key == "setup_bucket_share" else "" for key in fill
    }
    assert state(at, "setup_clear") is None


def test_setup_add_location_with_opening_balance(api):
    """Symptom 13: money already there is sent as the location's opening balance, into a bucket."""
    _setup(api)
    api.post(url("locations/"), status=201, json=a.location("Revolut", balance_="-250.00"))
    at = open_page("setup")
    at.text_input(key="setup_location_name").input("Revolut")
    at.text_input(key="setup_location_opening").input("-1,250.50")
    at.text_input(key="setup_location_opening_date").input("2024-01-31")
    at.selectbox(key="setup_location_opening_bucket").set_value(a.BUCKET_ID)
    at = button(at, "Add location").click().run()
    assert_clean(at)
    [post] = calls(api, "POST", "locations/")
    assert body(post) == {
        "name": "Revolut",
        "opening_balance": {"amount": "-1250.50", "date": "2024-01-31", "bucket": a.BUCKET_ID},
    }
    assert at.text_input(key="setup_location_opening").value == ""
    assert at.selectbox(key="setup_location_opening_bucket").value is None


@pytest.mark.parametrize(
    ("opening", "day", "bucket", "message"),
    [
        ("100", "2024-01-31", None, "Choose the bucket the opening balance goes into."),
        (
            "100",
            "1800/01/01",
            a.BUCKET_ID,
            "1800-01-01 is outside the dates kept (1900-01-01 to 2100-12-31).",
        ),
        ("100", "yesterday", a.BUCKET_ID, "'yesterday' is not a date; write it like 2024-05-31."),
        ("lots", "2024-01-31", a.BUCKET_ID, "'lots' is not an amount; write it like 1234.56"),
    ],
)
def test_setup_opening_balance_refused_before_sending(api, opening, day, bucket, message):
    _setup(api)
    at = open_page("setup")
    at.text_input(key="setup_location_name").input("Revolut")
    at.text_input(key="setup_location_opening").input(opening)
    at.text_input(key="setup_location_opening_date").input(day)
    if bucket:
        at.selectbox(key="setup_location_opening_bucket").set_value(bucket)
    at = button(at, "Add location").click().run()
    assert _tab_errors(at, "Locations") == [message]
    assert not calls(api, "POST", "locations/")
    assert at.text_input(key="setup_location_opening").value == opening
