import streamlit as st

from budget_ui import data, households
from budget_ui import imports as logic
from budget_ui.api import ApiError

st.title("Import a statement")
writable = not households.viewer_note()
locations = [row for row in data.locations() if not row["is_archived"]]
categories = {row["id"]: row["name"] for row in data.categories(include_archived=True)}
buckets = {row["id"]: row["name"] for row in data.buckets(include_archived=True)}
place_names = {row["id"]: row["name"] for row in locations}
current = st.query_params.get("import")

if writable and not current:
    if not locations:
        st.info("Add a location (the account the statement is of) in Budget setup first.")
        st.stop()
    location = st.selectbox(
        "Account (location)", list(place_names), format_func=place_names.get, key="imports_location"
    )
    upload = st.file_uploader(
        "Bank statement (CSV, OFX or QFX; at most 5 MB)",
        type=["csv", "txt", "ofx", "qfx"],
        key="imports_file",
    )
    mapping = None
    if upload is not None:
        content = upload.getvalue()
        first = logic.preview(content)
        if first is not None:
            st.caption("The first rows of the file")
            st.dataframe(first, hide_index=True, key="imports_preview")
            with st.expander("Columns (detected unless you set them)", key="imports_mapping"):
                columns = [None, *first.columns]
                left, middle, right = st.columns(3)
                date = left.selectbox("Date column", columns, key="imports_map_date")
                description = middle.selectbox("Description column", columns, key="imports_map_description")
                amount = right.selectbox("Amount column (signed)", columns, key="imports_map_amount")
                left, middle, right = st.columns(3)
                debit = left.selectbox("…or debit (money out)", columns, key="imports_map_debit")
                credit = middle.selectbox("…and credit (money in)", columns, key="imports_map_credit")
                date_format = right.selectbox(
                    "Date format", [None, *logic.DATE_FORMATS], key="imports_map_format"
                )
                decimal = st.radio(
                    "Decimal separator",
                    [None, ".", ","],
                    horizontal=True,
                    key="imports_map_decimal",
                    format_func=lambda d: "detect" if d is None else d,
                )
                if date or description or amount or debit or credit:
                    try:
                        mapping = logic.mapping_body(
                            date=date,
                            description=description,
                            amount=amount,
                            debit=debit,
                            credit=credit,
                            date_format=date_format,
                            decimal=decimal,
                        )
                    except ValueError as exc:
                        st.warning(str(exc))
        if st.button("Upload and read", type="primary", key="imports_upload"):
            try:
                statement = logic.upload(
                    filename=upload.name, content=content, location=location, mapping=mapping
                )
            except ApiError as exc:
                st.error(exc.message)
            else:
                st.query_params["import"] = statement["id"]
                st.rerun()

if current:
    try:
        statement = logic.get(current)
    except ApiError as exc:
        st.error(exc.message)
        st.query_params.pop("import", None)
        st.stop()
    st.subheader(
        f"{statement['filename']} → {place_names.get(statement['location'], 'an archived location')}"
    )
    if st.button("Back to the imports", key="imports_back"):
        st.query_params.pop("import", None)
        st.rerun()
    if statement["status"] in logic.WORKING:
        fraction, words = logic.progress(statement)
        st.progress(fraction, text=words)
        if st.button("Refresh", key="imports_refresh"):
            st.rerun()
        st.stop()
    if statement["status"] == "FAILED":
        st.error(f"The file could not be read: {statement['error']}")
    counts = statement["counts"]
    st.caption(
        f"{counts['rows']:,} rows: {counts['new']:,} new, {counts['duplicate']:,} already imported, "
        f"{counts['possible_duplicate']:,} maybe typed by hand, {counts['invalid']:,} unreadable"
    )
    if statement.get("mapping"):
        st.caption("Read with: " + ", ".join(f"{k} = {v}" for k, v in statement["mapping"].items()))
    if statement["status"] == "COMMITTED":
        st.success(f"Committed: {statement['created']:,} transactions added.")
    elif statement["status"] == "READY" and statement["error"]:
        st.error(statement["error"])
    if statement["status"] in ("READY", "COMMITTED"):
        table = logic.rows_frame(logic.rows(current), categories, buckets)
        editable = writable and statement["status"] == "READY"
        edited = st.data_editor(
            table,
            hide_index=True,
            disabled=[c for c in table.columns if not editable or c not in logic.EDITABLE],
            column_config={
                "Category": st.column_config.SelectboxColumn("Category", options=sorted(categories.values())),
                "Bucket": st.column_config.SelectboxColumn(
                    "Bucket", options=["(split)", *sorted(buckets.values())]
                ),
            },
            key=f"imports_rows_{current}",
        )
        if editable:
            left, right, _ = st.columns([1, 1, 3])
            if left.button("Commit", type="primary", key="imports_commit"):
                try:
                    logic.save(current, logic.changes(table, edited, categories, buckets))
                    logic.commit(current)
                except ApiError as exc:
                    st.error(exc.message)
                else:
                    st.rerun()
            if right.button("Discard", key="imports_discard"):
                logic.discard(current)
                st.query_params.pop("import", None)
                st.rerun()
    elif writable and statement["status"] == "FAILED" and st.button("Discard", key="imports_discard"):
        logic.discard(current)
        st.query_params.pop("import", None)
        st.rerun()
    st.stop()

st.subheader("Past imports")
past = logic.past()
if not past:
    st.info("No statements imported yet.")
for item in past:
    left, right = st.columns([4, 1])
    left.write(
        f"**{item['filename']}** · {item['status'].lower()} · {item['counts']['rows']:,} rows"
        + (f" · {item['created']:,} added" if item["created"] is not None else "")
    )
    if right.button("Open", key=f"imports_open_{item['id']}"):
        st.query_params["import"] = item["id"]
        st.rerun()
