"""Turning `st.data_editor` edits into API writes, one row at a time, each with its own error."""

from collections.abc import Callable
from dataclasses import dataclass, field

from budget_ui import data
from budget_ui.api import ApiError


@dataclass
class Change:
    row: dict  # the row as the API sent it
    body: dict = field(default_factory=dict)  # the PATCH body
    error: str | None = None  # why the edit cannot be sent as typed


def changes(rows: list[dict], edited_rows: dict, fields: dict[str, tuple[str, Callable]]) -> list[Change]:
    """The PATCH body of every edited row.

    `edited_rows` is the data editor's `{row index: {column: new value}}`; `fields` maps an editable
    column to its API field and a converter (which raises ValueError with a message for bad input).
    Columns not in `fields` (a selection checkbox, say) are ignored.
    """
    result = []
    for index, edits in sorted(edited_rows.items(), key=lambda item: int(item[0])):
        change = Change(rows[int(index)])
        for column, value in edits.items():
            if column not in fields:
                continue
            api_field, convert = fields[column]
            try:
                change.body[api_field] = convert(value)
            except ValueError as exc:
                change.error = f"{column}: {exc}"
                break
        if change.body or change.error:
            result.append(change)
    return result


def apply(
    resource: str, items: list[Change], label: Callable[[dict], str], delete: bool = False
) -> list[str]:
    """PATCH (or DELETE) each row; the messages of those that failed, prefixed with the row's label."""
    errors = []
    for item in items:
        if item.error:
            errors.append(f"{label(item.row)}: {item.error}")
            continue
        try:
            if delete:
                data.delete(resource, item.row["id"])
            else:
                data.update(resource, item.row["id"], item.body)
        except ApiError as exc:
            errors.append(f"{label(item.row)}: {exc.message}")
    return errors
