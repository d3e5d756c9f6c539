"""The browser check's steps on the app's shell: the session cookie, reloads, deep links, a phone's width."""

import time
from urllib.parse import parse_qs, urlsplit

import requests
from browser_stack import CheckFailed
from browser_steps import (
    add_transaction,
    api_transactions,
    beside,
    quick_add,
    settle,
    shot,
    sign_in,
    sign_out,
    visit,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect

COOKIE = "budget_refresh"
PHONE = {"width": 390, "height": 844}


def session_cookie(
    context: BrowserContext, *, present: bool = True, other_than: str | None = None
) -> dict | None:
    """The refresh-token cookie once it is there (and differs from `other_than`), or once it is gone."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        cookie = next((c for c in context.cookies() if c["name"] == COOKIE), None)
        if (cookie is None) != present and (cookie is None or cookie["value"] != other_than):
            return cookie
        time.sleep(0.1)
    state = "set" + (" to a new token" if other_than else "") if present else "cleared"
    raise CheckFailed(f"The {COOKIE} cookie was not {state} within 15 s: {context.cookies()}")


def check_cookie_hidden(page: Page, cookie: dict) -> None:
    """HttpOnly, SameSite=Strict, for the whole app; the token is nowhere a page script or the URL shows."""
    flags = {key: cookie[key] for key in ("httpOnly", "sameSite", "path")}
    if flags != {"httpOnly": True, "sameSite": "Strict", "path": "/"}:
        raise CheckFailed(f"The session cookie is {flags}")
    readable = page.evaluate(
        "() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage), location.href]"
    )
    if any(cookie["value"] in text for text in readable):
        raise CheckFailed("The refresh token is readable by the page's scripts or in its URL.")


def deep_link(page: Page, ui: str) -> None:
    """/monthly?month=2025-07 signed out: the sign-in form under that URL; after signing in, July 2025.

    The month is bound to the URL, so the page must show July 2025 (nothing was entered then), not this
    month; "← Previous" then moves the page and its URL to June 2025.
    """
    page.goto(f"{ui}/monthly?month=2025-07")
    expect(page.get_by_test_id("stForm").filter(has_text="Sign in").first).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    sign_in(page)
    visit(page, "Monthly report")
    at_month(page, "2025-07", "July 2025")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("No transactions in July 2025.", exact=False)).to_be_visible()
    main.get_by_role("button", name="← Previous").click()
    settle(page)
    at_month(page, "2025-06", "June 2025")
    print("   the deep link /monthly?month=2025-07 opened July 2025 after signing in; Previous went to June")


def at_month(page: Page, month: str, label: str) -> None:
    """The Monthly page shows `label`, its month box says `month`, and so does the URL."""
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=label, exact=True)).to_be_visible()
    expect(main.get_by_role("combobox", name="Month", exact=True)).to_have_value(month)
    address = urlsplit(page.url)
    if address.path != "/monthly" or parse_qs(address.query).get("month") != [month]:
        raise CheckFailed(f"The Monthly page shows {label} at {page.url}")


def product_chrome(page: Page) -> None:
    """The tab names the page and the app; no Deploy button; the menu has no developer items."""
    expect(page).to_have_title("Monthly · Budget")
    expect(page.get_by_test_id("stAppDeployButton")).to_have_count(0)
    page.get_by_test_id("stMainMenu").click()
    menu = page.get_by_test_id("stMainMenuPopover")
    expect(menu).to_be_visible()
    for developer in ("Rerun", "Clear cache", "Deploy", "Record a screencast"):
        expect(menu.get_by_text(developer)).to_have_count(0)
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    print("   the tab reads “Monthly · Budget”; no Deploy button or developer menu")


def reload_keeps_session(page: Page, context: BrowserContext) -> dict:
    """F5 on Transactions: still signed in, still on Transactions; the cookie holds the rotated token.

    A second reload proves the rotated token was stored: the first one is refused once used.
    """
    visit(page, "Transactions", "Transactions")
    cookie = session_cookie(context)
    for _ in range(2):
        page.reload()
        visit(page, "Transactions")
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        if urlsplit(page.url).path != "/transactions":
            raise CheckFailed(f"The reload went to {page.url}")
        cookie = session_cookie(context, other_than=cookie["value"])
    check_cookie_hidden(page, cookie)
    print("   two reloads on /transactions kept the session and the page; the cookie rotated each time")
    return cookie


def add_several(page: Page, http: requests.Session, api: str) -> None:
    """Three transactions in a row through the quick-add form, nothing re-opened in between (each add checks
    the form is still open and cleared); the income in the middle keeps the form's split box as it comes
    (ticked), so the API has it split over the buckets. All three in the API."""
    visit(page, "Transactions", "Transactions")
    rows = (("Browser row 1", "1.25", "Groceries (expense)"), ("Browser row 2", "2.25", "Salary (income)"))
    for description, amount, category in (*rows, ("Browser row 3", "3.25", "Groceries (expense)")):
        add_transaction(page, description, amount, category)
    listed = {row["description"]: row for row in api_transactions(http, api, "Browser row")}
    if sorted(listed) != ["Browser row 1", "Browser row 2", "Browser row 3"]:
        raise CheckFailed(f"The API lists {listed} after three adds in a row")
    income, expense = listed["Browser row 2"], listed["Browser row 3"]
    if (income["split_income"], income["bucket"], expense["split_income"]) != (True, None, False):
        raise CheckFailed(f"The split box was not applied to income only: {income}, {expense}")
    print("   added three transactions in a row without re-opening the form; the income was split")


def sign_out_clears_cookie(page: Page, context: BrowserContext, api: str) -> None:
    """After signing out the cookie is gone, a reload shows sign-in, and the last token is revoked."""
    last = session_cookie(context)["value"]
    sign_out(page)
    session_cookie(context, present=False)
    page.reload()
    expect(page.get_by_test_id("stForm").filter(has_text="Sign in").first).to_be_visible()
    settle(page)
    refused = requests.post(f"{api}/token/refresh/", json={"refresh": last}, timeout=10)
    if refused.status_code != 401:
        raise CheckFailed(f"The signed-out refresh token still works: {refused.status_code}")
    print("   sign-out cleared the cookie and revoked its token; a reload shows sign-in")


def phone(browser: Browser, ui: str) -> None:
    """At 390 px, dark, German: sign in; the quick add is at the top of Transactions; the sidebar closes after
    choosing a page; no page is wider than that; amounts read as a German browser writes them."""
    # A desktop browser made narrow (Streamlit itself closes the sidebar on a phone's user agent), in the
    # dark theme the system asks for and a German browser's locale: the phone's screenshots show both.
    context = browser.new_context(viewport=PHONE, has_touch=True, color_scheme="dark", locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{ui}/transactions")
        expect(page.get_by_test_id("stForm").filter(has_text="Sign in").first).to_be_visible()
        shot(page, "mobile-sign-in.png")
        sign_in(page)
        visit(page, "Transactions")
        fits(page)
        top = quick_add(page).get_by_label("Amount", exact=True).bounding_box()["y"]
        if top > PHONE["height"]:
            raise CheckFailed(f"The quick add's Amount starts {top:.0f} px down, below the first screen")
        shot(page, "mobile-transactions.png")
        for title, link, name in (
            ("Overview", "Overview", "mobile-overview.png"),
            ("Monthly report", "Monthly", None),
        ):
            page.get_by_test_id("stExpandSidebarButton").click()
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
            visit(page, title)
            expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()  # the sidebar closed
            fits(page)
            if name:
                beside(page, {"Net balance": "1.976,55 €", "Bank": "2.100,00 €", "Cash": "-123,45 €"})
                shot(page, name)
        print("   at 390 px the quick add is on the first screen, the sidebar closes after choosing a page,")
        print("   every page fits the width, and a German browser reads 1.976,55 €")
    finally:
        context.close()


def fits(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        raise CheckFailed(f"{page.url} is {width} px wide at {PHONE['width']} px")
