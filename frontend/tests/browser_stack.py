"""The browser check's stack: the API, the worker and Streamlit as processes, and the seeded account."""

import contextlib
import datetime
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
EMAIL, PASSWORD = "browser@example.com", "Violet-Harbour-Lantern-91"


class CheckFailed(Exception):
    """A step of the check went wrong; the message says which."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """The API, the worker and Streamlit, each in its own process group and logging to tmp/<name>.log."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.api_port, self.ui_port = free_port(), free_port()
        self.api = f"http://127.0.0.1:{self.api_port}/api"
        self.ui = f"http://127.0.0.1:{self.ui_port}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        self.env.update(
            DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
            DJANGO_SETTINGS_MODULE="config.settings.local",
            DEBUG="true",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            Q_WORKERS="1",
            BUDGET_API_URL=self.api,
            PYTHONUNBUFFERED="1",
        )
        self.procs: dict[str, subprocess.Popen] = {}

    def manage(self, *args: str) -> None:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT / "backend", env=self.env, capture_output=True, text=True
        )
        if done.returncode:
            raise CheckFailed(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")

    def start(self, name: str, args: list[str], cwd: Path) -> None:
        with (self.tmp / f"{name}.log").open("w") as log:
            self.procs[name] = subprocess.Popen(
                args, cwd=cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def up(self) -> None:
        """Migrate, start the three processes and wait until the API and Streamlit answer."""
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        backend = ROOT / "backend"
        runserver = ["runserver", "--noreload", f"127.0.0.1:{self.api_port}"]
        self.start("api", [PYTHON, "manage.py", *runserver], backend)
        self.start("worker", [PYTHON, "manage.py", "qcluster"], backend)
        # As `make frontend` runs it: server.py's st.App (the cookie's route), .streamlit/config.toml.
        streamlit = [PYTHON, "-m", "streamlit", "run", "frontend/server.py"]
        streamlit += [f"--server.port={self.ui_port}", "--server.fileWatcherType=none"]
        self.start("streamlit", streamlit, ROOT)
        self.wait_for(f"{self.api}/health/", "the API")
        self.wait_for(f"{self.ui}/_stcore/health", "Streamlit")

    def wait_for(self, url: str, what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise CheckFailed(f"{name} exited with {proc.returncode} before {what} answered.")
            with contextlib.suppress(requests.RequestException):
                if requests.get(url, timeout=2).status_code == 200:
                    return
            time.sleep(0.3)
        raise CheckFailed(f"{what} did not answer at {url} within {seconds:.0f} s.")

    def tails(self, n: int = 25) -> str:
        logs = {name: (self.tmp / f"{name}.log").read_text(errors="replace") for name in self.procs}
        return "".join(
            f"--- {name}.log, last {n} lines:\n" + "\n".join(text.splitlines()[-n:]) + "\n"
            for name, text in logs.items()
        )

    def down(self) -> None:
        """Terminate every process group; kill what still runs ten seconds later."""
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def seed(api: str) -> requests.Session:
    """One account with two locations, two buckets, three categories and this month's entries.

    Answers the HTTP session, signed in as that account, to check later writes through the API.
    """
    http = requests.Session()

    def post(path: str, body: dict, status: int = 201) -> dict:
        response = http.post(f"{api}/{path}", json=body, timeout=10)
        if response.status_code != status:
            raise CheckFailed(f"POST /api/{path} answered {response.status_code}: {response.text}")
        return response.json()

    post("auth/register/", {"email": EMAIL, "password": PASSWORD, "full_name": "Browser Check"})
    access = post("token/", {"email": EMAIL, "password": PASSWORD}, status=200)["access"]
    http.headers["Authorization"] = f"Bearer {access}"
    loc = {name: post("locations/", {"name": name})["id"] for name in ("Cash", "Bank")}
    shares = (("Necessities", 60), ("Savings", 40))
    bucket = {name: post("buckets/", {"name": name, "allocation_percentage": n})["id"] for name, n in shares}
    signs = (("Salary", "POSITIVE"), ("Rent", "NEGATIVE"), ("Groceries", "NEGATIVE"))
    cat = {name: post("categories/", {"name": name, "sign": sign})["id"] for name, sign in signs}
    today = datetime.date.today().isoformat()
    for name, amount, where, into in (
        ("Salary", "3000.00", "Bank", None),
        ("Rent", "900.00", "Bank", "Necessities"),
        ("Groceries", "123.45", "Cash", "Necessities"),
    ):
        body = {"date": today, "description": name, "amount": amount, "category": cat[name]}
        body |= {"location": loc[where], "bucket": bucket.get(into), "split_income": not into}
        post("transactions/", body)

    def get(path: str, **params) -> dict:
        return http.get(f"{api}/{path}", params=params, timeout=10).json()

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        split = get("transactions/", split_income="true")["results"]
        if split and all(row["allocation_status"] == "ALLOCATED" for row in split):
            break
        time.sleep(0.5)
    else:
        raise CheckFailed("The worker did not allocate the split income within 60 s.")
    current = get("reports/current/")
    balances = {row["name"]: row["balance"] for row in current["locations"] + current["buckets"]}
    expected = {"Bank": "2100.00", "Cash": "-123.45", "Necessities": "776.55", "Savings": "1200.00"}
    if current["balance"]["net"] != "1976.55" or balances != expected:
        raise CheckFailed(f"The API's current report is not what was seeded: {current}")
    return http
