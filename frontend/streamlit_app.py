"""The shell: page config, the sign-in gate, navigation, the session cookie and the one place failures show.

Pages live in app_pages/ (a pages/ folder beside st.navigation would break AppTest). Served by
server.py (`streamlit run frontend/server.py`), which adds the cookie's route; see session_cookie.py.

Every page's URL exists whether or not anyone is signed in: signed out, /monthly?month=2025-07 is a
hidden page that draws the sign-in form under the same URL (a page's identity is its url_path), so
the address and its query string survive the sign-in, whose rerun then opens the page itself.
"""

import logging

import streamlit as st

from budget_ui import auth, households, notifications
from budget_ui.api import ApiError, BackendUnavailable, SignedOut

logger = logging.getLogger("budget_ui")

SIGN_IN = "app_pages/sign_in.py"
# Pages for the signed-in: (section, file, title, icon); the first is the default.
PAGES = (
    ("Budget", "app_pages/overview.py", "Overview", "💶"),
    ("Budget", "app_pages/transactions.py", "Transactions", "🧾"),
    ("Budget", "app_pages/budgets.py", "Budgets", "🎯"),
    ("Budget", "app_pages/recurring.py", "Recurring", "🔁"),
    ("Budget", "app_pages/imports.py", "Import", "📥"),
    ("Budget", "app_pages/rules.py", "Rules", "🪄"),
    ("Budget", "app_pages/setup.py", "Budget setup", "🧰"),
    ("Reports", "app_pages/monthly.py", "Monthly", "📅"),
    ("Reports", "app_pages/yearly.py", "Yearly", "📈"),
    ("Reports", "app_pages/historical.py", "Historical", "🏛️"),
    ("Account", "app_pages/household.py", "Household", "🏠"),
    ("Account", "app_pages/account.py", "Account", "👤"),
    ("Account", "app_pages/notifications.py", "Notifications", "🔔"),
)

# Streamlit closes the sidebar after a page link only on a phone's user agent; a narrow desktop window
# (or a browser asking for the desktop site) keeps it open over the page. This closes it there too.
CLOSE_SIDEBAR_ON_NARROW_NAV = """<script>
if (!window.budgetNarrowNav) {
  window.budgetNarrowNav = true;
  document.addEventListener("click", (event) => {
    if (!window.matchMedia("(max-width: 768px)").matches) return;
    if (!event.target.closest('[data-testid="stSidebarNav"] a')) return;
    setTimeout(() => {
      document.querySelector('[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]')?.click();
    }, 0);
  }, true);
}
</script>"""

# The shell's scripts draw nothing, yet each sits in an element container the layout spaces out.
HIDE_SCRIPT_ELEMENTS = """<style>
[data-testid="stElementContainer"]:has([data-testid="stHtml"] > script:only-child) { display: none; }
</style>"""


def url_path(file: str) -> str:
    return file.rsplit("/", 1)[-1].removesuffix(".py")


def signed_in_pages() -> dict[str, list]:
    sections: dict[str, list] = {}
    for index, (section, file, title, icon) in enumerate(PAGES):
        sections.setdefault(section, []).append(st.Page(file, title=title, icon=icon, default=index == 0))
    sections["Account"].append(st.Page("app_pages/guide.py", title="Guide", icon="📖"))
    return sections


def signed_out_pages() -> list:
    """Sign in at /, the guide, and every other page's URL drawing the sign-in form (hidden in the menu)."""
    pages = [
        st.Page(SIGN_IN, title="Sign in", icon="🔑", default=True),
        st.Page("app_pages/guide.py", title="Guide", icon="📖"),
    ]
    for _, file, _, _ in PAGES[1:]:
        page = st.Page(SIGN_IN, title="Sign in", icon="🔑", url_path=url_path(file), visibility="hidden")
        pages.append(page)
    return pages


st.set_page_config(
    page_title="Budget",
    page_icon="💶",
    layout="wide",
    initial_sidebar_state="auto",  # open on a wide screen, closed on a phone
    menu_items={
        "Get help": None,
        "Report a bug": None,
        "About": "Budget: where your money is, and what it is for.",
    },
)
st.html(HIDE_SCRIPT_ELEMENTS)  # style only: Streamlit puts it where it takes no space
cookie_slot = st.empty()  # the cookie's ticket script, drawn at the end of the run

try:
    auth.resume_from_cookie()
except BackendUnavailable as exc:
    st.error(f"{exc.message} Start it with `make run`, or point BUDGET_API_URL at it.", icon="🔌")

profile = auth.user()
if profile is None:
    page = st.navigation(signed_out_pages())
else:
    page = st.navigation(signed_in_pages(), expanded=True)  # every page listed, none behind "View more"
    with st.sidebar:
        st.caption(f"Signed in as `{profile['email']}`")
        if st.button("Sign out", key="app_sign_out"):
            auth.sign_out()
            st.rerun()
        st.html(CLOSE_SIDEBAR_ON_NARROW_NAV, unsafe_allow_javascript=True)
st.set_page_config(page_title=f"{page.title} · Budget")

notice = st.session_state.pop("app_notice", None)
if notice:
    st.warning(notice)

auth.sync_cookie(cookie_slot)  # a sign-in or a session from the cookie has just rotated the token
try:
    if profile is not None:
        with st.sidebar:
            households.switcher()  # before the page: every read and write of it goes to this household
            notifications.sidebar_link()
    page.run()
except SignedOut as exc:
    auth.forget_session()
    st.session_state["app_notice"] = exc.message
    st.rerun()
except BackendUnavailable as exc:
    st.error(f"{exc.message} Start it with `make run`, or point BUDGET_API_URL at it.", icon="🔌")
except ApiError as exc:
    st.error(exc.message)
except Exception:
    logger.exception("Page %s failed", page.title)
    st.error("Something went wrong on this page. Reload it; if it keeps happening, check the app's log.")
finally:
    # Again after the page: its API calls may have rotated the token. (After a page's st.stop(), Streamlit
    # may drop what this draws; the ticket is filed all the same and drawn by the next run.)
    auth.sync_cookie(cookie_slot)
