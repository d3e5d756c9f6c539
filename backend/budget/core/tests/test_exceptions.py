from django.core.exceptions import RequestDataTooBig, ValidationError

from budget.core.exceptions import bad_request, exception_handler, server_error


def test_django_validation_error_with_fields_keeps_the_field_names():
    response = exception_handler(ValidationError({"name": ["Pick another name."]}), context={})
    assert response.status_code == 400
    assert response.data == {"name": ["Pick another name."]}


def test_django_validation_error_without_a_field_is_a_non_field_error():
    response = exception_handler(ValidationError("Allocation is 110.00%; 20.00% is left."), context={})
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Allocation is 110.00%; 20.00% is left."]}


def test_other_exceptions_are_left_to_django():
    assert exception_handler(KeyError("x"), context={}) is None


def test_server_error_under_api_is_json(rf):
    response = server_error(rf.get("/api/anything/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert b"detail" in response.content


def test_server_error_elsewhere_is_djangos_page(rf):
    response = server_error(rf.get("/admin/"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_an_oversize_body_read_by_django_under_api_is_a_json_413(rf):
    response = bad_request(rf.post("/api/anything/"), RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert b"2,621,440 bytes" in response.content
