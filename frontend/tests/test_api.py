"""Unit tests of the HTTP client: every request is answered by `responses`, never the network."""

import json

import pytest
import requests
import responses

from budget_ui import api

URL = "http://api.test/api"


@pytest.fixture
def rsps():
    with responses.RequestsMock() as mock:
        yield mock


@pytest.fixture
def tokens():
    return {api.ACCESS_KEY: "access-1", api.REFRESH_KEY: "refresh-1"}


@pytest.fixture
def client(tokens):
    return api.Api(tokens, url=URL)


def _body(call) -> dict:
    return json.loads(call.request.body)


def _error(rsps, client, status, **kwargs) -> api.ApiError:
    rsps.get(f"{URL}/locations/", status=status, **kwargs)
    with pytest.raises(api.ApiError) as info:
        client.page("locations")
    return info.value


# ----------------------------------------------------------------- base URL and headers


def test_base_url_from_env_without_trailing_slash(monkeypatch):
    monkeypatch.setenv("BUDGET_API_URL", "http://example.test:9000/api/")
    assert api.base_url() == "http://example.test:9000/api"
    assert api.Api({}).url == "http://example.test:9000/api"


def test_base_url_default_when_unset(monkeypatch):
    monkeypatch.delenv("BUDGET_API_URL", raising=False)
    assert api.base_url() == api.DEFAULT_API_URL == "http://127.0.0.1:8000/api"


def test_request_sends_jwt_header(rsps, client):
    rsps.get(f"{URL}/users/me/", json={"id": "u1"})
    assert client.me() == {"id": "u1"}
    assert rsps.calls[0].request.headers["Authorization"] == "Bearer access-1"
    assert rsps.calls[0].request.headers["Accept"] == "application/json"


def test_request_uses_env_url_when_none_given(monkeypatch, rsps, tokens):
    monkeypatch.setenv("BUDGET_API_URL", "http://env.test/api/")
    rsps.get("http://env.test/api/users/me/", json={"id": "u1"})
    assert api.Api(tokens).me() == {"id": "u1"}


# ----------------------------------------------------------------- refresh on 401


def test_request_refreshes_once_and_retries_on_401(rsps, client, tokens):
    rsps.get(f"{URL}/users/me/", status=401, json={"detail": "Token expired"})
    rsps.post(f"{URL}/token/refresh/", json={"access": "access-2", "refresh": "refresh-2"})
    rsps.get(f"{URL}/users/me/", json={"id": "u1"})

    assert client.me() == {"id": "u1"}

    assert [(c.request.method, c.request.url) for c in rsps.calls] == [
        ("GET", f"{URL}/users/me/"),
        ("POST", f"{URL}/token/refresh/"),
        ("GET", f"{URL}/users/me/"),
    ]
    assert _body(rsps.calls[1]) == {"refresh": "refresh-1"}
    assert "Authorization" not in rsps.calls[1].request.headers
    assert rsps.calls[2].request.headers["Authorization"] == "Bearer access-2"
    assert tokens == {api.ACCESS_KEY: "access-2", api.REFRESH_KEY: "refresh-2"}


def test_request_refresh_refused_signs_out(rsps, client, tokens):
    rsps.get(f"{URL}/users/me/", status=401)
    rsps.post(f"{URL}/token/refresh/", status=401, json={"detail": "Token is blacklisted"})

    with pytest.raises(api.SignedOut):
        client.me()

    assert len(rsps.calls) == 2
    assert tokens == {}


def test_request_without_refresh_token_signs_out_without_refreshing(rsps, tokens):
    del tokens[api.REFRESH_KEY]
    rsps.get(f"{URL}/users/me/", status=401)

    with pytest.raises(api.SignedOut):
        api.Api(tokens, url=URL).me()

    assert len(rsps.calls) == 1
    assert tokens == {}


def test_request_retry_still_401_signs_out(rsps, client, tokens):
    rsps.get(f"{URL}/users/me/", status=401)
    rsps.post(f"{URL}/token/refresh/", json={"access": "access-2", "refresh": "refresh-2"})
    rsps.get(f"{URL}/users/me/", status=401)

    with pytest.raises(api.SignedOut):
        client.me()

    assert len(rsps.calls) == 3
    assert tokens == {}


def test_request_not_signed_in_raises_without_http(rsps):
    with pytest.raises(api.SignedOut):
        api.Api({}, url=URL).me()
    assert len(rsps.calls) == 0


def test_request_refresh_server_error_keeps_tokens(rsps, client, tokens):
    rsps.get(f"{URL}/users/me/", status=401)
    rsps.post(f"{URL}/token/refresh/", status=503)

    with pytest.raises(api.BackendUnavailable):
        client.me()

    assert tokens == {api.ACCESS_KEY: "access-1", api.REFRESH_KEY: "refresh-1"}


# ----------------------------------------------------------------- error mapping


def test_error_field_message_and_fields(rsps, client):
    error = _error(rsps, client, 400, json={"amount": ["Must be > 0."]})
    assert type(error) is api.ApiError
    assert error.message == str(error) == "Amount: Must be > 0."
    assert error.fields == {"amount": ["Must be > 0."]}
    assert error.status == 400


def test_error_field_label_humanised(rsps, client):
    error = _error(rsps, client, 400, json={"to_location": ["Required."]})
    assert error.message == "To location: Required."


def test_error_detail_passed_through(rsps, client):
    error = _error(rsps, client, 404, json={"detail": "Not found."})
    assert error.message == "Not found."
    assert error.status == 404


def test_error_non_field_errors_unprefixed(rsps, client):
    error = _error(rsps, client, 400, json={"non_field_errors": ["Pick two locations.", "Or one."]})
    assert error.message == "Pick two locations. Or one."


def test_error_nested_bulk_rows(rsps, client):
    error = _error(rsps, client, 400, json={"errors": {"0": {"amount": ["Must be > 0."]}}})
    assert error.message == "Row 0: Amount: Must be > 0."


def test_error_429_detail_passed_through(rsps, client):
    error = _error(rsps, client, 429, json={"detail": "Request was throttled. Expected in 42 seconds."})
    assert type(error) is api.ApiError
    assert error.message == "Request was throttled. Expected in 42 seconds."
    assert error.status == 429


def test_error_429_without_json_has_default_message(rsps, client):
    error = _error(rsps, client, 429, body="slow down")
    assert error.message == "Too many attempts; wait a minute and try again."


@pytest.mark.parametrize("status", [500, 503])
def test_error_server_error_is_backend_unavailable(rsps, client, status):
    error = _error(rsps, client, status, body="<html>oops</html>")
    assert isinstance(error, api.BackendUnavailable)
    assert error.status == status
    assert f"failed ({status})" in error.message


@pytest.mark.parametrize("answer", [{"body": "<html>Forbidden</html>"}, {"json": {}}])
def test_error_4xx_without_message_is_generic(rsps, client, answer):
    error = _error(rsps, client, 403, **answer)
    assert type(error) is api.ApiError
    assert error.message == "The Budget API refused the request (403)."
    assert error.fields == {}


def test_request_200_without_json_is_backend_unavailable(rsps, client):
    rsps.get(f"{URL}/users/me/", body="<html>proxy page</html>")
    with pytest.raises(api.BackendUnavailable, match="answered 200 without JSON"):
        client.me()


def test_request_204_returns_none(rsps, client):
    rsps.delete(f"{URL}/transactions/t1/", status=204)
    assert client.delete("transactions", "t1") is None
    assert rsps.calls[0].request.method == "DELETE"


# ----------------------------------------------------------------- timeouts and transport errors


def test_request_timeout_is_backend_unavailable(rsps, client):
    rsps.get(f"{URL}/users/me/", body=requests.Timeout())
    with pytest.raises(api.BackendUnavailable, match="did not answer in time"):
        client.me()


def test_request_connection_error_is_backend_unavailable(rsps, client):
    rsps.get(f"{URL}/users/me/", body=requests.ConnectionError())
    with pytest.raises(api.BackendUnavailable, match="cannot be reached"):
        client.me()


def test_request_passes_default_timeout(rsps, client):
    rsps.get(f"{URL}/users/me/", json={})
    client.me()
    assert rsps.calls[0].request.req_kwargs["timeout"] == api.TIMEOUT_SECONDS


def test_request_passes_configured_timeout(rsps, tokens):
    rsps.get(f"{URL}/users/me/", json={})
    api.Api(tokens, url=URL, timeout=3).me()
    assert rsps.calls[0].request.req_kwargs["timeout"] == 3


# ----------------------------------------------------------------- account


def test_sign_in_stores_both_tokens(rsps):
    tokens = {}
    rsps.post(f"{URL}/token/", json={"access": "a", "refresh": "r"})

    api.Api(tokens, url=URL).sign_in("ann@example.com", "pw")

    assert tokens == {api.ACCESS_KEY: "a", api.REFRESH_KEY: "r"}
    assert _body(rsps.calls[0]) == {"email": "ann@example.com", "password": "pw"}
    assert "Authorization" not in rsps.calls[0].request.headers


def test_sign_in_wrong_credentials(rsps):
    tokens = {}
    rsps.post(f"{URL}/token/", status=401, json={"detail": "No active account found"})

    with pytest.raises(api.ApiError) as info:
        api.Api(tokens, url=URL).sign_in("ann@example.com", "bad")

    assert type(info.value) is api.ApiError
    assert info.value.message == "Wrong email or password."
    assert info.value.status == 401
    assert tokens == {}


def test_sign_out_revokes_refresh_and_forgets_tokens(rsps, client, tokens):
    rsps.post(f"{URL}/auth/logout/", status=204)

    client.sign_out()

    assert len(rsps.calls) == 1
    assert _body(rsps.calls[0]) == {"refresh": "refresh-1"}
    assert rsps.calls[0].request.headers["Authorization"] == "Bearer access-1"
    assert tokens == {}


def test_sign_out_forgets_tokens_when_api_down(rsps, client, tokens):
    rsps.post(f"{URL}/auth/logout/", body=requests.ConnectionError())
    client.sign_out()
    assert tokens == {}


def test_sign_out_after_refresh_revokes_rotated_token(rsps, client, tokens):
    rsps.post(f"{URL}/auth/logout/", status=401)
    rsps.post(f"{URL}/token/refresh/", json={"access": "access-2", "refresh": "refresh-2"})
    rsps.post(f"{URL}/auth/logout/", status=204)

    client.sign_out()

    assert tokens == {}
    assert _body(rsps.calls[2]) == {"refresh": "refresh-2"}


def test_delete_account_forgets_tokens(rsps, client, tokens):
    rsps.delete(f"{URL}/users/me/", status=204)

    client.delete_account("pw")

    assert _body(rsps.calls[0]) == {"password": "pw"}
    assert tokens == {}


def test_delete_account_wrong_password_keeps_tokens(rsps, client, tokens):
    rsps.delete(f"{URL}/users/me/", status=400, json={"password": ["Wrong password."]})

    with pytest.raises(api.ApiError, match=r"^Password: Wrong password\.$"):
        client.delete_account("bad")

    assert tokens == {api.ACCESS_KEY: "access-1", api.REFRESH_KEY: "refresh-1"}


# ----------------------------------------------------------------- resources and reports


def test_list_all_follows_pages(rsps, client):
    rsps.get(f"{URL}/buckets/", json={"next": f"{URL}/buckets/?page=2", "results": [{"id": 1}]})
    rsps.get(f"{URL}/buckets/", json={"next": None, "results": [{"id": 2}]})

    assert client.list_all("buckets", include_archived=True) == [{"id": 1}, {"id": 2}]

    assert [c.request.params for c in rsps.calls] == [
        {"page": "1", "page_size": "500", "include_archived": "true"},
        {"page": "2", "page_size": "500", "include_archived": "true"},
    ]


def test_page_clean_drops_unset_and_spells_booleans(rsps, client):
    rsps.get(f"{URL}/transactions/", json={"results": []})

    client.page("transactions", search="", bucket=None, is_income=False, archived=True, amount_min=0)

    assert rsps.calls[0].request.params == {"is_income": "false", "archived": "true", "amount_min": "0"}


def test_export_transactions_returns_csv_and_passes_filters(rsps, client):
    csv = b"date,amount\n2024-03-01,12.50\n"
    rsps.get(f"{URL}/transactions/export/", body=csv, content_type="text/csv")

    assert client.export_transactions(month="2024-03", category=None) == csv

    request = rsps.calls[0].request
    assert request.params == {"month": "2024-03"}
    assert request.req_kwargs["timeout"] == api.EXPORT_TIMEOUT_SECONDS
    assert request.req_kwargs["stream"] is True


def test_export_transactions_error_is_api_error(rsps, client):
    rsps.get(f"{URL}/transactions/export/", status=400, json={"date_from": ["Enter a valid date."]})
    with pytest.raises(api.ApiError, match=r"^Date from: Enter a valid date\.$"):
        client.export_transactions(date_from="nope")


def test_report_hits_kind_with_period(rsps, client):
    rsps.get(f"{URL}/reports/monthly/", json={"month": "2024-03"})

    assert client.report("monthly", month="2024-03") == {"month": "2024-03"}

    assert rsps.calls[0].request.url == f"{URL}/reports/monthly/?month=2024-03"


def test_report_unknown_kind_raises_value_error(rsps, client):
    with pytest.raises(ValueError, match="Unknown report"):
        client.report("weekly")
    assert len(rsps.calls) == 0


def test_path_unknown_resource_raises_value_error(rsps, client):
    with pytest.raises(ValueError, match="Unknown resource"):
        client.page("accounts")
    with pytest.raises(ValueError, match="Unknown resource"):
        client.delete("accounts", "a1")
    assert len(rsps.calls) == 0


def test_crud_paths(rsps, client):
    rsps.post(f"{URL}/locations/", status=201, json={"id": "l2"})
    rsps.patch(f"{URL}/locations/l2/", json={"id": "l2", "name": "Bank"})
    rsps.delete(f"{URL}/transfers/t1/", status=204)

    assert client.create("locations", {"name": "Cash"}) == {"id": "l2"}
    assert client.update("locations", "l2", {"name": "Bank"}) == {"id": "l2", "name": "Bank"}
    assert client.delete("transfers", "t1") is None
    assert [_body(c) for c in rsps.calls[:2]] == [{"name": "Cash"}, {"name": "Bank"}]


def test_error_4xx_list_without_messages_is_generic(rsps, client):
    error = _error(rsps, client, 400, json=[])
    assert error.message == "The Budget API refused the request (400)."


def test_sign_in_answer_without_json_is_backend_unavailable(rsps, client, tokens):
    tokens.clear()
    rsps.post(f"{URL}/token/", body="<html>proxy</html>", status=200)
    with pytest.raises(api.BackendUnavailable, match="without JSON"):
        client.sign_in("a@example.com", "pw")
    assert tokens == {}


def test_refresh_answer_without_json_is_backend_unavailable(rsps, client):
    rsps.get(f"{URL}/locations/", status=401)
    rsps.post(f"{URL}/token/refresh/", body="oops", status=200)
    with pytest.raises(api.BackendUnavailable, match="without JSON"):
        client.page("locations")


# ----------------------------------------------------------------- a session from the cookie's refresh token


@pytest.mark.parametrize(
    ("answer", "resumed", "left"),
    [
        ({"json": {"access": "access-2", "refresh": "refresh-2"}}, True, ("access-2", "refresh-2")),
        ({"status": 401, "json": {"detail": "Token is blacklisted"}}, False, (None, None)),
    ],
)
def test_resume_from_refresh_token(rsps, answer, resumed, left):
    tokens = {api.ACCESS_KEY: "stale", api.REFRESH_KEY: "stale"}
    rsps.post(f"{URL}/token/refresh/", **answer)
    assert api.Api(tokens, url=URL).resume("refresh-old") is resumed
    assert _body(rsps.calls[0]) == {"refresh": "refresh-old"}
    assert (tokens.get(api.ACCESS_KEY), tokens.get(api.REFRESH_KEY)) == left


@pytest.mark.parametrize(
    "answer",
    [{"status": 503, "body": "down"}, {"body": requests.ConnectionError("refused")}],
    ids=["503", "down"],
)
def test_resume_with_api_unavailable_raises_and_leaves_no_half_session(rsps, answer):
    tokens = {}
    rsps.post(f"{URL}/token/refresh/", **answer)
    with pytest.raises(api.BackendUnavailable):
        api.Api(tokens, url=URL).resume("refresh-old")
    assert tokens == {}


HID = "e0000000-0000-0000-0000-000000000001"


@pytest.mark.parametrize(
    ("call", "method", "path"),
    [
        (lambda c: c.page("transactions", search="rent"), "GET", "transactions/"),
        (lambda c: c.create("locations", {"name": "ING"}), "POST", "locations/"),
        (lambda c: c.allocation(), "GET", "buckets/allocation/"),
        (lambda c: c.report("monthly", month="2024-05"), "GET", "reports/monthly/"),
        (lambda c: c.activity(action="transaction.created"), "GET", "activity/"),
    ],
)
def test_household_sent_on_collections_and_reports(rsps, tokens, call, method, path):
    rsps.add(method, f"{URL}/{path}", json={})
    call(api.Api(tokens, url=URL, household=HID))
    [sent] = rsps.calls
    assert f"household={HID}" in sent.request.url


def test_household_not_sent_on_detail_urls_or_when_unset(rsps, tokens):
    rsps.patch(f"{URL}/transactions/t-1/", json={})
    rsps.get(f"{URL}/locations/", json={"results": [], "next": None})
    api.Api(tokens, url=URL, household=HID).update("transactions", "t-1", {"description": "x"})
    api.Api(tokens, url=URL).page("locations")
    assert ["household" in c.request.url for c in rsps.calls] == [False, False]


def test_household_endpoints(rsps, client):
    base = f"{URL}/households/{HID}"
    rsps.get(f"{URL}/households/", json={"count": 1, "next": None, "results": [{"id": HID}]})
    rsps.post(f"{base}/invitations/", json={"link": "l"}, status=201)
    rsps.delete(f"{base}/members/u-1/", status=204)
    rsps.post(f"{URL}/invitations/accept/", json={"id": HID})
    rsps.delete(f"{base}/", status=204)
    assert client.households() == [{"id": HID}]
    assert client.invite(HID, "bo@example.com", "VIEWER") == {"link": "l"}
    client.member_remove(HID, "u-1")
    assert client.invitation_accept("tok") == {"id": HID}
    client.household_delete(HID, "Personal")
    bodies = [_body(c) if c.request.body else None for c in rsps.calls]
    assert bodies == [
        None,
        {"email": "bo@example.com", "role": "VIEWER"},
        None,
        {"token": "tok"},
        {"confirm": "Personal"},
    ]
