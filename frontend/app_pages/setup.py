import pandas as pd
import streamlit as st

from budget_ui import auth, charts, components, data, editing, forms, goals, households
from budget_ui.api import ApiError
from budget_ui.forms import name, percentage
from budget_ui.money import money, parse_amount

currency = auth.currency()
SIGN_LABELS = {"POSITIVE": "Income (positive)", "NEGATIVE": "Expense (negative)", "NEUTRAL": "Neutral"}


def add(write, message: str, clear: dict, **body) -> None:
    components.create("setup", write, message, clear, **body)


def edit_and_archive(resource: str, singular: str, rows: list[dict], columns: dict, fields: dict) -> None:
    """A table whose names (and percentages) are edited in place, and an archive action."""
    frame = pd.DataFrame(columns)
    if not writable:
        st.dataframe(frame, hide_index=True, width="stretch")
        return
    editor_key = f"setup_{resource}_editor"
    st.data_editor(
        frame,
        key=editor_key,
        hide_index=True,
        width="stretch",
        disabled=[column for column in frame.columns if column not in fields],
    )
    edited = st.session_state.get(editor_key, {}).get("edited_rows", {})
    if st.button("Save changes", key=f"setup_{resource}_save", disabled=not edited):
        errors = editing.apply(resource, editing.changes(rows, edited, fields), lambda row: row["name"])
        for error in errors:
            st.error(error)
        if not errors:
            components.flash("setup", "Saved.")
            st.session_state.pop(editor_key, None)
            st.rerun()

    active = [row for row in rows if not row["is_archived"]]
    if not active:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    target = left.selectbox(
        f"Archive a {singular}",
        active,
        format_func=lambda row: row["name"],
        index=None,
        placeholder=f"Choose a {singular}",
        key=f"setup_{resource}_archive_choice",
    )
    if right.button("Archive", key=f"setup_{resource}_archive", disabled=target is None):
        try:
            data.delete(resource, target["id"])
        except ApiError as exc:
            st.error(exc.message)
        else:
            components.flash("setup", f"Archived “{target['name']}”. Show archived to see it again.")
            st.rerun()


st.title("Budget setup")
components.clear_inputs("setup")
components.show_flash("setup")
writable = not households.viewer_note()
show_archived = st.toggle("Show archived", key="setup_show_archived", bind="query-params")
# Keyed and bound to the URL: an add or a save on Buckets stays on Buckets, with its message.
locations_tab, buckets_tab, categories_tab = st.tabs(
    ["Locations", "Buckets", "Categories"], key="tab", bind="query-params"
)

with locations_tab:
    st.caption("Where money is: a wallet, a bank account, a card.")
    if writable:
        with st.form("setup_location_form"):
            new_name = st.text_input(
                "New location", placeholder="Cash, ING, Revolut", key="setup_location_name"
            )
            st.caption(
                "Money already there (optional): recorded as an opening balance on the day you choose."
            )
            left, middle, right = st.columns(3)
            opening = left.text_input("Opening balance", placeholder="0.00", key="setup_location_opening")
            opening_date = middle.text_input(
                "On", value=components.today().isoformat(), key="setup_location_opening_date"
            )
            bucket_rows = [r for r in data.buckets() if not r["is_archived"]]
            bucket_names = {r["id"]: r["name"] for r in bucket_rows}
            opening_bucket = right.selectbox(
                "Into bucket",
                list(bucket_names),
                format_func=bucket_names.get,
                index=None,
                placeholder="Choose a bucket" if bucket_names else "Add a bucket first",
                key="setup_location_opening_bucket",
            )
            if st.form_submit_button("Add location"):
                try:
                    body = forms.location_body(new_name, opening, opening_date, opening_bucket, parse_amount)
                except ValueError as exc:
                    st.error(str(exc))
                else:
                    add(
                        data.location_create,
                        f"Added location “{body['name']}”.",
                        {
                            "setup_location_name": "",
                            "setup_location_opening": "",
                            "setup_location_opening_bucket": None,
                        },
                        **body,
                    )
    rows = data.locations(include_archived=show_archived)
    edit_and_archive(
        "locations",
        "location",
        rows,
        {
            "Name": [r["name"] for r in rows],
            "Balance": [money(r["balance"], currency) for r in rows],
            "Archived": [r["is_archived"] for r in rows],
        },
        {"Name": ("name", name)},
    )

with buckets_tab:
    st.caption("What money is for. Each takes a share of every split income; the shares add up to 100 %.")
    allocation = data.allocation()
    gauge, explain = st.columns([2, 3])
    gauge.plotly_chart(charts.allocation_gauge(allocation["total_percentage"]), width="stretch")
    if allocation["is_complete"]:
        explain.success("Your buckets take 100 % of each income: incomes can be split.")
    else:
        explain.warning(
            f"{allocation['remaining_percentage']} % of each income is not given to any bucket yet. "
            "Split incomes wait until the buckets add up to 100 %."
        )
    if writable:
        with st.form("setup_bucket_form"):
            left, right = st.columns([3, 1])
            new_name = left.text_input("New bucket", placeholder="Necessities", key="setup_bucket_name")
            share = right.text_input("Share of income (%)", value="0", key="setup_bucket_share")
            left, right = st.columns(2)
            target = left.text_input("Goal (optional)", placeholder="1500.00", key="setup_bucket_goal")
            by = right.text_input(
                "Reach it by (optional)", placeholder="2026-12-31", key="setup_bucket_goal_date"
            )
            if st.form_submit_button("Add bucket"):
                try:
                    body = {"name": name(new_name), "allocation_percentage": percentage(share)}
                    body.update(goals.goal_body(target, by))
                except ValueError as exc:
                    st.error(str(exc))
                else:
                    add(
                        data.bucket_create,
                        f"Added bucket “{body['name']}”.",
                        {
                            "setup_bucket_name": "",
                            "setup_bucket_share": "0",
                            "setup_bucket_goal": "",
                            "setup_bucket_goal_date": "",
                        },
                        **body,
                    )
    rows = data.buckets(include_archived=show_archived)
    edit_and_archive(
        "buckets",
        "bucket",
        rows,
        {
            "Name": [r["name"] for r in rows],
            "Share %": [r["allocation_percentage"] for r in rows],
            "Balance": [money(r["balance"], currency) for r in rows],
            "Goal": [r["goal_amount"] or "" for r in rows],
            "Goal date": [r["goal_date"] or "" for r in rows],
            "Progress": [goals.summary(r["goal"], currency) for r in rows],
            "Archived": [r["is_archived"] for r in rows],
        },
        {
            "Name": ("name", name),
            "Share %": ("allocation_percentage", percentage),
            "Goal": ("goal_amount", goals.goal_amount),
            "Goal date": ("goal_date", goals.goal_date),
        },
    )
    st.caption("A goal is the balance a bucket should reach; clear the goal's cell to remove it.")

with categories_tab:
    st.caption(
        "What a transaction is: income (positive), an expense (negative) or neutral "
        "(transfers, loans: money that moves without being earned or spent)."
    )
    if writable:
        with st.form("setup_category_form"):
            left, right = st.columns([3, 2])
            new_name = left.text_input("New category", placeholder="Groceries", key="setup_category_name")
            sign = right.selectbox(
                "Kind", list(SIGN_LABELS), format_func=SIGN_LABELS.get, key="setup_category_sign"
            )
            if st.form_submit_button("Add category"):
                try:
                    body = {"name": name(new_name), "sign": sign}
                except ValueError as exc:
                    st.error(str(exc))
                else:
                    add(
                        data.category_create,
                        f"Added category “{body['name']}”.",
                        {"setup_category_name": ""},
                        **body,
                    )
    rows = data.categories(include_archived=show_archived)
    edit_and_archive(
        "categories",
        "category",
        rows,
        {
            "Name": [r["name"] for r in rows],
            "Kind": [SIGN_LABELS[r["sign"]] for r in rows],
            "Archived": [r["is_archived"] for r in rows],
        },
        {"Name": ("name", name)},
    )
