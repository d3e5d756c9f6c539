"""Every answer the test suite receives is checked against the OpenAPI document.

`check_responses_against_schema` (autouse, from backend/conftest.py) wraps Django's test client,
which APIClient extends: each response to a path of the document must have a status that its
operation declares, its declared required headers, a declared content type and, for JSON, a body
that validates against the declared schema. A mismatch fails the test that got the response.
Answers outside the document (the admin, the schema and docs pages, a test-only URL) are skipped;
an unknown /api/ path must answer the JSON 404 and a method a path lacks 405.
"""

import json
import re
from functools import cache

import pytest
from django.test import client as django_client
from jsonschema import Draft202012Validator, FormatChecker

UNCHECKED_PATHS = ("/api/schema/", "/api/docs/")


@cache
def _document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    # Through JSON so the document is plain data, as a client would read it.
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


def _json_schema(node):
    """OpenAPI 3.0's `nullable` as JSON Schema: the schema or null."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@cache
def _components() -> dict:
    return _json_schema(_document().get("components", {}))


@cache
def _operations() -> list[tuple[re.Pattern, str]]:
    """(regex of the path, path template) for every path of the document."""
    found = []
    # Literal paths first: /api/transactions/bulk/ is not /api/transactions/{id}/.
    for template in sorted(_document()["paths"], key=lambda template: template.count("{")):
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        found.append((re.compile(f"^{regex}$"), template))
    return found


@cache
def _validator(template: str, method: str, status: str, media_type: str) -> Draft202012Validator:
    schema = _document()["paths"][template][method]["responses"][status]["content"][media_type]["schema"]
    return Draft202012Validator(
        {**_json_schema(schema), "components": _components()}, format_checker=FormatChecker()
    )


def _media_type(response) -> str:
    return response.get("Content-Type", "").split(";")[0].strip()


def _body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.streaming:  # read once here; give the test the same bytes
        response.streaming_content = [content]
    return json.loads(content) if content else None


def schema_problems(method: str, path: str, response) -> list[str]:
    """What in `response` the OpenAPI document does not declare (empty when it all conforms)."""
    if not path.startswith("/api/") or path.startswith(UNCHECKED_PATHS):
        return []
    method = method.lower()
    status = str(response.status_code)
    template = next((tpl for regex, tpl in _operations() if regex.match(path)), None)
    if template is None or method not in _document()["paths"][template]:
        expected = "404" if template is None else "405"
        if status in (expected, "401", "413", "415", "429"):
            return []
        return [f"{method.upper()} {path} is not in the document, yet answered {status}"]
    declared = _document()["paths"][template][method]["responses"]
    answer = declared.get(status) or declared.get("default")
    label = f"{method.upper()} {template} answered {status}"
    if answer is None:
        return [f"{label}, which the document does not declare (it declares {', '.join(sorted(declared))})"]
    problems = [
        f"{label} without the required header {name}"
        for name, header in answer.get("headers", {}).items()
        if header.get("required") and name not in response
    ]
    content = answer.get("content", {})
    media_type = _media_type(response)
    if not content:
        if response.streaming or response.content:
            problems.append(f"{label} with a body; the document declares none")
        return problems
    if media_type not in content:
        return [*problems, f"{label} as {media_type or 'no content type'}; declared: {', '.join(content)}"]
    if media_type != "application/json":
        return problems  # CSV and other streams: status and content type only
    body = _body(response)
    for error in _validator(template, method, status, media_type).iter_errors(body):
        where = "/".join(str(part) for part in error.absolute_path) or "(body)"
        problems.append(f"{label}: at {where}: {error.message}")
        if len(problems) > 5:
            break
    return problems


@pytest.fixture(autouse=True, scope="session")
def check_responses_against_schema():
    """Fail a test whose client received an answer the OpenAPI document does not declare."""
    _document()  # built before any test, not inside the first test that gets an answer
    original = django_client.Client.request

    def request(self, **kwargs):
        response = original(self, **kwargs)
        problems = schema_problems(kwargs.get("REQUEST_METHOD", "GET"), kwargs.get("PATH_INFO", ""), response)
        if problems:
            pytest.fail("The answer does not match the OpenAPI document:\n  " + "\n  ".join(problems))
        return response

    django_client.Client.request = request
    yield
    django_client.Client.request = original
