"""Fixtures for the frontend tests: the API's address, an empty Streamlit cache, a mocked API.

`responses` patches `requests` for the whole process, so it also answers the thread AppTest runs
the script in. Streamlit's cache is process-global: it is cleared around every test so one test's
answers never reach another.
"""

import pytest
import responses
import streamlit as st

from tests import answers as a
from tests.helpers import API, open_page


@pytest.fixture(autouse=True)
def _app_environment(request, monkeypatch):
    """Every frontend test talks to http://api.test/api and starts and ends with an empty cache.

    The live-server tests under e2e/ choose their own address, so theirs is left alone.
    """
    if "e2e" not in request.node.path.parts:
        monkeypatch.setenv("BUDGET_API_URL", API)
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def api():
    """A `responses` mock of the API; answers registered for a page need not all be used.

    The sidebar's switcher lists the households on every signed-in page: by default one, Personal,
    where the user is owner; `helpers.households_answer` replaces it. The sidebar also counts the
    unread notifications: none by default.
    """
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{API}/households/", json=a.paginated([a.household()]))
        mock.get(f"{API}/notifications/", json=a.paginated([]))  # the sidebar's unread count
        yield mock


@pytest.fixture
def signed_in():
    """`signed_in("overview")`: a run AppTest on app_pages/overview.py for the default user."""
    return open_page
