"""Pages of lists: numbered (`?page=`), or by keyset cursor (`?cursor=`) for clients that walk a whole
list, where every page costs the same however deep it lies."""

import base64
import binascii
import json

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

BAD_CURSOR = "Invalid cursor: send the next_cursor of the previous answer, or an empty cursor to start."


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M`. A view that knows its list's size without counting it (from stored
    totals) says so with `list_count()`, which returns None when it cannot (a filtered list)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        self.known_count = getattr(view, "list_count", lambda: None)()
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, queryset, page_size):
        paginator = pagination.DjangoPaginator(queryset, page_size)
        if self.known_count is not None:
            paginator.count = self.known_count  # a cached_property: set, it is never computed
        return paginator


class PageOrCursorPagination(PageNumberPagination):
    """Numbered pages, or with `?cursor=` keyset pages: `{"next_cursor", "results"}`.

    The cursor holds the ordering keys of the page's last row; the next page is the rows after it in
    the list's order, which ends with the primary key so that no two rows tie. With an index in
    that order, a page deep in the list is one index range, like the first.
    """

    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        if self.cursor_query_param not in request.query_params:
            self.cursor_mode = False
            return super().paginate_queryset(queryset, request, view)
        self.cursor_mode = True
        size = self.get_page_size(request)
        keys = _keys(queryset)
        queryset = queryset.order_by(*(f"-{name}" if desc else name for name, desc in keys))
        raw = request.query_params[self.cursor_query_param]
        if raw:
            queryset = queryset.filter(_after(queryset.model, keys, _decode(raw, keys)))
        rows = list(queryset[: size + 1])
        self.next_cursor = _encode(rows[size - 1], keys) if len(rows) > size else None
        return rows[:size]

    def get_paginated_response(self, data):
        if self.cursor_mode:
            return Response({"next_cursor": self.next_cursor, "results": data})
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema):
        return {
            "oneOf": [
                super().get_paginated_response_schema(schema),
                {
                    "type": "object",
                    "required": ["next_cursor", "results"],
                    "properties": {"next_cursor": {"type": "string", "nullable": True}, "results": schema},
                },
            ]
        }

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Keyset paging: empty to start, then the next_cursor of the previous answer.",
                "schema": {"type": "string"},
            },
        ]


def _keys(queryset) -> list[tuple[str, bool]]:
    """The list's ordering as (field, descending), ending with the primary key."""
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    keys = []
    for item in ordering:
        if not isinstance(item, str):
            raise TypeError(f"Keyset pages order by field names, not {item!r}.")
        keys.append((item.lstrip("-"), item.startswith("-")))
    if keys[-1][0] not in ("id", "pk"):
        keys.append(("id", keys[0][1] if keys else False))
    return keys


def _encode(row, keys) -> str:
    values = [_plain(getattr(row, name)) for name, _ in keys]
    payload = json.dumps([[name for name, _ in keys], values], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _plain(value):
    if isinstance(value, str | int):
        return value
    if hasattr(value, "isoformat"):  # dates and datetimes
        return value.isoformat()
    return str(value)  # UUIDs, Decimals


def _decode(raw: str, keys) -> list:
    try:
        names, values = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ValidationError({"cursor": [BAD_CURSOR]}) from None
    if names != [name for name, _ in keys]:
        raise ValidationError(
            {"cursor": ["This cursor belongs to another ordering; start again with an empty cursor."]}
        )
    if not isinstance(values, list) or len(values) != len(keys):
        raise ValidationError({"cursor": [BAD_CURSOR]})
    return values


def _after(model, keys, values) -> Q:
    """Rows after the cursor's: (k1 > v1) or (k1 = v1 and k2 > v2) or … per each key's direction,
    led by k1 >= v1 alone, which lets the database start its index range there."""
    try:
        typed = [_field(model, name).to_python(value) for (name, _), value in zip(keys, values, strict=True)]
        for (name, _), value in zip(keys, typed, strict=True):
            _field(model, name).get_prep_value(value)  # out of range: refused here, not in the query
    except (DjangoValidationError, FieldDoesNotExist, TypeError, ValueError, AttributeError):
        raise ValidationError({"cursor": [BAD_CURSOR]}) from None
    if any(value is None for value in typed):
        raise ValidationError({"cursor": [BAD_CURSOR]})
    after = Q()
    for index, (name, desc) in enumerate(keys):
        equal = {keys[i][0]: typed[i] for i in range(index)}
        after |= Q(**equal, **{f"{name}__{'lt' if desc else 'gt'}": typed[index]})
    first, desc = keys[0]
    return Q(**{f"{first}__{'lte' if desc else 'gte'}": typed[0]}) & after


def _field(model, name):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)
