"""Real-browser check: the API, the worker and Streamlit on a temporary SQLite, driven by headless Chromium.

Usage: python frontend/tests/browser_check.py [--keep]. Seeds an account through the HTTP API, signs in,
asserts the numbers on the pages and saves screenshots to docs/screenshots/. Debian's `chromium`, never a
Playwright download. The temporary directory (database, logs, failure.png) stays with --keep or on failure.
"""

import argparse
import contextlib
import datetime
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
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SHOTS = ROOT / "docs" / "screenshots"
EMAIL, PASSWORD = "browser@example.com", "Violet-Harbour-Lantern-91"
TIMEOUT_MS = 30_000
WIDTH, HEIGHT = 1400, 1000
NET, INCOME, SPENT = "1,976.55 EUR", "3,000.00 EUR", "1,023.45 EUR"


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
        streamlit = [PYTHON, "-m", "streamlit", "run", "frontend/streamlit_app.py", "--server.headless=true"]
        streamlit += [f"--server.port={self.ui_port}", "--server.fileWatcherType=none"]
        streamlit += ["--browser.gatherUsageStats=false", "--client.toolbarMode=minimal"]
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


def seed(api: str) -> None:
    """One account with two locations, two buckets, three categories and this month's entries."""
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


def settle(page: Page) -> None:
    """Wait until Streamlit's run is over and every visible chart and table has drawn; no error shown."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    for testid, drawn in (("stPlotlyChart", ".main-svg"), ("stDataFrame", "canvas table")):
        boxes = page.get_by_test_id(testid).filter(visible=True)
        for index in range(boxes.count()):
            expect(boxes.nth(index).locator(drawn).first).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def shot(page: Page, name: str) -> None:
    """The whole page: the viewport grows to the height of Streamlit's (scrolling) main area."""
    settle(page)
    page.mouse.move(WIDTH - 10, HEIGHT - 10)  # off the sidebar, whose collapse button shows on hover
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": max(HEIGHT, height)})
    page.screenshot(path=SHOTS / name, full_page=True)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    print(f"   saved docs/screenshots/{name}")


def visit(page: Page, title: str, link: str | None = None) -> None:
    """Follow the sidebar link (if any) and wait for the page, its title first, to finish drawing."""
    if link:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    settle(page)


def beside(page: Page, expected: dict[str, str]) -> None:
    """Each name (a metric's label, a table row's first cell) shows with its value in one metric or row.

    Tables are drawn on a canvas, which keeps an accessible DOM copy of the cells (`tr[role=row]`).
    """
    for name, value in expected.items():
        boxes = page.locator("[data-testid=stMetric], [data-testid=stMain] tr[role=row]")
        boxes = boxes.filter(has=page.get_by_text(name, exact=True))
        expect(
            boxes.filter(has=page.get_by_text(value, exact=True)).first, f"{name}: {value}"
        ).to_be_attached()


def browse(ui: str, failure: Path) -> None:
    """Sign in, then visit the pages: check what they show and take their screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as p:
        executable = shutil.which("chromium") or "/usr/bin/chromium"
        browser = p.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        try:
            page.goto(ui)
            form = page.get_by_test_id("stForm").filter(has_text="Sign in").first
            form.get_by_label("Email", exact=True).fill(EMAIL)
            form.get_by_label("Password", exact=True).fill(PASSWORD)
            form.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("button", name="Sign out")).to_be_visible()

            visit(page, "Overview")  # where signing in lands
            beside(page, {"Net balance": NET, "Income this month": INCOME, "Expenses this month": SPENT})
            beside(page, {"Net this month": NET, "Bank": "2,100.00 EUR", "Cash": "-123.45 EUR"})
            beside(page, {"Necessities": "776.55 EUR", "Savings": "1,200.00 EUR"})
            shot(page, "overview.png")

            visit(page, "Monthly report", "Monthly")
            beside(page, {"Income": INCOME, "Expenses": SPENT, "Neutral": "0.00 EUR", "Net": NET})
            beside(page, {"Salary": INCOME, "Rent": "900.00 EUR", "Groceries": "123.45 EUR", "Total": SPENT})
            shot(page, "monthly.png")

            visit(page, "Transactions", "Transactions")
            expect(page.get_by_text("3 transactions; showing 1-3, page 1 of 1")).to_be_visible()
            beside(page, {"Necessities": "1,800.00 EUR", "Savings": "1,200.00 EUR"})  # the split's shares
            shot(page, "transactions.png")

            visit(page, "Budget setup", "Budget setup")
            beside(page, {"Bank": "2,100.00 EUR", "Cash": "-123.45 EUR"})
            shot(page, "setup.png")

            visit(page, "Yearly report", "Yearly")
            beside(page, {"Income": INCOME, "Expenses": SPENT, "Net": NET})
            shot(page, "yearly.png")
        except Exception:
            with contextlib.suppress(Exception):  # the failure itself matters more than its picture
                page.screenshot(path=failure, full_page=True)
            raise
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and its logs")
    keep = parser.parse_args().keep
    sys.stdout.reconfigure(line_buffering=True)
    tmp = Path(tempfile.mkdtemp(prefix="browser-check-"))
    stack, started, failure = Stack(tmp), time.monotonic(), tmp / "failure.png"
    try:
        print(f"== API :{stack.api_port}, worker, Streamlit :{stack.ui_port}; database and logs in {tmp}")
        stack.up()
        print("== seeding through the API")
        seed(stack.api)
        print(f"== driving {shutil.which('chromium') or '/usr/bin/chromium'}")
        browse(stack.ui, failure)
    except Exception as exc:
        keep = True
        print(f"{stack.tails()}\n\nBROWSER CHECK FAILED: {exc}", file=sys.stderr)
        if failure.exists():
            print(f"Screenshot of the failing page: {failure}", file=sys.stderr)
        return 1
    finally:
        stack.down()
        if keep:
            print(f"   kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"== browser check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
