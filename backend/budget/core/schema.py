"""The OpenAPI document tells the truth: field constraints and every status an operation answers.

Two drf-spectacular hooks (named in SPECTACULAR_SETTINGS), so no view repeats them:

- `register_extensions` (a preprocessing hook) runs before the views are walked; importing this
  module registers the field extensions below (money, dates).
- `declare_statuses` (a postprocessing hook) adds the error answers of every operation from what
  its view is: authenticated (401), takes a body (400, 404 for ids, 413, 415), writes (503 with
  Retry-After), throttled (429 with Retry-After), addresses one row or a page (404).
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework.permissions import AllowAny
from rest_framework_simplejwt.views import TokenViewBase

from .fields import MAX_AMOUNT
from .serializers import ModelSerializer

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Out, a balance or a total may pass the limit of one amount: any number of digits.
MONEY_OUT_PATTERN = r"^-?\d+\.\d{2}$"
WRITE_METHODS = {"post", "put", "patch", "delete"}


class MoneyFieldExtension(OpenApiSerializerFieldExtension):
    """Money is a string with two decimals out; a number or such a string in."""

    target_class = "budget.core.serializers.MoneyField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        low = field.min_value if field.min_value is not None else -MAX_AMOUNT
        high = field.max_value if field.max_value is not None else MAX_AMOUNT
        limits = f"from {low:,} to {high:,}" if low < 0 else f"from {low} to {high:,}"
        if direction == "response":
            return {
                "type": "string",
                "format": "decimal",
                "pattern": MONEY_OUT_PATTERN,
                "description": 'An amount with two decimals, e.g. "150.00".',
            }
        sign = "-?" if low < 0 else ""
        return {
            "oneOf": [
                {"type": "number", "minimum": float(low), "maximum": float(high)},
                {"type": "string", "pattern": rf"^{sign}\d{{1,10}}(\.\d{{1,2}})?$"},
            ],
            "description": f"An amount {limits}, at most two decimals: a number or a string "
            '("150", "150.5", "150.50").',
        }


class DateFieldExtension(OpenApiSerializerFieldExtension):
    """Dates are YYYY-MM-DD exactly, in and out."""

    target_class = "rest_framework.fields.DateField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "description": "YYYY-MM-DD, from 1900-01-01 to 2100-12-31.",
        }


def register_extensions(endpoints):
    """A preprocessing hook that changes nothing: it makes drf-spectacular import this module."""
    return endpoints


# --- Error answers ---------------------------------------------------------------------

COMPONENTS = {
    "ErrorDetail": {
        "type": "object",
        "description": 'DRF\'s error shape for anything but field errors: {"detail": "message"}.',
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "description": 'What to fix: {"field": ["message"]} (nested for nested input, under '
        '"errors" by item index for bulk input) or {"detail": "message"} for a body that is no JSON.',
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {
            "oneOf": [
                {"type": "string"},
                {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "object"}]}},
                {"type": "object"},
            ]
        },
    },
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _retry_after(*, required: bool) -> dict:
    return {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 0},
            "description": "Seconds to wait before trying again.",
            "required": required,
        }
    }


def _answer(description: str, schema: str = "ErrorDetail", headers: dict | None = None) -> dict:
    answer = {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}
    if headers:
        answer["headers"] = headers
    return answer


ERRORS = {
    "400": lambda: _answer("Invalid input: the answer says what to fix.", "ValidationError"),
    "401": lambda: _answer("No access token, or one that is invalid or expired."),
    "403": lambda: _answer("A member whose role does not allow this; the message names the role needed."),
    "404": lambda: _answer("No such row or household among the user's, or no such page."),
    "413": lambda: _answer("The body is larger than the server accepts."),
    "415": lambda: _answer("The body is not JSON (send Content-Type: application/json)."),
    "429": lambda: _answer(
        "Too many attempts; wait as Retry-After says.", headers=_retry_after(required=True)
    ),
    "503": lambda: _answer(
        "Briefly unavailable (e.g. a lock conflict that retries did not resolve); try again.",
        headers=_retry_after(required=True),
    ),
}


def _is_authenticated(view) -> bool:
    if not view.get_authenticators():
        return False
    return not any(isinstance(permission, AllowAny) for permission in view.get_permissions())


def _body_has_ids(operation: dict, schemas: dict) -> bool:
    """Whether the JSON body names rows by id, nested objects too (an id that is not one of the
    user's is a 404)."""
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    return _names_ids(schema, schemas, depth=0)


def _names_ids(schema: dict, schemas: dict, depth: int) -> bool:
    if depth > 4:
        return False
    schema = schema.get("items", schema)
    if "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if schema.get("format") == "uuid":
        return True
    parts = [*schema.get("properties", {}).values(), *schema.get("allOf", []), *schema.get("oneOf", [])]
    return any(_names_ids(part, schemas, depth + 1) for part in parts)


# DELETEs that read a body (the password or name that confirms a deletion): OpenAPI 3.0 tools
# drop a DELETE's requestBody, so the document cannot say it; its 413 and 415 still can.
DELETES_WITH_BODY = {"/api/users/me/", "/api/households/{household_id}/"}


def _error_statuses(method: str, operation: dict, view, schemas: dict, path: str = "") -> set[str]:
    statuses = set()
    parameters = operation.get("parameters", [])
    takes_body = "requestBody" in operation or (method == "delete" and path in DELETES_WITH_BODY)
    if (
        takes_body
        or method in WRITE_METHODS  # a write the ledger's rules refuse, e.g. archiving what holds money
        or any(p["in"] == "query" and p["name"] != "page" for p in parameters)
    ):
        statuses.add("400")
    if _is_authenticated(view) or isinstance(view, TokenViewBase):  # token views check credentials
        statuses.add("401")
    if (
        any(p["in"] == "path" for p in parameters)  # one row, found among the user's
        or any(p["name"] == "page" for p in parameters)  # a page past the last
        or _body_has_ids(operation, schemas)
    ):
        statuses.add("404")
    if takes_body:
        statuses |= {"413", "415"}
    for permission in view.get_permissions():
        # A permission that can refuse says so (households: 404 for a non-member, 403 for a role).
        statuses |= set(getattr(permission, "schema_statuses", ()))
    if getattr(view, "household_scoped", False) and not any(p["in"] == "path" for p in parameters):
        statuses.add("400")  # no ?household= and no default household
    if view.get_throttles():
        statuses.add("429")
    if method in WRITE_METHODS:
        statuses.add("503")
    return statuses


def _views_by_operation(generator) -> dict:
    views = {}
    for path, _regex, method, callback in generator.endpoints:
        view = generator.create_view(callback, method)
        views[(generator.coerce_path(path, method, view), method.lower())] = view
    return views


# Query parameters that django-filter and the paginator describe without their limits.
PARAMETER_LIMITS = {
    "page": {"minimum": 1},
    "page_size": {"minimum": 1, "maximum": 500},
}


HOUSEHOLD_PARAMETER = {
    "name": "household",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "format": "uuid"},
    "description": "Whose ledger: one of the user's households (default: their default household).",
}


def _constrain_parameters(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        schema.update(PARAMETER_LIMITS.get(parameter["name"], {}) if parameter["in"] == "query" else {})
        if schema.get("format") == "date":
            schema["pattern"] = DATE_PATTERN


def declare_statuses(result, generator, request, public):
    """A postprocessing hook: every operation lists the error statuses its view can answer."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in COMPONENTS.items():
        schemas.setdefault(name, schema)
    for schema in schemas.values():
        # The docstring of the shared ModelSerializer base says nothing about any one resource.
        if schema.get("description") == ModelSerializer.__doc__:
            del schema["description"]
    views = _views_by_operation(generator)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _constrain_parameters(operation)
            view = views.get((path, method))
            if view is None:
                continue
            if getattr(view, "household_scoped", False) and not any(
                p["in"] == "path" for p in operation.get("parameters", [])
            ):
                operation.setdefault("parameters", []).append(HOUSEHOLD_PARAMETER)
            responses = operation.setdefault("responses", {})
            for status in sorted(_error_statuses(method, operation, view, schemas, path)):
                responses.setdefault(status, ERRORS[status]())
            if "503" in responses:
                responses["503"].setdefault("headers", _retry_after(required=method in WRITE_METHODS))
    return result
