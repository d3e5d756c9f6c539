"""Real-browser check: the API, the worker and Streamlit on a temporary SQLite, driven by headless Chromium.

Usage: python frontend/tests/browser_check.py [--keep]. Seeds an account through the HTTP API, signs in,
asserts the numbers on the pages and saves screenshots to docs/screenshots/; then, the screenshots taken,
adds a transaction through the real form, edits and deletes it in the data editor's grid (each checked
through the API) and signs out. Debian's `chromium`, never a Playwright download. The temporary directory
(database, logs, failure.png) stays with --keep or on failure.
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
from playwright.sync_api import Locator, Page, expect, sync_playwright

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
        # As `make frontend` runs it: server.py's st.App (the cookie's route), frontend/.streamlit/config.toml.
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


def api_transactions(http: requests.Session, api: str, search: str) -> list[dict]:
    """The account's transactions whose description contains `search`, as the API lists them."""
    response = http.get(f"{api}/transactions/", params={"search": search}, timeout=10)
    if response.status_code != 200:
        raise CheckFailed(f"GET /api/transactions/ answered {response.status_code}: {response.text}")
    return response.json()["results"]


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


def sign_in(page: Page) -> None:
    """Type the seeded account into the sign-in form; wait for the signed-in sidebar."""
    form = page.get_by_test_id("stForm").filter(has_text="Sign in").first
    form.get_by_label("Email", exact=True).fill(EMAIL)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def choose(scope: Locator, label: str, option: str) -> None:
    """Pick `option` in Streamlit's select box `label`: open its list, click the option.

    An option already chosen is left alone (clicking it again would not change anything to wait for).
    """
    box = scope.get_by_role("combobox", name=label, exact=True)
    if box.input_value() == option:
        return
    listbox = scope.page.get_by_role("listbox")  # only the open one exists
    for _ in range(10):  # a click in the first second after its expander opens is ignored: click again
        box.click()
        with contextlib.suppress(AssertionError):
            expect(listbox).to_be_visible(timeout=1000)
            break
    expect(listbox).to_be_visible()
    listbox.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)


def add_transaction(page: Page) -> None:
    """Fill the "Add a transaction" form as a person would and wait for its success message."""
    expander = page.get_by_test_id("stExpander").filter(has_text="Add a transaction")
    expander.get_by_text("Add a transaction", exact=True).click()
    choose(expander, "Category", "Groceries (expense)")
    choose(expander, "Location", "Cash")
    choose(expander, "Bucket", "Necessities")
    expander.get_by_label("Amount", exact=True).fill("10.05")
    expander.get_by_label("Description", exact=True).fill("Browser lunch")
    expander.get_by_role("button", name="Add transaction").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Added “Browser lunch”.")
    settle(page)


def pick_cell(page: Page, grid: Locator, description: str, column: int) -> Locator:
    """Select the grid cell in `column` (0 = Delete) of the row showing `description`; answer its DOM copy.

    The grid is drawn on a canvas; its accessible DOM copy (`tr[role=row]`, `td#glide-cell-<col>-<row>`)
    gives the row but no geometry, so the click goes to the canvas: header and rows are equally high, and
    8 px into the first column is clear of its centred checkbox. Streamlit drops a selection made while it
    believes the mouse is off the grid, so the mouse moves in first and two frames let that register. Glide
    focuses the selected cell's DOM copy: waiting for that focus before any key makes the keys go there.
    """
    rows = grid.locator("tr[role=row]")  # the header row first
    row = rows.filter(has=page.get_by_text(description, exact=True))
    index = int(row.get_attribute("aria-rowindex")) - 2
    canvas = grid.get_by_test_id("data-grid-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    pitch = box["height"] / rows.count()
    x, y = box["x"] + 8, box["y"] + pitch * (index + 1.5)
    page.mouse.move(x, y, steps=3)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.mouse.click(x, y)
    expect(grid.locator(f"#glide-cell-0-{index}")).to_be_focused()
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    cell = grid.locator(f"#glide-cell-{column}-{index}")
    expect(cell).to_be_focused()
    return cell


def edit_description(page: Page, grid: Locator, old: str, new: str) -> None:
    """Retype a Description cell in the grid's editor and commit it with Enter.

    Glide's overlay editor commits on a zero-delay timer per key, and a key's stale timer still pending at
    Enter throws the edit away: a zero-delay timer of our own, awaited, lets the pending ones run first.
    """
    pick_cell(page, grid, old, column=2)
    page.keyboard.press("Enter")
    editor = page.locator("textarea.gdg-input")
    expect(editor).to_have_value(old)  # open, and on the right cell
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(new)
    expect(editor).to_have_value(new)
    page.evaluate("() => new Promise(done => setTimeout(done, 0))")
    page.keyboard.press("Enter")
    expect(editor).to_have_count(0)


def check_api(http: requests.Session, api: str, expected: dict[str, str] | None) -> None:
    """The one "Browser …" transaction has the `expected` fields, or there is none (None)."""
    rows = api_transactions(http, api, "Browser")
    if expected is None:
        if rows:
            raise CheckFailed(f"The API still lists {rows}")
        return
    if len(rows) != 1 or {key: rows[0][key] for key in expected} != expected:
        raise CheckFailed(f"The API lists {rows}, not one transaction with {expected}")


def exercise_transactions(page: Page, http: requests.Session, api: str) -> None:
    """Add a transaction with the form, rename it in the grid, delete it there; the API agrees each time."""
    visit(page, "Transactions", "Transactions")
    add_transaction(page)
    lunch = {"description": "Browser lunch", "amount": "10.05", "category_name": "Groceries"}
    check_api(http, api, lunch | {"location_name": "Cash", "bucket_name": "Necessities"})
    print("   added a transaction through the form")

    grid = page.get_by_test_id("stDataFrame").first  # the editor; the split incomes' table comes after
    edit_description(page, grid, "Browser lunch", "Browser dinner")
    save = page.get_by_role("button", name="Save 1 edited row(s)")
    expect(save).to_be_enabled()  # Streamlit has the edit
    save.click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Saved 1 row(s).")
    settle(page)
    check_api(http, api, lunch | {"description": "Browser dinner"})
    print("   renamed it in the grid")

    pick_cell(page, grid, "Browser dinner", column=0)
    page.keyboard.press("Space")  # ticks a checkbox cell (the DOM copy keeps showing "false")
    delete = page.get_by_role("button", name="Delete 1 selected")
    expect(delete).to_be_enabled()
    delete.click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Deleted 1 transaction(s).")
    expect(page.get_by_text("3 transactions; showing 1-3, page 1 of 1")).to_be_visible()  # the seeded ones
    settle(page)
    check_api(http, api, None)
    print("   deleted it in the grid")


def sign_out(page: Page) -> None:
    """Sign out from the sidebar: the sign-in form is back, and nothing of the account shows."""
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    form = page.get_by_test_id("stForm").filter(has_text="Sign in").first
    expect(form.get_by_label("Email", exact=True)).to_have_value("")
    expect(form.get_by_label("Password", exact=True)).to_have_value("")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Transactions")).to_have_count(0)
    app = page.get_by_test_id("stApp")
    for private in (EMAIL, "Browser Check", "EUR", "Signed in as"):
        expect(app).not_to_contain_text(private)
    settle(page)
    print("   signed out")


def browse(ui: str, api: str, http: requests.Session, failure: Path) -> None:
    """Sign in, visit the pages (check them, take their screenshots), then change data and sign out."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as p:
        executable = shutil.which("chromium") or "/usr/bin/chromium"
        browser = p.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        try:
            page.goto(ui)
            sign_in(page)

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

            exercise_transactions(page, http, api)  # after the screenshots: they show the seeded data only
            sign_out(page)
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
        http = seed(stack.api)
        print(f"== driving {shutil.which('chromium') or '/usr/bin/chromium'}")
        browse(stack.ui, stack.api, http, failure)
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
