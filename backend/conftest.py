import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

# Autouse: every answer a test client receives is checked against the OpenAPI document.
from budget.core.testing_schema import check_responses_against_schema  # noqa: F401

PASSWORD = "correct-horse-battery-9"


DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """The cache (database table or Redis) outlives a test; throttles and reports must not.

    Only tests that may touch the database clear it: the database cache lives there.
    """
    if request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames):
        cache.clear()


@pytest.fixture
def orm_broker(monkeypatch):
    """Tests run tasks inline (sync); with this they go through the ORM broker, whatever REDIS_URL says.

    Run what is queued with `budget.core.testing.run_worker_once(orm_broker)`.
    """
    from django_q.brokers.orm import ORM
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", "default")
    monkeypatch.setattr(Conf, "BROKER_CLASS", None)
    broker = ORM(list_key=Conf.CLUSTER_NAME)
    broker.delete_queue()
    yield broker
    broker.delete_queue()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def make_user(db):
    from budget.users.services import user_create

    def make(email="ana@example.com", **fields):
        return user_create(email=email, password=fields.pop("password", PASSWORD), **fields)

    return make


@pytest.fixture
def user(make_user):
    return make_user("ana@example.com", full_name="Ana Popescu")


@pytest.fixture
def other_user(make_user):
    return make_user("bob@example.com", full_name="Bob Ionescu")


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture
def api_client(user):
    """A client signed in as `user` with a real access token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


@pytest.fixture
def tasks_enqueued(monkeypatch):
    """The dotted names of the tasks enqueued from here on (they still run, inline, as in sync mode)."""
    from budget.ledger.services import transactions
    from budget.reports import receivers

    names = []
    for module in (transactions, receivers):
        original = module.async_task

        def record(func, *args, _original=original, **kwargs):
            names.append(func)
            return _original(func, *args, **kwargs)

        monkeypatch.setattr(module, "async_task", record)
    return names
