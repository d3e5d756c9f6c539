"""Real-browser check: the API, the worker and Streamlit on a temporary SQLite, driven by headless Chromium.

Usage: python frontend/tests/browser_check.py [--keep]. Seeds an account through the HTTP API; opens the
deep link /monthly?month=2025-07 signed out and signs in there (July 2025 shown, Previous goes to June);
checks the HttpOnly, SameSite=Strict session cookie and that two reloads of /transactions keep the
session and the page; asserts the numbers on the pages as Babel writes them and saves screenshots to
docs/screenshots/; signs in at 390 px with a German browser (phone screenshots, the quick add on the
first screen, the sidebar closing after a page link, 1.976,55 €); then adds a transaction through the
quick-add form, edits and deletes it in the grid, adds three in a row without re-opening anything (the
form cleared after each; each checked through the API), adds a budget on the Budgets page and sees it
go from Under to Near the limit to Over as expenses are added, signs out and checks the cookie is gone and its
token revoked. Debian's `chromium`, never a Playwright download. The temporary directory
(database, logs, failure.png) stays with --keep or on failure. Steps: browser_stack.py (processes,
seed), browser_steps.py (pages), browser_shell.py (cookie, reloads, phone).
"""

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import browser_shell as shell
import requests
from browser_stack import Stack, seed
from browser_steps import (
    SHOTS,
    beside,
    exercise_budgets,
    exercise_recurring,
    exercise_transactions,
    import_statement,
    read_notification,
    shot,
    visit,
)
from playwright.sync_api import expect, sync_playwright

TIMEOUT_MS = 30_000
WIDTH, HEIGHT = 1400, 1000
# As Babel writes euros for the browser's en-US; the phone pass checks de-DE (1.976,55 €).
NET, INCOME, SPENT = "€1,976.55", "€3,000.00", "€1,023.45"


def browse(ui: str, api: str, http: requests.Session, failure: Path) -> None:
    """Follow a deep link and sign in, reload, visit the pages (check them, take their screenshots), change
    data, sign out; the same account on a phone's width comes before any write.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as p:
        executable = shutil.which("chromium") or "/usr/bin/chromium"
        browser = p.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        page = context.new_page()
        try:
            shell.deep_link(page, ui)
            shell.product_chrome(page)
            shell.check_cookie_hidden(page, shell.session_cookie(context))
            shell.reload_keeps_session(page, context)

            visit(page, "Overview", "Overview")
            beside(page, {"Net balance": NET, "Income this month": INCOME, "Expenses this month": SPENT})
            beside(page, {"Net this month": NET, "Bank": "€2,100.00", "Cash": "-€123.45", "Total": NET})
            beside(page, {"Necessities": "€776.55", "Savings": "€1,200.00", "Saved this month": "65.9 %"})
            beside(page, {"Rent": "-€900.00", "Groceries": "-€123.45", "Salary": INCOME})  # latest, signed
            shot(page, "overview.png")

            visit(page, "Monthly report", "Monthly")
            beside(page, {"Income": INCOME, "Expenses": SPENT, "Neutral": "€0.00", "Net": NET})
            beside(page, {"Salary": INCOME, "Rent": "€900.00", "Groceries": "€123.45", "Total": SPENT})
            shot(page, "monthly.png")

            visit(page, "Transactions", "Transactions")
            expect(page.get_by_text("3 transactions; showing 1-3, page 1 of 1")).to_be_visible()
            beside(page, {"Necessities": "€1,800.00", "Savings": "€1,200.00"})  # the split's shares
            beside(page, {"Rent": "-900.00", "Salary": "3,000.00"})  # one signed amount a row
            shot(page, "transactions.png")

            visit(page, "Budget setup", "Budget setup")
            beside(page, {"Bank": "€2,100.00", "Cash": "-€123.45"})
            shot(page, "setup.png")

            visit(page, "Yearly report", "Yearly")
            beside(page, {"Income": INCOME, "Expenses": SPENT, "Net": NET})
            shot(page, "yearly.png")

            shell.phone(browser, ui)  # before any write, so its screenshots show the seeded data only
            exercise_transactions(page, http, api)
            read_notification(page)
            shell.add_several(page, http, api)
            exercise_budgets(page)  # before the recurring step posts into its Groceries month
            exercise_recurring(page, http, api)
            import_statement(page)
            shell.sign_out_clears_cookie(page, context, api)
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
        lines = traceback.format_exc().splitlines(True)
        where = "".join(line for line in lines if "frontend/tests/browser" in line)
        print(f"{stack.tails()}\n\n{where}BROWSER CHECK FAILED: {exc}", file=sys.stderr)
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
