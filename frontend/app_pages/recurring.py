import streamlit as st

from budget_ui import auth, components, data, households
from budget_ui import recurring as logic
from budget_ui.api import ApiError

currency = auth.currency()
st.title("Recurring")
st.caption("Rent, salary, subscriptions: entered once, posted on their dates.")
components.clear_inputs("recurring")
components.show_flash("recurring")
writable = not households.viewer_note()


def act(message: str, method: str, *args, clear: dict | None = None) -> None:
    try:
        logic.write(method, *args)
    except ApiError as exc:
        st.error(exc.message)
        return
    st.session_state["recurring_clear"] = clear or {}
    components.flash("recurring", message)
    st.rerun()


def pick(container, label, rows, key, **kwargs):
    names = {row["id"]: row["name"] for row in rows}
    return container.selectbox(label, list(names), format_func=names.get, key=key, **kwargs)


# ------------------------------------------------------------------ the next 30 days
st.subheader("Next 30 days")
entries = logic.upcoming(30)
if not entries:
    st.info("Nothing due in the next 30 days.")
else:
    st.dataframe(logic.upcoming_table(entries, currency), hide_index=True, width="stretch")
    if writable:
        left, post_col, skip_col = st.columns([4, 1, 1])
        by_key = {logic.entry_key(entry): entry for entry in entries}
        chosen = left.selectbox(
            "Occurrence",
            list(by_key),
            format_func=lambda key: logic.entry_label(by_key[key], currency),
            key="recurring_occurrence",
        )
        entry = by_key.get(chosen)
        if entry and post_col.button("Post now", key="recurring_post", type="primary"):
            act(
                f"Posted “{entry['name']}” of {entry['date']}.",
                "recurring_post",
                entry["recurring"],
                entry["date"],
            )
        if entry and skip_col.button("Skip", key="recurring_skip"):
            act(
                f"Skipped “{entry['name']}” of {entry['date']}.",
                "recurring_skip",
                entry["recurring"],
                entry["date"],
            )

# ------------------------------------------------------------------ the items
st.subheader("Items")
items = logic.items()
if items:
    st.dataframe(logic.items_table(items, currency), hide_index=True, width="stretch")
else:
    st.info("No recurring items yet." + (" Add one below." if writable else ""))
if not writable:
    st.stop()

active = {
    "categories": [r for r in data.categories() if not r["is_archived"]],
    "locations": [r for r in data.locations() if not r["is_archived"]],
    "buckets": [r for r in data.buckets() if not r["is_archived"]],
}
if not all(active.values()):
    st.info("Add a location, a bucket and a category in Budget setup first.")
    st.stop()


def schedule_inputs(prefix: str, item: dict | None = None) -> dict:
    item = item or {}
    left, middle, right = st.columns(3)
    frequency = left.selectbox(
        "Repeats",
        list(logic.FREQUENCIES),
        index=list(logic.FREQUENCIES).index(item.get("frequency", "MONTHLY")),
        format_func=logic.FREQUENCIES.get,
        key=f"{prefix}_frequency",
    )
    interval = middle.number_input(
        "Every", min_value=1, max_value=99, value=item.get("interval", 1), key=f"{prefix}_interval"
    )
    day = right.selectbox(
        "Day (monthly)",
        logic.DAYS,
        index=logic.DAYS.index(item["day"]) if item.get("day") is not None else 1,
        format_func=logic.day_label,
        key=f"{prefix}_day",
    )
    left, right = st.columns(2)
    start = left.text_input(
        "Starts", value=item.get("start_date", components.today().isoformat()), key=f"{prefix}_start"
    )
    end = right.text_input("Ends (optional)", value=item.get("end_date") or "", key=f"{prefix}_end")
    return {"frequency": frequency, "interval": interval, "day": day, "start": start, "end": end}


# ------------------------------------------------------------------ add
with st.expander("Add a recurring item", key="recurring_add"):
    kind = st.radio(
        "Kind", list(logic.KINDS), format_func=logic.KINDS.get, horizontal=True, key="recurring_add_kind"
    )
    with st.form("recurring_add_form"):
        name = st.text_input("Name", key="recurring_add_name")
        left, right = st.columns(2)
        amount = left.text_input("Amount", placeholder="0.00", key="recurring_add_amount")
        description = right.text_input("Description", key="recurring_add_description")
        left, middle, right = st.columns(3)
        if kind == "TRANSACTION":
            by_category = {row["id"]: row for row in active["categories"]}
            category = left.selectbox(
                "Category",
                list(by_category),
                format_func=lambda cid: by_category[cid]["name"],
                key="recurring_add_category",
            )
            location = pick(middle, "Location", active["locations"], "recurring_add_location")
            bucket = pick(right, "Bucket", active["buckets"], "recurring_add_bucket")
            split = st.checkbox("Split an income over all buckets", key="recurring_add_split")
        else:
            places = {
                "from_location": pick(
                    left, "From location", active["locations"], "recurring_add_from_location"
                ),
                "from_bucket": pick(left, "From bucket", active["buckets"], "recurring_add_from_bucket"),
                "to_location": pick(middle, "To location", active["locations"], "recurring_add_to_location"),
                "to_bucket": pick(middle, "To bucket", active["buckets"], "recurring_add_to_bucket"),
            }
        schedule = schedule_inputs("recurring_add")
        auto_post = st.checkbox("Post by itself on each date", value=True, key="recurring_add_auto")
        if st.form_submit_button("Add recurring item", type="primary"):
            try:
                if kind == "TRANSACTION":
                    template = logic.transaction_template(
                        category=by_category.get(category), amount=amount, description=description or name,
                        location=location, bucket=bucket, split=split,
                    )  # fmt: skip
                else:
                    template = logic.transfer_template(
                        amount=amount, description=description or name, **places
                    )
                body = logic.item_body(
                    name=name, kind=kind, template=template, auto_post=auto_post, **schedule
                )
            except ValueError as exc:
                st.error(str(exc))
            else:
                cleared = {f"recurring_add_{field}": "" for field in ("name", "amount", "description")}
                act(f"Added “{body['name']}”.", "create", body, clear=cleared)

# ------------------------------------------------------------------ edit
if items:
    with st.expander("Change or delete an item", key="recurring_edit"):
        by_id = {item["id"]: item for item in items}
        chosen = st.selectbox(
            "Item", list(by_id), format_func=lambda i: by_id[i]["name"], key="recurring_edit_item"
        )
        item = by_id[chosen]
        with st.form(f"recurring_edit_form_{chosen}"):
            name = st.text_input("Name", value=item["name"], key=f"recurring_edit_{chosen}_name")
            left, right = st.columns(2)
            amount = left.text_input(
                "Amount", value=item["template"]["amount"], key=f"recurring_edit_{chosen}_amount"
            )
            description = right.text_input(
                "Description",
                value=item["template"]["description"],
                key=f"recurring_edit_{chosen}_description",
            )
            schedule = schedule_inputs(f"recurring_edit_{chosen}", item)
            left, right = st.columns(2)
            auto_post = left.checkbox(
                "Post by itself on each date", value=item["auto_post"], key=f"recurring_edit_{chosen}_auto"
            )
            is_active = right.checkbox(
                "Active", value=item["is_active"], key=f"recurring_edit_{chosen}_active"
            )
            st.caption("Changes apply to the dates to come; what was posted stays as it is.")
            if st.form_submit_button("Save changes", type="primary"):
                try:
                    body = logic.edit_body(
                        item, name=name, amount=amount, description=description,
                        auto_post=auto_post, is_active=is_active, **schedule,
                    )  # fmt: skip
                except ValueError as exc:
                    st.error(str(exc))
                else:
                    act(f"Saved “{item['name']}”.", "update", item["id"], body)
        if st.button("Delete this item", key="recurring_delete"):
            act(f"Deleted “{item['name']}”; its posted transactions stay.", "delete", item["id"])
