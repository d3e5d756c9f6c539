"""The OpenAPI document declares what the API answers, and the suite's check catches what it does not."""

import pytest
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

from budget.core.testing_schema import _document, schema_problems

WRITES = {"post", "put", "patch", "delete"}
PUBLIC = {"/api/auth/register/", "/api/token/", "/api/token/refresh/", "/api/health/"}
THROTTLED = {"/api/auth/register/", "/api/token/"}


def _operations():
    return [
        pytest.param(path, method, operation, id=f"{method.upper()} {path}")
        for path, operations in _document()["paths"].items()
        for method, operation in operations.items()
    ]


@pytest.mark.parametrize(("path", "method", "operation"), _operations())
def test_every_operation_declares_the_errors_it_can_answer(path, method, operation):
    declared = set(operation["responses"])
    expected = set()
    if path not in PUBLIC or path.startswith("/api/token/"):
        expected.add("401")
    if method in WRITES or any(
        p["in"] == "query" and p["name"] != "page" for p in operation.get("parameters", [])
    ):
        expected.add("400")
    if "{" in path:
        expected.add("404")
    if "requestBody" in operation:
        expected |= {"413", "415"}
        # JSON everywhere but the statement upload (API.md: "only POST /api/imports/ takes multipart").
        upload = (method, path) == ("post", "/api/imports/")
        assert set(operation["requestBody"]["content"]) >= {
            "multipart/form-data" if upload else "application/json"
        }
    if path in THROTTLED:
        expected.add("429")
        assert operation["responses"]["429"]["headers"]["Retry-After"]["required"]
    if method in WRITES or path == "/api/health/":
        expected.add("503")
        assert "Retry-After" in operation["responses"]["503"]["headers"]
    assert expected <= declared
    if path in PUBLIC - {"/api/token/", "/api/token/refresh/"}:
        assert "401" not in declared


def _component(name):
    return _document()["components"]["schemas"][name]


@pytest.mark.parametrize(
    ("component", "field", "constraints"),
    [
        ("TransactionInputRequest", "date", {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
        ("TransactionInputRequest", "description", {"minLength": 1, "maxLength": 255}),
        ("TransferInputRequest", "description", {"minLength": 1, "maxLength": 255}),
        ("LocationRequest", "name", {"minLength": 1, "maxLength": 100}),
        ("Transaction", "amount", {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}),
        ("Transaction", "category", {"format": "uuid"}),
    ],
)
def test_fields_declare_their_constraints(component, field, constraints):
    schema = _component(component)["properties"][field]
    assert constraints.items() <= schema.items()


def test_money_in_is_a_number_or_a_string_within_the_limit():
    number, text = _component("TransactionInputRequest")["properties"]["amount"]["oneOf"]
    assert (number["minimum"], number["maximum"]) == (-9999999999.99, 9999999999.99)
    assert text["pattern"] == r"^-?\d{1,10}(\.\d{1,2})?$"


def test_pages_are_bounded():
    parameters = {
        p["name"]: p["schema"] for p in _document()["paths"]["/api/locations/"]["get"]["parameters"]
    }
    assert parameters["page"]["minimum"] == 1
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 500}


def _streamed(lines, content_type):
    return StreamingHttpResponse(iter(lines), content_type=content_type)


ME = {
    "id": "3f1c1f8e-58f4-4f7a-9c3d-3c1f7b0e3a11",
    "email": "ana@example.com",
    "full_name": "Ana",
    "currency": "EUR",
    "date_joined": "2024-03-01T10:00:00Z",
    "default_household": "8a1c1f8e-58f4-4f7a-9c3d-3c1f7b0e3a11",
    "notifications": {"budget": "app", "goal": "email", "balance": "off"},
}


@pytest.mark.parametrize(
    ("method", "path", "response", "problem"),
    [
        ("GET", "/api/users/me/", JsonResponse(ME), None),
        ("GET", "/api/users/me/", JsonResponse({**ME, "id": 7}), "at id: 7 is not of type 'string'"),
        ("GET", "/api/users/me/", JsonResponse({"detail": "x"}, status=418), "answered 418, which"),
        ("GET", "/api/users/me/", JsonResponse({"oops": 1}, status=401), "'detail' is a required property"),
        ("GET", "/api/users/me/", HttpResponse("<html>", content_type="text/html"), "as text/html"),
        ("POST", "/api/locations/", JsonResponse({"detail": "busy"}, status=503), "header Retry-After"),
        ("GET", "/api/transactions/export/", _streamed(["date\n"], "text/csv; charset=utf-8"), None),
        ("GET", "/api/transactions/export/", _streamed(["{}"], "application/json"), "as application/json"),
        ("GET", "/api/nowhere/", JsonResponse({"detail": "Not found."}, status=404), None),
        ("PUT", "/api/users/me/", JsonResponse({"detail": "No."}, status=405), None),
        ("PUT", "/api/users/me/", JsonResponse({}, status=200), "is not in the document, yet answered 200"),
        ("GET", "/admin/", HttpResponse("anything", status=500), None),
    ],
)
def test_the_check_names_what_the_document_does_not_declare(method, path, response, problem):
    problems = schema_problems(method, path, response)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in found for found in problems), problems
