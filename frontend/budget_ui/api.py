"""The one module that speaks HTTP to the Budget API. Pages never build URLs."""

import os

import requests

DEFAULT_API_URL = "http://127.0.0.1:8000/api"
TIMEOUT_SECONDS = 10


class ApiError(Exception):
    """An answer the user should read: the API's own message, or why it could not be reached."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status


class BackendUnavailable(ApiError):
    pass


def base_url() -> str:
    return os.environ.get("BUDGET_API_URL", DEFAULT_API_URL).rstrip("/")


def health() -> dict:
    """The API's health report; BackendUnavailable when it cannot be reached or is failing."""
    try:
        response = requests.get(f"{base_url()}/health/", timeout=TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise BackendUnavailable(f"The Budget API at {base_url()} cannot be reached.") from exc
    try:
        body = response.json()
    except ValueError as exc:
        raise BackendUnavailable(f"The Budget API answered {response.status_code} without JSON.") from exc
    if response.status_code != 200:
        status = body.get("status") if isinstance(body, dict) else None
        raise BackendUnavailable(f"The Budget API is not healthy: {status or response.status_code}.")
    return body
