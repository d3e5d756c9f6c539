import math

import streamlit as st

from budget_ui import auth, components, data, editing, ledger
from budget_ui.api import ApiError
from budget_ui.money import parse_amount

currency = auth.currency()
st.title("Transactions")
components.show_flash("transactions")

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


def pick(label: str, rows: list[dict], key: str, **kwargs):
    """A select box over API rows, answering the chosen row's id."""
    names = {row["id"]: row["name"] for row in rows}
    return st.selectbox(label, list(names), format_func=names.get, key=key, **kwargs)


with st.expander("Add a transaction", expanded=False):
    signs = {row["id"]: row["sign"] for row in active["categories"]}
    names = {r["id"]: f"{r['name']} ({ledger.SIGNS[r['sign']].lower()})" for r in active["categories"]}
    category = st.selectbox("Category", list(names), format_func=names.get, key="transactions_add_category")
    sign = signs[category]
    split = sign == "POSITIVE" and st.checkbox(
        "Split this income over all buckets by their shares", key="transactions_add_split"
    )
    with st.form("transactions_add_form"):
        left, right = st.columns(2)
        date = left.date_input(
            "Date",
            value=components.today(),
            **ledger.DATE_RANGE,
            key="transactions_add_date",
        )
        amount_help = (
            "Signed: negative takes money out of the location and bucket, positive puts it in."
            if sign == "NEUTRAL"
            else "More than zero; the category says whether it comes in or goes out."
        )
        amount = right.text_input(
            "Amount", placeholder="0.00", help=amount_help, key="transactions_add_amount"
        )
        description = st.text_input("Description", max_chars=255, key="transactions_add_description")
        left, right = st.columns(2)
        with left:
            location = pick("Location", active["locations"], "transactions_add_location")
        bucket = None
        if not split:
            with right:
                bucket = pick("Bucket", active["buckets"], "transactions_add_bucket")
        if st.form_submit_button("Add transaction", type="primary"):
            try:
                body = {
                    "date": date.isoformat(),
                    "description": description.strip(),
                    "amount": parse_amount(amount),
                    "category": category,
                    "location": location,
                    "bucket": bucket,
                    "split_income": split,
                }
            except ValueError as exc:
                st.error(str(exc))
            else:
                clear = ("transactions_add_amount", "transactions_add_description")
                components.create(
                    "transactions", "transactions", body, f"Added “{body['description']}”.", clear
                )

with st.expander("Move money (transfer)", expanded=False), st.form("transactions_transfer_form"):
    st.caption("Between two locations, two buckets, or both. Nothing is earned or spent.")
    left, right = st.columns(2)
    date = left.date_input(
        "Date",
        value=components.today(),
        **ledger.DATE_RANGE,
        key="transactions_transfer_date",
    )
    amount = right.text_input("Amount", placeholder="0.00", key="transactions_transfer_amount")
    description = st.text_input("Description", value="Transfer", key="transactions_transfer_description")
    left, right = st.columns(2)
    with left:
        from_location = pick("From location", active["locations"], "transactions_transfer_from_location")
        from_bucket = pick("From bucket", active["buckets"], "transactions_transfer_from_bucket")
    with right:
        to_location = pick("To location", active["locations"], "transactions_transfer_to_location")
        to_bucket = pick("To bucket", active["buckets"], "transactions_transfer_to_bucket")
    if st.form_submit_button("Transfer", type="primary"):
        try:
            body = {
                "date": date.isoformat(),
                "description": description.strip(),
                "amount": parse_amount(amount),
                "from_location": from_location,
                "to_location": to_location,
                "from_bucket": from_bucket,
                "to_bucket": to_bucket,
            }
        except ValueError as exc:
            st.error(str(exc))
        else:
            components.create(
                "transactions",
                "transfers",
                body,
                f"Moved {body['amount']} {currency}.",
                ("transactions_transfer_amount",),
            )

# ------------------------------------------------------------------ filters and the list

filters = st.session_state.setdefault("transactions_filters", {})
with st.expander("Filters", expanded=bool(filters)), st.form("transactions_filter_form"):
    row = st.columns(4)
    date_from = row[0].date_input(
        "From",
        value=filters.get("date_from"),
        **ledger.DATE_RANGE,
        key="transactions_f_from",
    )
    date_to = row[1].date_input(
        "To", value=filters.get("date_to"), **ledger.DATE_RANGE, key="transactions_f_to"
    )
    amount_min = row[2].text_input(
        "Amount at least", value=filters.get("amount_min", ""), key="transactions_f_min"
    )
    amount_max = row[3].text_input(
        "Amount at most", value=filters.get("amount_max", ""), key="transactions_f_max"
    )
    row = st.columns(4)

    def choose(column, label, rows, key):
        options = {"": "Any", **{r["id"]: r["name"] for r in rows}}
        current = filters.get(key, "")
        return column.selectbox(
            label,
            list(options),
            index=list(options).index(current) if current in options else 0,
            format_func=options.get,
            key=f"transactions_f_{key}",
        )

    category_filter = choose(row[0], "Category", categories, "category")
    sign_options = {"": "Any", **ledger.SIGNS}
    sign_filter = row[1].selectbox(
        "Kind",
        list(sign_options),
        index=list(sign_options).index(filters.get("sign", "")),
        format_func=sign_options.get,
        key="transactions_f_sign",
    )
    location_filter = choose(row[2], "Location", locations, "location")
    bucket_filter = choose(row[3], "Bucket", buckets, "bucket")
    search = st.text_input(
        "Description contains", value=filters.get("search", ""), key="transactions_f_search"
    )
    apply_col, clear_col = st.columns([1, 6])
    if apply_col.form_submit_button("Apply filters", type="primary"):
        candidate = {
            "date_from": date_from,
            "date_to": date_to,
            "amount_min": amount_min,
            "amount_max": amount_max,
            "category": category_filter,
            "sign": sign_filter,
            "location": location_filter,
            "bucket": bucket_filter,
            "search": search,
        }
        try:
            ledger.filter_params(candidate)
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.session_state["transactions_filters"] = {k: v for k, v in candidate.items() if v}
            st.session_state["transactions_page"] = 1
            st.rerun()
    if clear_col.form_submit_button("Clear filters"):
        for key in [key for key in st.session_state if key.startswith("transactions_f_")]:
            del st.session_state[key]  # the inputs too, or they would show (and re-send) the old values
        st.session_state["transactions_filters"] = {}
        st.session_state["transactions_page"] = 1
        st.rerun()

params = ledger.filter_params(filters)
left, middle, right = st.columns([2, 1, 1])
ordering = left.selectbox(
    "Order", list(ledger.ORDERINGS), format_func=ledger.ORDERINGS.get, key="transactions_ordering"
)
page_size = middle.selectbox("Rows a page", [25, 50, 100, 200], index=1, key="transactions_page_size")
page_number = st.session_state.get("transactions_page", 1)
query = {**params, "ordering": ordering, "page_size": page_size}
try:
    answer = data.transactions(**query, page=page_number)
except ApiError as exc:
    if exc.status != 404 or page_number == 1:
        raise
    # The list got shorter than the page shown (a deletion, a bigger page size): show its last page.
    count = data.transactions(**query, page=1)["count"]
    st.session_state["transactions_page"] = max(1, math.ceil(count / page_size))
    st.rerun()
pages = max(1, math.ceil(answer["count"] / page_size))
right.number_input("Page", min_value=1, max_value=pages, step=1, key="transactions_page")

rows = answer["results"]
first = (page_number - 1) * page_size + 1
st.caption(
    f"{answer['count']:,} transactions"
    + (" match the filters" if filters else "")
    + (f"; showing {first:,}-{first + len(rows) - 1:,}, page {page_number} of {pages}" if rows else "")
)
if not rows:
    st.info("No transactions match." if filters else "No transactions yet. Add one above.")
    st.stop()

editor_key = f"transactions_editor_{page_number}_{hash(tuple(r['id'] for r in rows))}"
st.data_editor(
    ledger.table(rows, currency),
    key=editor_key,
    hide_index=True,
    width="stretch",
    disabled=["Effect", "Split", "Transfer"],
    column_config={
        "Delete": st.column_config.CheckboxColumn(
            "Delete",
            help="Tick rows, then press Delete selected; a transfer's leg deletes the whole transfer",
        ),
        "Date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
        "Amount": st.column_config.TextColumn("Amount", help="Positive; signed for neutral categories"),
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
changed = editing.changes(rows, edited, fields)

save_col, delete_col, export_col = st.columns(3)
if save_col.button(f"Save {len(changed)} edited row(s)", disabled=not changed, key="transactions_save"):
    errors = editing.apply("transactions", changed, ledger.label)
    for error in errors:
        st.error(error)
    if not errors:
        components.flash("transactions", f"Saved {len(changed)} row(s).")
        st.session_state.pop(editor_key, None)
        st.rerun()
if delete_col.button(
    f"Delete {len(selected)} selected", disabled=not selected, key="transactions_delete", type="secondary"
):
    # A transfer's legs only go together: a ticked leg deletes its transfer (once, however many legs).
    transfers = {row["transfer"]: {**row, "id": row["transfer"]} for row in selected if row["transfer"]}
    plain = [editing.Change(row) for row in selected if not row["transfer"]]
    errors = editing.apply("transactions", plain, ledger.label, delete=True)
    errors += editing.apply(
        "transfers", [editing.Change(t) for t in transfers.values()], ledger.label, delete=True
    )
    for error in errors:
        st.error(error)
    if not errors:
        done = [f"{len(plain)} transaction(s)"] * bool(plain) + [f"{len(transfers)} transfer(s)"] * bool(
            transfers
        )
        components.flash("transactions", f"Deleted {' and '.join(done)}.")
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

split_rows = [r for r in rows if r["split_income"]]
if split_rows:
    st.subheader("Split incomes on this page")
    waiting = [r for r in split_rows if r["allocation_status"] != "ALLOCATED"]
    if waiting:
        st.caption(f"{len(waiting)} still being shared out over the buckets; reload in a moment.")
    st.dataframe(ledger.legs(split_rows, currency), hide_index=True, width="stretch")
