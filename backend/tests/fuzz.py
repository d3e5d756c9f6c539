"""Schemathesis against a live API: every operation of /api/schema/, signed in, for a bounded time.

Usage: python backend/tests/fuzz.py [--seconds 150] [--keep]. Starts the API on a temporary SQLite
(like the browser check), signs up a user, makes a little ledger (a location, buckets summing to
100 %, a category of each sign, transactions and a transfer) so real ids exist, then runs
`st run` with the checks below. Path ids and the ids in bodies are drawn from that ledger most of
the time (random UUIDs the rest, which must answer 404). Exits non-zero on any server error or
answer the document does not declare. The temporary directory (database, API log, schemathesis
reports) stays with --keep or on failure.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

BACKEND = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ST = str(Path(PYTHON).with_name("st"))
EMAIL, PASSWORD = "fuzz@example.com", "Quiet-Meadow-Compass-47"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]


class FuzzFailed(Exception):
    """A step before or after schemathesis went wrong; the message says which."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_api(tmp: Path, port: int, database_url: str | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{tmp / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="false",  # production's error pages: a 500 is the JSON answer, as a client sees it
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ACCESS_TOKEN_MINUTES="60",  # outlives the run
        PYTHONUNBUFFERED="1",
    )
    for command in (["migrate", "--noinput"], ["createcachetable"]):
        done = subprocess.run(
            [PYTHON, "manage.py", *command], cwd=BACKEND, env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise FuzzFailed(f"manage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    with (tmp / "api.log").open("w") as log:
        return subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BACKEND,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for(url: str, api: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if api.poll() is not None:
            raise FuzzFailed(f"the API exited with {api.returncode} before it answered")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise FuzzFailed(f"the API did not answer at {url} within {seconds:.0f} s")


def seed(api: str) -> tuple[str, dict[str, list[str]]]:
    """Sign up, sign in and write a small ledger; the access token and the ids of each kind."""

    def call(method, path, expected, token=None, **body):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = requests.request(method, f"{api}{path}", json=body or None, headers=headers, timeout=30)
        if response.status_code != expected:
            raise FuzzFailed(f"{method} {path} answered {response.status_code}: {response.text[:500]}")
        return response.json()

    call("POST", "/auth/register/", 201, email=EMAIL, password=PASSWORD, full_name="Fuzz")
    token = call("POST", "/token/", 200, email=EMAIL, password=PASSWORD)["access"]

    def make(path, **body):
        return call("POST", path, 201, token, **body)["id"]

    ids: dict[str, list[str]] = {
        name: [] for name in ("location", "bucket", "category", "transaction", "transfer")
    }
    ids["location"] = [make("/locations/", name="Cash"), make("/locations/", name="Bank")]
    ids["bucket"] = [
        make("/buckets/", name="Needs", allocation_percentage="60.00"),
        make("/buckets/", name="Fun", allocation_percentage="40.00"),
    ]
    salary = make("/categories/", name="Salary", sign="POSITIVE")
    food = make("/categories/", name="Food", sign="NEGATIVE")
    loan = make("/categories/", name="Loan", sign="NEUTRAL")
    ids["category"] = [salary, food, loan]
    cash, bank = ids["location"]
    needs, fun = ids["bucket"]
    day = "2024-03-15"
    ids["transaction"] = [
        make("/transactions/", date=day, description="Pay", amount="3000.00", category=salary,
             location=bank, split_income=True),
        make("/transactions/", date=day, description="Bread", amount="4.50", category=food,
             location=cash, bucket=needs),
        make("/transactions/", date=day, description="Lent", amount="-20.00", category=loan,
             location=cash, bucket=fun),
    ]  # fmt: skip
    transfer = {
        "date": day,
        "amount": "10.00",
        "from_location": bank,
        "from_bucket": needs,
        "to_location": cash,
    }
    ids["transfer"] = [make("/transfers/", description="To cash", **transfer)]
    ids["spare_transfer"] = [make("/transfers/", description=f"Spare {n}", **transfer) for n in range(5)]
    expense = {"date": day, "amount": "1.00", "category": food, "location": cash, "bucket": fun}
    ids["spare_transaction"] = [
        make("/transactions/", description=f"Spare {n}", **expense) for n in range(10)
    ]
    ids["budget"] = [make("/budgets/", category=food, period="MONTH", amount="100.00", starts="2024-01")]
    return token, ids


REFS = {"category": "category", "location": "location", "bucket": "bucket"}
TRANSFER_REFS = {
    "from_location": "location",
    "to_location": "location",
    "from_bucket": "bucket",
    "to_bucket": "bucket",
}
# (path, method) -> {parameter: dictionary of ids}. DELETE of a transaction or a transfer really
# deletes: it draws from spare rows, so the others stay for GET, PUT and PATCH.
BINDINGS = {
    **{
        (f"/api/{path}/{{id}}/", method): {"path.id": kind}
        for kind, path in (("location", "locations"), ("bucket", "buckets"), ("category", "categories"))
        for method in ("GET", "PUT", "PATCH", "DELETE")
    },
    ("/api/transactions/", "POST"): {f"body.{key}": kind for key, kind in REFS.items()},
    ("/api/transactions/bulk/", "POST"): {f"body.[*].{key}": kind for key, kind in REFS.items()},
    **{
        ("/api/transactions/{id}/", method): {
            "path.id": "transaction",
            **{f"body.{k}": v for k, v in REFS.items()},
        }
        for method in ("PUT", "PATCH")
    },
    ("/api/transactions/{id}/", "GET"): {"path.id": "transaction"},
    ("/api/transactions/{id}/", "DELETE"): {"path.id": "spare_transaction"},
    ("/api/transfers/", "POST"): {f"body.{key}": kind for key, kind in TRANSFER_REFS.items()},
    ("/api/transfers/{id}/", "GET"): {"path.id": "transfer"},
    ("/api/transfers/{id}/", "DELETE"): {"path.id": "spare_transfer"},
    ("/api/budgets/", "POST"): {"body.category": "category"},
    **{
        (path, method): {"path.id": "budget"}
        for path, method in (
            ("/api/budgets/{id}/", "GET"),
            ("/api/budgets/{id}/", "PATCH"),
            ("/api/budgets/{id}/", "DELETE"),
            ("/api/budgets/{id}/history/", "GET"),
        )
    },
}


def config(token: str, ids: dict[str, list[str]]) -> str:
    """schemathesis.toml: the token on every request; path and body ids drawn from the ledger."""
    lines = [f'headers = {{ Authorization = "Bearer {token}" }}', ""]
    for kind, values in ids.items():
        lines += [f"[dictionaries.{kind}]", f"values = {json.dumps(values)}", ""]
    for (path, method), bindings in BINDINGS.items():
        pairs = ", ".join(
            f'"{key}" = {{ dictionary = "{kind}", probability = 0.8 }}' for key, kind in bindings.items()
        )
        # One filter: an entry's filters are alternatives, not all required.
        lines += ["[[operations]]", f'include-name = "{method} {path}"']
        lines += [f"parameters = {{ {pairs} }}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=150, help="schemathesis' time budget (default 150)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--database-url", help="an empty database to use instead of a temporary SQLite (its data stays)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="budget-fuzz-"))
    port = free_port()
    api = None
    ok = False
    started = time.monotonic()
    try:
        api = start_api(tmp, port, args.database_url)
        wait_for(f"http://127.0.0.1:{port}/api/health/", api)
        token, ids = seed(f"http://127.0.0.1:{port}/api")
        (tmp / "schemathesis.toml").write_text(config(token, ids))
        command = [
            ST,
            "--config-file",
            str(tmp / "schemathesis.toml"),
            "run",
            f"http://127.0.0.1:{port}/api/schema/",
            "--url",
            f"http://127.0.0.1:{port}",
            "--checks",
            ",".join(CHECKS),
            "--max-time",
            str(args.seconds),
            "--workers",
            "1",  # one SQLite writer: lock waits are not what this run looks for
            "--seed",
            os.environ.get("FUZZ_SEED", str(secrets.randbelow(2**31))),
            "--generation-database",
            "none",
            "--suppress-health-check",
            "all",
            "--report",
            "ndjson,junit",
            "--report-dir",
            str(tmp / "report"),
            "--no-color",
        ]
        print("== " + " ".join(command).replace(token, "<token>"), flush=True)
        fuzz_started = time.monotonic()
        done = subprocess.run(command, cwd=tmp)
        elapsed = time.monotonic() - fuzz_started
        errors_logged = (tmp / "api.log").read_text(errors="replace").count(" ERROR ")
        print(
            f"== fuzz: schemathesis exit {done.returncode} after {elapsed:.0f} s "
            f"({time.monotonic() - started:.0f} s in all); ERROR lines in the API log: {errors_logged}"
        )
        ok = done.returncode == 0 and errors_logged == 0
        if ok and not args.keep:
            print("== fuzz: passed; the reports above go with the temporary directory (--keep keeps them)")
        return 0 if ok else 1
    except FuzzFailed as exc:
        print(f"fuzz: {exc}", file=sys.stderr)
        return 1
    finally:
        if api is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(api.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                api.wait(10)
            if api.poll() is None:
                os.killpg(api.pid, signal.SIGKILL)
        if ok and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"fuzz: kept {tmp} (api.log, schemathesis.toml, report/)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
