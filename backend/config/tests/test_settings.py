import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.settings.env import database_config, env_bool, env_int, env_list

BACKEND = Path(__file__).resolve().parents[2]


def load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    """Import a settings module in a clean interpreter with exactly these variables."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
        "'cache': settings.CACHES['default']['BACKEND'], 'q': sorted(settings.Q_CLUSTER)}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BACKEND,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_database_url_selects_postgresql():
    result = load_settings(
        "config.settings.local",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/budget",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert "redis" in loaded["q"]
    assert "orm" not in loaded["q"]


def test_no_variables_means_embedded_defaults():
    result = load_settings("config.settings.local")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert "orm" in loaded["q"]


@pytest.mark.parametrize(
    ("env", "missing"),
    [({"ALLOWED_HOSTS": "budget.example.com"}, "SECRET_KEY"), ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS")],
)
def test_production_refuses_to_start_without_secret_and_hosts(env, missing):
    result = load_settings("config.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_starts_with_secret_and_hosts():
    result = load_settings(
        "config.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="budget.example.com"
    )
    assert result.returncode == 0, result.stderr


def test_database_config_for_sqlite_uses_immediate_transactions_and_wal(tmp_path):
    config = database_config(f"sqlite:///{tmp_path}/budget.sqlite3", tmp_path / "unused.sqlite3")
    assert config["NAME"] == f"{tmp_path}/budget.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database_config_defaults_to_the_sqlite_file(tmp_path):
    config = database_config("", tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_database_config_refuses_unknown_engines(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="postgres://"):
        database_config("mysql://root@localhost/budget", tmp_path / "db.sqlite3")


def test_env_bool_refuses_words_it_does_not_know(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


@pytest.mark.django_db
def test_tests_run_on_the_configured_engine():
    """CI runs the suite twice; this proves the second run really is on PostgreSQL and Redis."""
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    redis = bool(os.environ.get("REDIS_URL"))
    assert ("Redis" in settings.CACHES["default"]["BACKEND"]) is redis
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"


def test_env_example_lists_every_variable_the_code_reads():
    root = BACKEND.parent
    sources = [
        *(BACKEND / "config" / "settings").glob("*.py"),
        *(BACKEND / "budget").glob("*/management/commands/*.py"),
        BACKEND / "config" / "healthcheck.py",
        root / "frontend" / "budget_ui" / "api.py",
    ]
    pattern = re.compile(r"""(?:env_\w+|os\.environ\.get)\(\s*"([A-Z][A-Z0-9_]*)\"""")
    read = {name for source in sources for name in pattern.findall(source.read_text())}
    # Compose files read variables too (${NAME}, ${NAME:-default}, ${NAME:?message}).
    compose = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")
    read |= {name for path in root.glob("docker-compose*.yml") for name in compose.findall(path.read_text())}
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (root / ".env.example").read_text(), re.MULTILINE))
    assert read - {"DJANGO_SETTINGS_MODULE"}, "the pattern found nothing: the test would pass vacuously"
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"
    assert listed - read <= {"DJANGO_SETTINGS_MODULE"}, (
        f"listed but never read: {sorted(listed - read - {'DJANGO_SETTINGS_MODULE'})}"
    )


def test_empty_variables_mean_the_default(monkeypatch):
    monkeypatch.setenv("DEBUG", "")
    monkeypatch.setenv("Q_WORKERS", " ")
    assert env_bool("DEBUG", True) is True
    assert env_int("Q_WORKERS", 2) == 2
    assert env_list("ALLOWED_HOSTS_UNSET", "a,b") == ["a", "b"]


def test_production_settings_pass_the_deploy_checks():
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BACKEND,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "a-long-random-production-key-" + "k9Xq2" * 10,
            "ALLOWED_HOSTS": "budget.example.com",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
