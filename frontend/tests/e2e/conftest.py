"""End-to-end fixtures: the real Streamlit pages (AppTest) against the real API (pytest-django's live_server).

`live_server` runs the Django API in a thread of this process; the pages reach it over HTTP with
real JWTs. That needs `transactional_db` (the server thread must see committed rows) and a file or
PostgreSQL database (the test settings make SQLite a file).
"""

import uuid
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from django.core.cache import cache
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from budget.ledger.models import Bucket, Category, Location

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"
PASSWORD = "Violet-Harbour-Lantern-91"
# A page run makes a few HTTP calls to the live server; generous, since CI machines can be slow.
RUN_TIMEOUT_SECONDS = 30
# The setup page's category kinds, as its select box shows them.
SIGN_LABELS = {"POSITIVE": "Income (positive)", "NEGATIVE": "Expense (negative)", "NEUTRAL": "Neutral"}
# ... and the Transactions page's category picker ("Salary (income)").
PICKER_KINDS = {"POSITIVE": "income", "NEGATIVE": "expense", "NEUTRAL": "neutral"}


@pytest.fixture(autouse=True)
def _fresh_caches(transactional_db):
    """Django's cache (throttles, reports) and Streamlit's (shared by every session) start and end empty.

    The auth throttle (20/minute per address) lives in Django's cache, and every request here comes
    from 127.0.0.1.
    """
    cache.clear()
    st.cache_data.clear()
    yield
    st.cache_data.clear()
    cache.clear()


@pytest.fixture
def password():
    """Every account's password: long and uncommon enough for Django's validators."""
    return PASSWORD


@pytest.fixture
def api_url(live_server, monkeypatch):
    url = f"{live_server.url}/api"
    monkeypatch.setenv("BUDGET_API_URL", url)
    return url


# AppTest runs every app under one session id; a browser gets its own. The session-scoped caches
# are keyed by it, so each Ui runs under an id of its own, as two browsers would.
_running_session = ["test session id"]


@pytest.fixture(autouse=True)
def _a_session_id_per_browser(monkeypatch):
    runner_init = LocalScriptRunner.__init__

    def init_with_own_session(self, *args, **kwargs):
        runner_init(self, *args, **kwargs)
        self._session_id = _running_session[0]

    monkeypatch.setattr(LocalScriptRunner, "__init__", init_with_own_session)


class Ui:
    """One browser session of the app: a thin layer of names over AppTest, failing loudly on errors."""

    def __init__(self, api_url: str):
        self.api_url = api_url
        self.at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_SECONDS)
        self.session_id = uuid.uuid4().hex

    # ------------------------------------------------------------ running and reading

    def run(self) -> AppTest:
        _running_session[0] = self.session_id
        self.at.run()
        self.assert_no_exception()
        return self.at

    def assert_no_exception(self) -> None:
        assert not self.at.exception, [e.value for e in self.at.exception]

    def assert_no_error(self) -> None:
        self.assert_no_exception()
        assert not self.at.error, [e.value for e in self.at.error]

    def open(self, page: str) -> AppTest:
        """Switch to app_pages/<page>.py, as the sidebar link does, and check it rendered cleanly."""
        self.at.switch_page(f"app_pages/{page}.py")
        self.run()
        self.assert_no_error()
        return self.at

    def texts(self, kind: str) -> list[str]:
        return [element.value for element in getattr(self.at, kind)]

    def metrics(self) -> dict[str, str]:
        return {metric.label: metric.value for metric in self.at.metric}

    def tables(self) -> list[pd.DataFrame]:
        """Every st.table, then every st.dataframe and st.data_editor on the page, each in order."""
        return [table.value for table in self.at.table] + [frame.value for frame in self.at.dataframe]

    def table(self, key: str) -> pd.DataFrame:
        """The data editor with this key."""
        return next(frame.value for frame in self.at.dataframe if frame.key == key)

    def submit(self, label: str) -> AppTest:
        """Press the (only) button labelled `label`: a form's submit button has no key of its own."""
        buttons = [button for button in self.at.button if button.label == label]
        assert len(buttons) == 1, f"{len(buttons)} buttons labelled {label!r}"
        buttons[0].click()
        return self.run()

    def choose(self, key: str, label: str, value=None) -> None:
        """Pick the option shown as `label` in a select box.

        AppTest keeps a label picked by index and formats it again with the page's format_func, which
        breaks for `dict.get` (it answers None for a label). Boxes over ids or codes therefore take
        the raw `value` (an id, "POSITIVE"), checked against the label the user would see.
        """
        box = self.at.selectbox(key=key)
        assert label in box.options, f"{label!r} not among {box.options}"
        if value is None:
            box.select_index(box.options.index(label))
        else:
            assert box.format_func(value) == label
            box.select(value)

    def household(self) -> str:
        """The id of the household the switcher shows (every page reads and writes it)."""
        return self.at.session_state["household"]

    def row_id(self, model, name: str) -> str:
        """The id of the shown household's active row called `name`: the raw option of an id picker."""
        row = model.objects.get(household_id=self.household(), name=name, is_archived=False)
        return str(row.id)

    # ------------------------------------------------------------ account

    def sign_up(self, email: str, full_name: str, password: str = PASSWORD) -> None:
        self.at.text_input(key="signup_full_name").input(full_name)
        self.at.text_input(key="signup_email").input(email)
        self.at.text_input(key="signup_password").input(password)
        self.at.text_input(key="signup_confirm").input(password)
        self.submit("Create account")
        self.assert_no_error()
        assert self.signed_in_as() == email

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        self.at.text_input(key="signin_email").input(email)
        self.at.text_input(key="signin_password").input(password)
        self.submit("Sign in")
        self.assert_no_error()
        assert self.signed_in_as() == email

    def sign_out(self) -> None:
        self.at.sidebar.button(key="app_sign_out").click()
        self.run()
        self.assert_no_error()
        assert self.signed_in_as() is None
        assert self.at.title[0].value == "Budget"  # the sign-in page

    def signed_in_as(self) -> str | None:
        profile = self.at.session_state.get("auth_user")
        return profile["email"] if profile else None

    # ------------------------------------------------------------ budget setup (on the setup page)

    def add_location(self, name: str) -> None:
        self.at.text_input(key="setup_location_name").input(name)
        self.submit("Add location")
        self.assert_no_error()
        assert f"Added location “{name}”." in self.texts("success")

    def add_bucket(self, name: str, share: str) -> None:
        self.at.text_input(key="setup_bucket_name").input(name)
        self.at.text_input(key="setup_bucket_share").input(share)
        self.submit("Add bucket")
        self.assert_no_error()
        assert f"Added bucket “{name}”." in self.texts("success")

    def add_category(self, name: str, kind: str) -> None:
        self.at.text_input(key="setup_category_name").input(name)
        self.choose("setup_category_sign", SIGN_LABELS[kind], kind)
        self.submit("Add category")
        self.assert_no_error()
        assert f"Added category “{name}”." in self.texts("success")

    # ------------------------------------------------------------ transactions (on the transactions page)

    def add_transaction(
        self,
        category: str,
        amount: str,
        description: str,
        location: str,
        bucket: str | None = None,
        split: bool = False,
    ) -> None:
        """Through the quick-add form in one submit; a split income (ticked by default) takes no bucket."""
        sign = Category.objects.get(household_id=self.household(), name=category).sign
        label = f"{category} ({PICKER_KINDS[sign]})"
        self.choose("transactions_add_category", label, self.row_id(Category, category))
        self.at.checkbox(key="transactions_add_split").set_value(split)
        self.at.text_input(key="transactions_add_amount").input(amount)
        self.at.text_input(key="transactions_add_description").input(description)
        self.choose("transactions_add_location", location, self.row_id(Location, location))
        if bucket is not None:
            self.choose("transactions_add_bucket", bucket, self.row_id(Bucket, bucket))
        self.submit("Add transaction")
        self.assert_no_error()
        assert f"Added “{description}”." in self.texts("success")


@pytest.fixture
def new_session(api_url):
    """Opens more browser sessions of the app, each on the sign-in page. They share Streamlit's cache."""

    def open_session() -> Ui:
        session = Ui(api_url)
        session.run()
        session.assert_no_error()
        assert session.signed_in_as() is None
        return session

    return open_session


@pytest.fixture
def ui(new_session):
    """A fresh browser session on the sign-in page."""
    return new_session()
