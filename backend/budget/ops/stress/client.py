"""HTTP for `manage.py stress`: one signed-in owner, a session per writer, every status counted.

Money and percentages are parsed as Decimal (JSON numbers too), never float.
"""

import ipaddress
import threading
import time
from collections import Counter, defaultdict
from decimal import Decimal
from urllib.parse import urlsplit

import requests

# Connection failures and timeouts are counted under this pseudo-status (they fail the run, as a
# 5xx does: a server that drops requests under load is as broken as one that answers 500).
NO_ANSWER = "no answer"


def loopback_url(url: str) -> str:
    """The URL without a trailing slash, if it names this machine; a load tool aims nowhere else."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if parts.scheme not in ("http", "https") or not local:
        raise ValueError(f"{url!r} is not an http(s) URL on 127.0.0.1 (or localhost, ::1).")
    return url.rstrip("/")


class Recorder:
    """Statuses per operation kind, shared by every writer."""

    def __init__(self):
        self._lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.failures: list[str] = []  # the first few bodies of 5xx answers, to say what broke

    def record(self, kind: str, status, detail: str = "") -> None:
        with self._lock:
            self.statuses[kind][status] += 1
            if (status == NO_ANSWER or status >= 500) and len(self.failures) < 5:
                self.failures.append(f"{kind}: {status} {detail[:300]}")

    def totals(self) -> Counter:
        with self._lock:
            return sum(self.statuses.values(), Counter())

    def server_errors(self) -> int:
        return sum(n for status, n in self.totals().items() if status == NO_ANSWER or status >= 500)


class Auth:
    """The owner's token pair. On a 401 one writer refreshes it and the others reuse the new one:
    refresh tokens are single-use, so N writers must not each send the same one."""

    def __init__(self, base: str, access: str, refresh: str):
        self.base, self.access, self._refresh = base, access, refresh
        self._lock = threading.Lock()

    def renew(self, seen: str, session: requests.Session, timeout: float) -> bool:
        with self._lock:
            if self.access != seen:
                return True
            response = session.post(
                f"{self.base}/api/token/refresh/", json={"refresh": self._refresh}, timeout=timeout
            )
            if response.status_code != 200:
                return False
            pair = response.json()
            self.access, self._refresh = pair["access"], pair.get("refresh", self._refresh)
            return True


def _json(response: requests.Response):
    if not response.content or "json" not in response.headers.get("Content-Type", ""):
        return None
    try:
        return response.json(parse_float=Decimal)
    except ValueError:
        return None


def sign_up(base: str, *, email: str, password: str, timeout: float, wait: float = 65) -> Auth:
    """Make the account (or use it when it exists) and sign in once. A 429 waits for Retry-After
    (at most `wait` seconds in all) instead of failing: the sign-in throttle is per address."""
    session = requests.Session()
    deadline = time.monotonic() + wait

    def post(path, body):
        while True:
            response = session.post(f"{base}{path}", json=body, timeout=timeout)
            if response.status_code != 429:
                return response
            pause = float(response.headers.get("Retry-After") or 5)
            if time.monotonic() + pause > deadline:
                raise RuntimeError(f"{path} is throttled (429) for longer than {wait:.0f} s.")
            time.sleep(pause)

    made = post("/api/auth/register/", {"email": email, "password": password, "full_name": "Stress"})
    if made.status_code not in (201, 400):
        raise RuntimeError(f"Sign-up answered {made.status_code}: {made.text[:300]}")
    pair = post("/api/token/", {"email": email, "password": password})
    if pair.status_code != 200:
        raise RuntimeError(f"Sign-in answered {pair.status_code}: {pair.text[:300]}")
    tokens = pair.json()
    return Auth(base, tokens["access"], tokens["refresh"])


class Client:
    """One writer's session. `call` records the status under `kind` and returns (status, JSON)."""

    def __init__(self, base: str, auth: Auth, recorder: Recorder, timeout: float):
        self.base, self.auth, self.recorder, self.timeout = base, auth, recorder, timeout
        self.session = requests.Session()
        self.sent = 0  # requests this session sent (an operation with nothing to act on sends none)

    def twin(self) -> "Client":
        """Another session of the same owner, to send a request at the same moment as this one."""
        return Client(self.base, self.auth, self.recorder, self.timeout)

    def call(self, kind: str, method: str, path: str, body=None, params=None):
        self.sent += 1
        for attempt in range(2):
            token = self.auth.access
            try:
                response = self.session.request(
                    method,
                    f"{self.base}{path}",
                    json=body,
                    params=params,
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=self.timeout,
                )
                if response.status_code != 401 or attempt:
                    break
                if not self.auth.renew(token, self.session, self.timeout):
                    break
            except requests.RequestException as exc:
                self.recorder.record(kind, NO_ANSWER, f"{type(exc).__name__}: {exc}")
                return None, None
        self.recorder.record(kind, response.status_code, response.text)
        return response.status_code, _json(response)

    def every(self, kind: str, path: str, **params) -> list:
        """Every row of a paginated list (500 a page, at most 200 pages)."""
        rows, page = [], 1
        while page <= 200:
            status, data = self.call(kind, "GET", path, params={**params, "page": page, "page_size": 500})
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}.")
            rows += data["results"]
            if not data.get("next"):
                return rows
            page += 1
        raise RuntimeError(f"GET {path} has more than 100,000 rows.")
