import streamlit as st

from budget_ui import components, data, households
from budget_ui import rules as logic
from budget_ui.api import ApiError

st.title("Rules")
st.caption(
    "The first active rule (lowest priority number) whose conditions all hold proposes its category "
    "for imported rows and for the add form. Text matching ignores case and accents."
)
components.show_flash("rules")
writable = not households.viewer_note()
locations = {r["id"]: r["name"] for r in data.locations() if not r["is_archived"]}
categories = {r["id"]: r["name"] for r in data.categories() if not r["is_archived"]}
buckets = {r["id"]: r["name"] for r in data.buckets() if not r["is_archived"]}
names = {**locations, **categories, **buckets}
rules = logic.rules()

if rules:
    st.dataframe(logic.table(rules, names), hide_index=True, key="rules_table")
else:
    st.info("No rules yet.")

with st.form("rules_test_form"):
    st.markdown("**Test a description**")
    left, right = st.columns([3, 1])
    text = left.text_input("Description", key="rules_test_description")
    amount = right.text_input("Amount (negative for money out)", key="rules_test_amount")
    if st.form_submit_button("Test"):
        try:
            found = logic.match(text, amount)
        except ApiError as exc:
            st.error(exc.message)
        else:
            if found["rule"]:
                st.success(
                    f"Rule “{found['rule_name']}”: {names.get(found['actions']['category'], 'no category')}"
                )
            else:
                st.info("No rule matches.")

if not writable:
    st.stop()

by_id = {rule["id"]: rule for rule in rules}
chosen = st.selectbox(
    "Rule",
    [None, *by_id],
    format_func=lambda rid: "New rule" if rid is None else by_id[rid]["name"],
    key="rules_pick",
)
rule = by_id.get(chosen)
cond, act = (rule or {}).get("conditions", {}), (rule or {}).get("actions", {})


def _index(options: list, value) -> int:
    return options.index(value) if value in options else 0


with st.form(f"rules_form_{chosen}"):
    left, middle, right = st.columns([3, 1, 1])
    name = left.text_input("Name", value=(rule or {}).get("name", ""), key="rules_name")
    priority = middle.number_input(
        "Priority", value=(rule or {}).get("priority", 100), step=1, key="rules_priority"
    )
    active = right.checkbox("Active", value=(rule or {}).get("is_active", True), key="rules_active")
    st.markdown("When")
    left, middle, right = st.columns([3, 1, 1])
    contains = left.text_input(
        "Description contains", value=cond.get("description_contains", ""), key="rules_contains"
    )
    low = middle.text_input("Amount from", value=cond.get("amount_min") or "", key="rules_min")
    high = right.text_input("Amount up to", value=cond.get("amount_max") or "", key="rules_max")
    left, right = st.columns(2)
    location = components.optional_select(
        left, "Location", locations, cond.get("location"), blank="any", key="rules_location"
    )
    directions = list(logic.DIRECTIONS)
    direction = right.selectbox(
        "Direction",
        directions,
        index=_index(directions, cond.get("direction")),
        format_func=logic.DIRECTIONS.get,
        key="rules_direction",
    )
    st.markdown("Then")
    left, middle, right = st.columns(3)
    category = components.optional_select(
        left, "Category", categories, act.get("category"), blank="—", key="rules_category"
    )
    bucket = components.optional_select(
        middle, "Bucket", buckets, act.get("bucket"), blank="—", key="rules_bucket"
    )
    split = right.checkbox(
        "Split income over buckets", value=bool(act.get("split_income")), key="rules_split"
    )
    description = st.text_input("Rename to", value=act.get("description") or "", key="rules_description")
    if st.form_submit_button("Save rule" if rule else "Add rule", type="primary"):
        body = logic.body(
            name=name,
            priority=priority,
            is_active=active,
            contains=contains,
            amount_min=low,
            amount_max=high,
            location=location,
            direction=direction,
            category=category,
            bucket=bucket,
            split_income=split,
            description=description,
        )
        try:
            logic.update(rule["id"], body) if rule else logic.create(body)
        except ApiError as exc:
            st.error(exc.message)
        else:
            components.flash("rules", f"Saved rule “{body['name']}”.")
            st.rerun()
if rule and st.button("Delete this rule", key="rules_delete"):
    logic.delete(rule["id"])
    components.flash("rules", f"Deleted rule “{rule['name']}”.")
    st.rerun()
