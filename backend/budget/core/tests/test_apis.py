import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from budget.core import health

pytestmark = pytest.mark.django_db

HEALTH = reverse("health")


def test_health_checks_database_and_cache(anon_client):
    response = anon_client.get(HEALTH)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.parametrize("part", ["database", "cache"])
def test_health_names_the_failing_part_with_503(anon_client, monkeypatch, part):
    def broken():
        raise ConnectionError("down")

    monkeypatch.setitem(health.CHECKS, part, broken)
    response = anon_client.get(HEALTH)
    assert response.status_code == 503
    body = response.json()
    assert body[part] == "error"
    assert part in body["status"]
    assert "down" not in str(body)


def test_unknown_api_path_is_a_json_404(anon_client):
    response = anon_client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unknown_api_path_is_a_json_404_for_writes_too(method):
    """A real client has no CSRF cookie; the test client skips CSRF checks unless told to."""
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)("/api/auth/token/", {"email": "a@example.com"}, "application/json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_schema_is_served_without_a_token(anon_client):
    response = anon_client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/api/token/" in response.json()["paths"]


def test_swagger_ui_is_served_from_the_sidecar(anon_client):
    response = anon_client.get(reverse("docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every guessed or missing type into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3")
