"""The browser check's steps on the pages: waiting, screenshots, signing in, the transaction form and grid."""

import contextlib
import re

import requests
from browser_stack import EMAIL, PASSWORD, ROOT, CheckFailed
from playwright.sync_api import Locator, Page, expect

SHOTS = ROOT / "docs" / "screenshots"
# The transaction grid's columns, as budget_ui/ledger.table orders them.
COLUMNS = ("Date", "Description", "Amount", "Category", "Location", "Bucket", "Split", "Transfer", "Delete")


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
    """The whole page at its width: the viewport grows to the height of Streamlit's (scrolling) main area."""
    settle(page)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    page.mouse.move(width - 10, height - 10)  # off the sidebar, whose collapse button shows on hover
    full = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, full)})
    page.screenshot(path=SHOTS / name, full_page=True)
    page.set_viewport_size({"width": width, "height": height})
    print(f"   saved docs/screenshots/{name}")


def visit(page: Page, title: str, link: str | None = None) -> None:
    """Follow the sidebar link (if any) and wait for the page, its title first, to finish drawing."""
    if link:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    settle(page)


def beside(page: Page, expected: dict[str, str]) -> None:
    """Each name (a metric's label, a table row's first cell) shows with its value in one metric or row.

    Report tables are static HTML (`st.table`); grids are drawn on a canvas, which keeps an accessible DOM
    copy of the cells (`tr[role=row]`): both are `tr` rows.
    """
    for name, value in expected.items():
        boxes = page.locator("[data-testid=stMetric], [data-testid=stMain] tr")
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
    for _ in range(10):  # a click while the page is still settling can be ignored: click again
        box.click()
        with contextlib.suppress(AssertionError):
            expect(listbox).to_be_visible(timeout=1000)
            break
    expect(listbox).to_be_visible()
    listbox.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)


def quick_add(page: Page) -> Locator:
    """The Transactions page's quick-add form: always open, first on the page."""
    return page.locator(".st-key-transactions_add").get_by_test_id("stForm")


def add_transaction(page: Page, description: str, amount: str, category: str = "Groceries (expense)") -> None:
    """Fill the quick-add form as a person would and wait for its confirmation.

    Nothing is opened first: the form stays open for the next entry. After the add it is still there and
    usable, with category, amount and description cleared (symptom 4 and 3 of issue 14); location and
    bucket stay as chosen. The split box is left as the form sets it (ticked; it applies to income only).
    """
    form = quick_add(page)
    expect(form).to_be_visible()
    choose(form, "Category", category)
    choose(form, "Location", "Cash")
    choose(form, "Bucket", "Necessities")
    form.get_by_label("Amount", exact=True).fill(amount)
    form.get_by_label("Description", exact=True).fill(description)
    form.get_by_role("button", name="Add transaction").click()
    confirmations = page.locator("[data-testid=stAlertContentSuccess], [data-testid=stToast]")
    expect(confirmations.filter(has_text=f"Added “{description}”.").first).to_be_visible()
    settle(page)
    form = quick_add(page)
    expect(form).to_be_visible()
    expect(form.get_by_role("combobox", name="Category", exact=True)).to_have_value("")
    expect(form.get_by_label("Amount", exact=True)).to_have_value("")
    expect(form.get_by_label("Description", exact=True)).to_have_value("")
    expect(form.get_by_role("combobox", name="Location", exact=True)).to_have_value("Cash")
    expect(form.get_by_role("button", name="Add transaction")).to_be_enabled()


def pick_cell(page: Page, grid: Locator, description: str, column: int) -> Locator:
    """Select the grid cell in `column` (0 = Date) of the row showing `description`; answer its DOM copy.

    The grid is drawn on a canvas; its accessible DOM copy (`tr[role=row]`, `td#glide-cell-<col>-<row>`)
    gives the row but no geometry, so the click goes to the canvas: header and rows are equally high, and
    a single click 8 px into the first column (the date) selects it without editing. Streamlit drops a
    selection made while it believes the mouse is off the grid, so the mouse moves in first and two frames
    let that register. Glide
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
    pick_cell(page, grid, old, column=COLUMNS.index("Description"))
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
    add_transaction(page, "Browser lunch", "10.05")
    lunch = {"description": "Browser lunch", "amount": "10.05", "category_name": "Groceries"}
    check_api(http, api, lunch | {"location_name": "Cash", "bucket_name": "Necessities"})
    print("   added a transaction through the form")

    grid = page.get_by_test_id("stDataFrame").first  # the editor; the split incomes' table comes after
    edit_description(page, grid, "Browser lunch", "Browser dinner")
    save = page.get_by_role("button", name="Save 1 edited row")
    expect(save).to_be_enabled()  # Streamlit has the edit
    save.click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Saved 1 row.")
    settle(page)
    check_api(http, api, lunch | {"description": "Browser dinner"})
    print("   renamed it in the grid")

    pick_cell(page, grid, "Browser dinner", column=COLUMNS.index("Delete"))
    page.keyboard.press("Space")  # ticks a checkbox cell (the DOM copy keeps showing "false")
    delete = page.get_by_role("button", name="Delete 1 selected")
    expect(delete).to_be_enabled()
    delete.click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Deleted 1 transaction.")
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


def exercise_recurring(page: Page, http: requests.Session, api: str) -> None:
    """Add a weekly item on the Recurring page, see it in the next 30 days, post it now; the API agrees."""
    visit(page, "Recurring", "Recurring")
    page.locator(".st-key-recurring_add").get_by_text("Add a recurring item").click()
    form = page.get_by_test_id("stForm").filter(has_text="Add recurring item")
    form.get_by_label("Name", exact=True).fill("Gym membership")
    form.get_by_label("Amount", exact=True).fill("25.50")
    form.get_by_label("Description", exact=True).fill("Recurring gym")
    choose(form, "Category", "Groceries")
    choose(form, "Repeats", "Weekly")
    form.get_by_text("Post by itself on each date").click()  # by hand: the button below posts it
    form.get_by_role("button", name="Add recurring item").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Added “Gym membership”.")
    settle(page)
    beside(page, {"Gym membership": "-€25.50"})  # the next 30 days' first row
    page.get_by_role("button", name="Post now").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Posted “Gym membership”")
    settle(page)
    rows = api_transactions(http, api, "Recurring gym")
    if len(rows) != 1 or rows[0]["recurring"] is None or rows[0]["amount"] != "25.50":
        raise CheckFailed(f"The API lists {rows}, not one posted recurring transaction of 25.50")
    shot(page, "recurring.png")
    print("   added a recurring item and posted its first date")


def read_notification(page: Page) -> None:
    """The seeded groceries took Cash below zero: the worker's check told it once; the sidebar counts
    it, the Notifications page shows it and marks it read."""
    sidebar = page.get_by_test_id("stSidebar")
    for _ in range(30):  # the worker's check runs moments after the seeding's last commit
        visit(page, "Notifications", "Notifications")
        if page.get_by_text("'Cash' is below zero").count():
            break
        page.wait_for_timeout(1000)
    expect(page.get_by_text("The location 'Cash' holds -123.45.")).to_be_visible()
    expect(sidebar.get_by_role("link", name=re.compile(r"^Notifications \(\d+ unread\)$"))).to_be_visible()
    shot(page, "notifications.png")
    page.get_by_role("button", name="Mark all read").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("All marked read.")
    settle(page)
    expect(sidebar.get_by_test_id("stPageLink-NavLink")).not_to_contain_text("unread")
    print("   read the 'below zero' notification")


def import_statement(page: Page) -> None:
    """Upload a CSV on the Import page; once the worker has read it, its rows show; discard it."""
    visit(page, "Import a statement", "Import")
    statement = b"Date;Description;Amount\n01.03.2025;Browser coffee;-3,50\n02.03.2025;Browser coffee;-3,50\n"
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "browser.csv", "mimeType": "text/csv", "buffer": statement}]
    )
    expect(page.get_by_role("button", name="Upload and read")).to_be_visible()
    settle(page)
    page.get_by_role("button", name="Upload and read").click()
    rows = page.get_by_text("2 rows: 2 new, 0 already imported")
    for _ in range(30):  # the worker reads it; the page shows the progress until then
        settle(page)
        if rows.count():
            break
        refresh = page.get_by_role("button", name="Refresh")
        if refresh.count():  # gone once the page has drawn the rows since the check above
            refresh.click()
        page.wait_for_timeout(500)
    expect(rows).to_be_visible()
    shot(page, "import.png")
    page.get_by_role("button", name="Discard").click()
    expect(page.get_by_role("heading", name="Past imports")).to_be_visible()
    settle(page)
    print("   uploaded a statement, saw its rows, discarded it")


def add_budget(page: Page, category: str, amount: str) -> None:
    """The Budgets page's add form (its first tab): category, amount; monthly from this month."""
    form = page.get_by_test_id("stForm").filter(has_text="Add budget").first
    expect(form).to_be_visible()
    choose(form, "Expense category", category)
    form.get_by_label("Amount a period", exact=True).fill(amount)
    form.get_by_role("button", name="Add budget").click()
    confirmations = page.locator("[data-testid=stAlertContentSuccess], [data-testid=stToast]")
    expect(confirmations.filter(has_text=f"Added the budget of “{category}”.").first).to_be_visible()
    settle(page)


def exercise_budgets(page: Page) -> None:
    """A 200.00 budget on Groceries (127.95 spent this month so far): Under; 40.00 more and it is Near the
    limit; 40.00 more and it is Over, each read on the Budgets page."""
    visit(page, "Budgets", "Budgets")
    add_budget(page, "Groceries", "200")
    beside(page, {"Groceries": "Under", "Available": "€200.00", "Spent": "€127.95"})
    for description, status, spent in (
        ("Budget near", "Near the limit", "€167.95"),
        ("Budget over", "Over", "€207.95"),
    ):
        visit(page, "Transactions", "Transactions")
        add_transaction(page, description, "40.00")
        visit(page, "Budgets", "Budgets")
        beside(page, {"Groceries": status, "Spent": spent})
        print(f"   the Groceries budget shows {status} at {spent} of €200.00")
    shot(page, "budgets.png")
