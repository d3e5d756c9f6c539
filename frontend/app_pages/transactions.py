import math

import streamlit as st

from budget_ui import auth, components, data, editing, households, ledger, rules
from budget_ui import recurring as recurring_ui
from budget_ui import transactions as logic
from budget_ui.api import ApiError
from budget_ui.forms import FIRST_DAY, LAST_DAY
from budget_ui.money import money

currency = auth.currency()
st.title("Transactions")
components.clear_inputs("transactions")
components.show_flash("transactions")
writable = not households.viewer_note()

categories = data.categories(include_archived=True)
locations = data.locations(include_archived=True)
buckets = data.buckets(include_archived=True)
active = {
    name: [row for row in rows if not row["is_archived"]]
    for name, rows in (("categories", categories), ("locations", locations), ("buckets", buckets))
}
if not active["categories"] or not active["locations"] or not active["buckets"]:
    st.info("Add at least one location, one bucket and one category before recording transactions.")
    st.page_link("app_pages/setup.py", label="Budget setup", icon="🧰")
    st.stop()


def pick(container, label: str, rows: list[dict], key: str, **kwargs):
    """A select box over API rows, answering the chosen row's id."""
    names = {row["id"]: row["name"] for row in rows}
    return container.selectbox(label, list(names), format_func=names.get, key=key, **kwargs)


if writable:
    # Quick add first, always open: several transactions in a row need no re-opening.
    suggested = st.session_state.pop("transactions_suggested", None)  # from the rules, at the last Add
    if suggested:
        st.session_state["transactions_add_category"] = suggested["category"]
        if suggested["bucket"]:
            st.session_state["transactions_add_bucket"] = suggested["bucket"]
        st.info(f"Rule “{suggested['rule']}” suggests this category; check it and press Add transaction.")
    with st.container(key="transactions_add"), st.form("transactions_add_form"):
        st.markdown("**Add a transaction**")
        by_id = {row["id"]: row for row in active["categories"]}
        left, right = st.columns(2)
        category = left.selectbox(
            "Category",
            list(by_id),
            index=None,
            placeholder="Choose a category",
            format_func=lambda cid: logic.category_label(by_id[cid]),
            key="transactions_add_category",
        )
        amount = right.text_input(
            "Amount",
            placeholder="0.00",
            help="Income and expenses: the amount (the category gives the sign). Neutral: signed, "
            "negative takes money out of the location and bucket.",
            key="transactions_add_amount",
        )
        description = st.text_input("Description", key="transactions_add_description")
        left, middle, right = st.columns(3)
        day = left.text_input(
            "Date", value=components.today().isoformat(), help="2024-05-31", key="transactions_add_date"
        )
        location = pick(middle, "Location", active["locations"], "transactions_add_location")
        bucket = pick(right, "Bucket", active["buckets"], "transactions_add_bucket")
        split = st.checkbox(
            "Split an income over all buckets by their shares (its bucket is then not used)",
            value=True,
            key="transactions_add_split",
        )
        if st.form_submit_button("Add transaction", type="primary"):
            hint = (
                None
                if category
                else rules.suggestion(
                    description=description, amount=amount, location=location, categories=by_id
                )
            )
            if hint:
                st.session_state["transactions_suggested"] = hint
                st.rerun()
            try:
                body = logic.add_body(
                    category=by_id.get(category),
                    day=day,
                    amount=amount,
                    description=description,
                    location=location,
                    bucket=bucket,
                    split=split,
                )
            except ValueError as exc:
                st.error(str(exc))
            else:
                clear = {
                    "transactions_add_category": None,
                    "transactions_add_amount": "",
                    "transactions_add_description": "",
                }
                message = f"Added “{body['description']}”."
                components.create("transactions", data.transaction_create, message, clear, **body)

    with (
        st.expander("Move money (transfer)", key="transactions_transfer"),
        st.form("transactions_transfer_form"),
    ):
        st.caption("Between two locations, two buckets, or both. Nothing is earned or spent.")
        left, right = st.columns(2)
        day = left.text_input("Date", value=components.today().isoformat(), key="transactions_transfer_date")
        amount = right.text_input("Amount", placeholder="0.00", key="transactions_transfer_amount")
        description = st.text_input("Description", value="Transfer", key="transactions_transfer_description")
        left, right = st.columns(2)
        places = {
            "from_location": pick(
                left, "From location", active["locations"], "transactions_transfer_from_location"
            ),
            "from_bucket": pick(left, "From bucket", active["buckets"], "transactions_transfer_from_bucket"),
            "to_location": pick(
                right, "To location", active["locations"], "transactions_transfer_to_location"
            ),
            "to_bucket": pick(right, "To bucket", active["buckets"], "transactions_transfer_to_bucket"),
        }
        if st.form_submit_button("Transfer", type="primary"):
            try:
                body = logic.transfer_body(day=day, amount=amount, description=description, **places)
            except ValueError as exc:
                st.error(str(exc))
            else:
                message = f"Moved {money(body['amount'], currency)}."
                components.create(
                    "transactions",
                    data.transfer_create,
                    message,
                    {"transactions_transfer_amount": ""},
                    **body,
                )


# ------------------------------------------------------------------ filters and the list


def clear_filters() -> None:
    for key in logic.FILTER_KEYS:
        st.session_state[key] = "" if key in ("min", "max", "search") else None


# Every filter, the order, the page size and the page are bound to the URL: a reload or a shared
# link shows the same list.
with st.expander("Filters", key="transactions_filters"), st.form("transactions_filter_form"):
    row = st.columns(4)
    values = {
        "from": row[0].date_input(
            "From", value=None, min_value=FIRST_DAY, max_value=LAST_DAY, key="from", bind="query-params"
        ),
        "to": row[1].date_input(
            "To", value=None, min_value=FIRST_DAY, max_value=LAST_DAY, key="to", bind="query-params"
        ),
        "min": row[2].text_input("Amount at least", key="min", bind="query-params"),
        "max": row[3].text_input("Amount at most", key="max", bind="query-params"),
    }
    row = st.columns(4)
    kinds = {"": "Any", **ledger.SIGNS}
    for column, label, rows, key in (
        (row[0], "Category", categories, "category"),
        (row[2], "Location", locations, "location"),
        (row[3], "Bucket", buckets, "bucket"),
    ):
        values[key] = pick(column, label, rows, key, index=None, placeholder="Any", bind="query-params")
    values["kind"] = row[1].selectbox(
        "Kind",
        list(ledger.SIGNS),
        index=None,
        placeholder="Any",
        format_func=kinds.get,
        key="kind",
        bind="query-params",
    )
    values["search"] = st.text_input("Description contains", key="search", bind="query-params")
    apply_col, clear_col = st.columns([1, 6])
    apply_col.form_submit_button("Apply filters", type="primary")
    clear_col.form_submit_button("Clear filters", on_click=clear_filters)
    try:
        params = logic.filter_params(values)
    except ValueError as exc:
        st.error(str(exc))
        params = st.session_state.get("transactions_params", {})

if "transactions_params" in st.session_state and params != st.session_state["transactions_params"]:
    st.session_state["page"] = 1  # new filters start at their first page
st.session_state["transactions_params"] = params

left, middle, right = st.columns([2, 1, 1])
# The URL names an order as it reads ("Newest first"), the API by field ("-date").
orderings = {label: field for field, label in ledger.ORDERINGS.items()}
ordering = orderings[left.selectbox("Order", list(orderings), key="order", bind="query-params")]
page_size = middle.selectbox("Rows a page", logic.PAGE_SIZES, index=1, key="size", bind="query-params")
# The page's own widget comes after the list (its maximum is the list's page count): until it has
# run once, the page asked for is the URL's.
page_number = logic.page_number(st.session_state.get("page") or st.query_params.get("page"))
query = {**params, "ordering": ordering, "page_size": page_size}
try:
    answer = data.transactions(**query, page=page_number)
except ApiError as exc:
    if exc.status != 404 or page_number == 1:
        raise
    # The list got shorter than the page shown (a deletion, a bigger page size): show its last page.
    count = data.transactions(**query, page=1)["count"]
    st.session_state["page"] = max(1, math.ceil(count / page_size))
    st.rerun()
pages = max(1, math.ceil(answer["count"] / page_size))
right.number_input("Page", min_value=1, max_value=pages, step=1, key="page", bind="query-params")

rows = answer["results"]
st.caption(logic.list_caption(answer["count"], bool(params), page_number, pages, page_size, len(rows)))
if not rows:
    st.info(
        "No transactions match."
        if params
        else "No transactions yet." + (" Add one above." if writable else "")
    )
    st.stop()

table = ledger.table(rows, currency, by=households.shared())
editor_key = f"transactions_editor_{page_number}_{hash(tuple(r['id'] for r in rows))}"
if not writable:
    st.dataframe(table.drop(columns=["Delete"]), hide_index=True, width="stretch")
else:
    st.data_editor(
        table,
        key=editor_key,
        hide_index=True,
        width="stretch",
        disabled=["Split", "Transfer", "By"],
        column_config={
            "Delete": st.column_config.CheckboxColumn(
                "Delete",
                help="Tick rows, then press Delete selected; a transfer's leg deletes the whole transfer",
            ),
            "Date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "Amount": st.column_config.TextColumn(
                f"Amount ({currency})", help="The effect on your money: negative is spent or taken out"
            ),
            "Category": st.column_config.SelectboxColumn(
                "Category", options=sorted({r["name"] for r in categories})
            ),
            "Location": st.column_config.SelectboxColumn(
                "Location", options=sorted({r["name"] for r in locations})
            ),
            "Bucket": st.column_config.SelectboxColumn(
                "Bucket", options=[ledger.NO_BUCKET, *sorted({r["name"] for r in buckets})]
            ),
        },
    )
edited = st.session_state.get(editor_key, {}).get("edited_rows", {})
fields = ledger.edit_fields(ledger.by_name(categories), ledger.by_name(locations), ledger.by_name(buckets))
selected = [rows[int(i)] for i, edits in edited.items() if edits.get("Delete")]
changed = logic.signed_changes(editing.changes(rows, edited, fields), categories)

save_col, delete_col, export_col = st.columns(3) if writable else (None, None, st.container())
if writable and save_col.button(
    f"Save {logic.plural(len(changed), 'edited row')}", disabled=not changed, key="transactions_save"
):
    errors = editing.apply("transactions", changed, ledger.label)
    for error in errors:
        st.error(error)
    if not errors:
        components.flash("transactions", f"Saved {logic.plural(len(changed), 'row')}.")
        st.session_state.pop(editor_key, None)
        st.rerun()
if writable and delete_col.button(
    f"Delete {len(selected)} selected", disabled=not selected, key="transactions_delete", type="secondary"
):
    plain, transfers = logic.deletions(selected)
    errors = editing.apply("transactions", plain, ledger.label, delete=True)
    errors += editing.apply("transfers", transfers, ledger.label, delete=True)
    for error in errors:
        st.error(error)
    if not errors:
        components.flash("transactions", logic.deleted_message(len(plain), len(transfers)))
        st.rerun()
with export_col:
    export_query = {**params, "ordering": ordering}
    if st.button("Prepare CSV of the filtered list", key="transactions_export"):
        st.session_state["transactions_csv"] = (export_query, data.export_transactions(**export_query))
    prepared_for, csv = st.session_state.get("transactions_csv", (None, None))
    if prepared_for == export_query:
        st.download_button(
            "Download transactions.csv",
            csv,
            file_name="transactions.csv",
            mime="text/csv",
            key="transactions_download",
        )

if writable:
    recurring_ui.make_recurring(rows, currency)

split_rows = [r for r in rows if r["split_income"]]
if split_rows:
    st.subheader("Split incomes on this page")
    waiting = [r for r in split_rows if r["allocation_status"] != "ALLOCATED"]
    if waiting:
        st.caption(f"{len(waiting)} still being shared out over the buckets; reload in a moment.")
    st.dataframe(ledger.legs(split_rows, currency), hide_index=True, width="stretch")
