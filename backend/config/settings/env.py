"""Reading configuration from the environment.

Every variable has an embedded default (see .env.example), so an empty
environment runs the whole system on SQLite with no other services.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    """The variable's text, or None when it is unset or empty (both mean: use the default)."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_str(name: str, default: str = "") -> str:
    return _raw(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (_raw(name) or default).split(",") if item.strip()]


# SQLite needs IMMEDIATE transactions (so select_for_update-style locking and
# concurrent writers work instead of failing with "database is locked") and WAL
# (so readers do not block the writer, e.g. the API while the worker writes).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def database_config(url: str | None, default_sqlite_path: Path) -> dict:
    """Django DATABASES["default"] for a DATABASE_URL (None or empty: the SQLite file)."""
    if not url:
        url = f"sqlite:///{default_sqlite_path}"
    scheme = url.split(":", 1)[0].lower()
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or sqlite:///, not {scheme}://."
        )
    config = dj_database_url.parse(url, conn_max_age=0 if scheme == "sqlite" else 60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email_config(url: str | None) -> dict:
    """Django's EMAIL_* settings for an EMAIL_URL (None or empty: the console backend).

    `smtp://user:password@host:587?tls=true` (STARTTLS), `smtps://user:password@host:465` (SSL),
    `console://`, `locmem://`, `dummy://`. User and password are percent-decoded.
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    if not url:
        url = "console://"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(f'{s}://' for s in EMAIL_BACKENDS)}, not {scheme}://."
        )
    config = {"EMAIL_BACKEND": EMAIL_BACKENDS[scheme]}
    if scheme not in {"smtp", "smtps"}:
        return config
    query = {key.lower(): values[-1].strip().lower() for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"tls", "ssl", "timeout"}
    if unknown:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown option(s) {', '.join(sorted(unknown))}; use tls, ssl, timeout."
        )

    def flag(name: str, default: bool) -> bool:
        if name not in query:
            return default
        if query[name] not in TRUE_WORDS | FALSE_WORDS:
            raise ImproperlyConfigured(f"EMAIL_URL: {name} must be true or false, not {query[name]!r}.")
        return query[name] in TRUE_WORDS

    try:
        port = parts.port
        timeout = int(query["timeout"]) if "timeout" in query else 10
    except ValueError as exc:
        raise ImproperlyConfigured(f"EMAIL_URL: the port and timeout must be whole numbers ({exc}).") from exc
    if not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL: name the SMTP host, e.g. smtp://user:password@host:587?tls=true."
        )
    use_ssl = flag("ssl", scheme == "smtps")
    use_tls = flag("tls", False)
    if use_ssl and use_tls:
        raise ImproperlyConfigured("EMAIL_URL: use tls (STARTTLS, port 587) or ssl (port 465), not both.")
    config.update(
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or (465 if use_ssl else 587 if use_tls else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=use_tls,
        EMAIL_USE_SSL=use_ssl,
        EMAIL_TIMEOUT=timeout,
    )
    return config
