"""pytest: the same engines as configured (SQLite or PostgreSQL + Redis), tasks inline."""

from pathlib import Path
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, Q_CLUSTER, REDIS_URL

SECRET_KEY = "test-only-not-a-secret-but-long-enough-for-hmac-sha256"
DEBUG = False
ALLOWED_HOSTS = ["*"]

# A file, not SQLite's in-memory default, so a live server and a worker process
# can share the test database.
# Named after the configured file (db.sqlite3 -> test-db.sqlite3), so two checkouts or runs with
# different DATABASE_URLs never share one.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _db = Path(DATABASES["default"]["NAME"])
    DATABASES["default"]["TEST"] = {"NAME": str(_db.with_name(f"test-{_db.name}"))}

# Tests clear the cache between tests; on Redis that is FLUSHDB, so they use database 15 of the
# configured server and never flush the cache or queue of an instance running beside them.
CACHES["default"]["KEY_PREFIX"] = "budget-test"
if REDIS_URL:
    CACHES["default"]["LOCATION"] = urlsplit(REDIS_URL)._replace(path="/15").geturl()

# django-q2 reads `sync` at start-up, so it is set here, not with override_settings.
Q_CLUSTER["sync"] = True
# Its own queue and cluster status keys, apart from a qcluster running beside the tests.
Q_CLUSTER["name"] = "budget-test"

# No collectstatic in tests: WhiteNoise looks files up per request instead of at start-up.
WHITENOISE_AUTOREFRESH = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

INSTALLED_APPS = [*INSTALLED_APPS, "budget.core.tests.testapp"]  # noqa: F405
