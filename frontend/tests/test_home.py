from pathlib import Path

import pytest
import requests
import responses
from streamlit.testing.v1 import AppTest

from budget_ui import api

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
HEALTH = f"{api.DEFAULT_API_URL}/health/"


@pytest.fixture(autouse=True)
def _api_url(monkeypatch):
    monkeypatch.setenv("BUDGET_API_URL", api.DEFAULT_API_URL)


@responses.activate
def test_home_says_connected_when_the_api_is_healthy():
    responses.get(HEALTH, json={"status": "ok", "database": "ok", "cache": "ok"})
    app = AppTest.from_file(APP).run()
    assert not app.exception
    assert app.title[0].value == "Budget"
    assert "Connected" in app.success[0].value


@responses.activate
def test_home_shows_one_banner_when_the_api_is_down():
    responses.get(HEALTH, body=requests.ConnectionError("refused"))
    app = AppTest.from_file(APP).run()
    assert not app.exception
    assert "cannot be reached" in app.error[0].value


@responses.activate
def test_health_reports_the_failing_part():
    responses.get(HEALTH, status=503, json={"status": "failing: cache", "database": "ok", "cache": "error"})
    with pytest.raises(api.BackendUnavailable, match="failing: cache"):
        api.health()
