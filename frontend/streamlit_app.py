"""Entry point: page config, the sign-in gate, navigation and the one place failures are shown.

Pages live in app_pages/ (a pages/ folder beside st.navigation would break AppTest).
"""

import logging

import streamlit as st

from budget_ui import auth
from budget_ui.api import ApiError, BackendUnavailable, SignedOut

logger = logging.getLogger("budget_ui")

st.set_page_config(page_title="Budget", page_icon="💶", layout="wide")

guide = st.Page("app_pages/guide.py", title="Guide", icon="📖")
profile = auth.user()
if profile is None:
    pages = [st.Page("app_pages/sign_in.py", title="Sign in", icon="🔑", default=True), guide]
else:
    pages = {
        "Budget": [
            st.Page("app_pages/overview.py", title="Overview", icon="💶", default=True),
            st.Page("app_pages/transactions.py", title="Transactions", icon="🧾"),
            st.Page("app_pages/setup.py", title="Budget setup", icon="🧰"),
        ],
        "Reports": [
            st.Page("app_pages/monthly.py", title="Monthly", icon="📅"),
            st.Page("app_pages/yearly.py", title="Yearly", icon="📈"),
            st.Page("app_pages/historical.py", title="Historical", icon="🏛️"),
        ],
        "Account": [st.Page("app_pages/account.py", title="Account", icon="👤"), guide],
    }
    with st.sidebar:
        st.caption(f"Signed in as `{profile['email']}`")
        if st.button("Sign out", key="app_sign_out"):
            auth.sign_out()
            st.rerun()

page = st.navigation(pages)
notice = st.session_state.pop("app_notice", None)
if notice:
    st.warning(notice)

try:
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
