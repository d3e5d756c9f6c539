"""The browser check's steps on the app's shell: the session cookie, reloads, deep links, a phone's width."""

import time
from urllib.parse import parse_qs, urlsplit

import requests
from browser_stack import CheckFailed
from browser_steps import add_transaction, api_transactions, settle, shot, sign_in, sign_out, visit
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


def deep_link(page: Page, ui: str) -> list[str]:
    """/monthly?month=2025-07 signed out: the sign-in form under that URL; after signing in, the page itself.

    Answers notes for what could not be checked (the month picker bound to the URL comes with the pages).
    """
    page.goto(f"{ui}/monthly?month=2025-07")
    expect(page.get_by_test_id("stForm").filter(has_text="Sign in").first).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    sign_in(page)
    visit(page, "Monthly report")
    address = urlsplit(page.url)
    if address.path != "/monthly" or parse_qs(address.query).get("month") != ["2025-07"]:
        raise CheckFailed(f"Signing in left the deep link: {page.url}")
    main = page.get_by_test_id("stMain")
    if "July" in main.inner_text() and "2025" in main.inner_text():
        print("   the deep link /monthly?month=2025-07 opened July 2025 after signing in")
        return []
    print("   the deep link kept /monthly?month=2025-07 through sign-in (the page does not read it yet)")
    return ["/monthly?month=2025-07 kept its URL through sign-in, but the page does not show July 2025 yet."]


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


def add_several(page: Page, http: requests.Session, api: str, count: int = 3) -> None:
    """Several transactions in a row through the add form, each one in the API."""
    visit(page, "Transactions", "Transactions")
    for number in range(1, count + 1):
        add_transaction(page, f"Browser row {number}", f"{number}.25")
    rows = api_transactions(http, api, "Browser row")
    if sorted(row["description"] for row in rows) != [f"Browser row {n}" for n in range(1, count + 1)]:
        raise CheckFailed(f"The API lists {rows} after {count} adds in a row")
    print(f"   added {count} transactions in a row through the form")


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
    """At 390 px, dark: sign in; the sidebar closes after choosing a page; no page is wider than that."""
    # A desktop browser made narrow (Streamlit itself closes the sidebar on a phone's user agent), in the
    # dark theme the system asks for: the phone's screenshots show the dark theme.
    context = browser.new_context(viewport=PHONE, has_touch=True, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{ui}/transactions")
        expect(page.get_by_test_id("stForm").filter(has_text="Sign in").first).to_be_visible()
        shot(page, "mobile-sign-in.png")
        sign_in(page)
        visit(page, "Transactions")
        fits(page)
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
                shot(page, name)
        print("   at 390 px the sidebar closes after choosing a page, and every page fits the width")
    finally:
        context.close()


def fits(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        raise CheckFailed(f"{page.url} is {width} px wide at {PHONE['width']} px")
