import logging
import socket

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    """A Redis cache on a port this test holds without listening: every call is refused, as with Redis
    down (a fixed "closed" port could be taken by some other process)."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
            }
        }
        yield


def test_sign_in_and_sign_up_work_with_the_cache_down_and_say_so_once(
    cache_down, anon_client, user, password, caplog
):
    """The throttle fails open: with no cache to count in, people can still sign in; the log says why."""
    with caplog.at_level(logging.WARNING, logger="budget.auth"):
        signed_in = anon_client.post(
            reverse("token-obtain"), {"email": user.email, "password": password}, format="json"
        )
    assert signed_in.status_code == 200
    throttle_lines = [r for r in caplog.records if "throttle" in r.getMessage()]
    assert [r.levelname for r in throttle_lines] == ["WARNING"]
    assert throttle_lines[0].exc_info is None

    signed_up = anon_client.post(
        reverse("register"), {"email": "new@example.com", "password": password}, format="json"
    )
    assert signed_up.status_code == 201


def test_health_still_says_503_with_the_cache_down(cache_down, anon_client):
    response = anon_client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
