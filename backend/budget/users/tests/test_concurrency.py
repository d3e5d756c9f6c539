import threading

import pytest
import requests
from django.db import connection, connections
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.users.models import User


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_with_one_email_make_one_account(password):
    """Both pass the 'is the email free' check at once; the database decides, the loser gets a 400."""
    barrier = threading.Barrier(2)
    statuses = []

    def register(email):
        try:
            barrier.wait(timeout=10)
            response = APIClient().post(
                reverse("register"), {"email": email, "password": password}, format="json"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(email,)) for email in ("race@example.com", "RACE@example.com")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [201, 400]
    assert User.objects.filter(email__iexact="race@example.com").count() == 1


def _post_all_at_once(requests_to_send: list[tuple[str, dict, dict]]) -> list[requests.Response]:
    """One real HTTP POST per (url, body, headers), each from its own thread, released together."""
    barrier = threading.Barrier(len(requests_to_send))
    responses: list[requests.Response | None] = [None] * len(requests_to_send)

    def send(index: int) -> None:
        url, body, headers = requests_to_send[index]
        barrier.wait(timeout=30)
        responses[index] = requests.post(url, json=body, headers=headers, timeout=60)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests_to_send))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(response is not None for response in responses)
    return responses


@pytest.fixture
def short_lived_connections(monkeypatch):
    """The live server's request threads close their connections, so the test database can be dropped."""
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)


ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to show"
)


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_one_refresh_token_sent_twenty_times_at_once_gives_at_most_one_new_pair(
    short_lived_connections, live_server, user
):
    url = live_server.url + reverse("token-refresh")
    for _round in range(30):
        refresh = str(RefreshToken.for_user(user))
        responses = _post_all_at_once([(url, {"refresh": refresh}, {})] * 20)

        statuses = sorted(response.status_code for response in responses)
        assert statuses.count(200) <= 1, statuses
        assert set(statuses) <= {200, 401}, statuses
        assert requests.post(url, json={"refresh": refresh}, timeout=30).status_code == 401


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_signing_out_and_refreshing_one_token_at_once_lets_exactly_one_spend_it(
    short_lived_connections, live_server, user
):
    refresh_url, logout_url = live_server.url + reverse("token-refresh"), live_server.url + reverse("logout")
    for _round in range(30):
        refresh = RefreshToken.for_user(user)
        signed_in = {"Authorization": f"Bearer {refresh.access_token}"}
        body = {"refresh": str(refresh)}
        responses = _post_all_at_once([(refresh_url, body, {})] * 5 + [(logout_url, body, signed_in)] * 5)

        statuses = [response.status_code for response in responses]
        assert sum(status in (200, 204) for status in statuses) == 1, statuses
        assert set(statuses[:5]) <= {200, 401}, statuses
        assert set(statuses[5:]) <= {204, 400}, statuses
