"""The imports API: upload (multipart) -> parse task -> rows -> PATCH -> commit task, as the contract says."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.households.models import Membership, Role
from budget.ledger.models import Transaction

from .conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(api_client, ledger, django_capture_on_commit_callbacks):
    def send(name="ing_comma.csv", content=None, client=None, path="/api/imports/", **fields):
        body = {
            "file": SimpleUploadedFile(name, sample(name) if content is None else content),
            "location": str(ledger.bank.pk),
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=True):  # the parse task runs (sync mode)
            return (client or api_client).post(path, body, format="multipart")

    return send


def test_upload_parses_and_answers_202_queued(api_client, upload):
    response = upload()
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "QUEUED"
    detail = api_client.get(f"/api/imports/{response.json()['id']}/").json()
    assert detail["status"] == "READY"
    assert detail["progress"] == {"rows_total": 4, "rows_done": 4}
    assert detail["counts"] == {"rows": 4, "new": 4, "duplicate": 0, "possible_duplicate": 0, "invalid": 0}
    assert detail["mapping"]["date_format"] == "YYYY-MM-DD"
    assert api_client.get("/api/imports/").json()["count"] == 1


def test_review_and_commit_through_the_api(api_client, upload, ledger, django_capture_on_commit_callbacks):
    statement = upload().json()["id"]
    rows = api_client.get(f"/api/imports/{statement}/rows/").json()["results"]
    assert [row["line"] for row in rows] == [2, 3, 4, 5]
    assert rows[0]["amount"] == "-3.50"
    assert rows[0]["duplicate"] == "NEW"
    assert rows[0]["include"] is True
    response = api_client.post(f"/api/imports/{statement}/commit/")
    assert response.status_code == 400
    assert "no category" in json.dumps(response.json())
    for row in rows:
        income = row["amount"][0] != "-"
        body = {
            "category": str((ledger.salary if income else ledger.food).pk),
            "bucket": str((ledger.economy if income else ledger.necessities).pk),
        }
        answer = api_client.patch(f"/api/imports/{statement}/rows/{row['line']}/", body, format="json")
        assert answer.status_code == 200, answer.content
    api_client.patch(f"/api/imports/{statement}/rows/5/", {"include": False}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(f"/api/imports/{statement}/commit/")
    assert response.status_code == 202
    detail = api_client.get(f"/api/imports/{statement}/").json()
    assert (detail["status"], detail["created"]) == ("COMMITTED", 3)
    assert detail["committed_at"]
    listed = api_client.get("/api/transactions/?search=Coffee").json()["results"]
    assert len(listed) == 2
    assert all(txn["import_id"].startswith("csv:") for txn in listed)
    assert api_client.post(f"/api/imports/{statement}/commit/").status_code == 202  # twice: nothing more
    assert Transaction.objects.count() == 3
    assert api_client.delete(f"/api/imports/{statement}/").status_code == 400


def test_rows_filter_by_status(api_client, upload):
    statement = upload("bad_rows.csv").json()["id"]
    invalid = api_client.get(f"/api/imports/{statement}/rows/?status=INVALID").json()["results"]
    assert [row["line"] for row in invalid] == [3, 4]
    assert "Line 3" in invalid[0]["error"]
    assert api_client.get(f"/api/imports/{statement}/rows/?status=NEW").json()["count"] == 1
    assert api_client.get(f"/api/imports/{statement}/rows/?status=NOPE").status_code == 400


def test_a_file_failing_to_read_ends_failed_with_the_reason(api_client, upload):
    statement = upload("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50).json()["id"]
    detail = api_client.get(f"/api/imports/{statement}/").json()
    assert detail["status"] == "FAILED"
    assert "not text" in detail["error"]
    assert api_client.delete(f"/api/imports/{statement}/").status_code == 204


def test_a_six_megabyte_file_is_refused_at_upload(upload):
    response = upload("big.csv", b"2024-03-01,Coffee,-3.50\n" * 270_000)
    assert response.status_code == 400
    assert "5 MB" in response.json()["file"][0]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("not json", "JSON object"),
        ('{"date": "A"}', "together"),
        ('{"date_format": "DD.MM.YY"}', "date_format"),
        ('{"decimal": "x"}', "decimal"),
        ('{"colour": "red"}', "Unknown keys"),
    ],
)
def test_a_bad_mapping_is_a_400(upload, mapping, message):
    response = upload(mapping=mapping)
    assert response.status_code == 400
    assert message in response.json()["mapping"][0]


def test_a_given_mapping_is_used(api_client, upload):
    content = b"When;What;Out;In\n01/02/2024;Rent;700,00;\n"
    mapping = (
        '{"date": "When", "description": "What", "debit": "Out", "credit": "In", "date_format": "DD/MM/YYYY"}'
    )
    statement = upload("x.csv", content, mapping=mapping).json()["id"]
    row = api_client.get(f"/api/imports/{statement}/rows/").json()["results"][0]
    assert (row["date"], row["amount"]) == ("2024-02-01", "-700.00")


def test_a_location_of_another_household_is_a_404(upload, other_ledger):
    assert upload(location=str(other_ledger.bank.pk)).status_code == 404


def test_other_households_imports_are_404_and_viewers_cannot_write(
    api_client, upload, other_user, make_user, user
):
    statement = upload().json()["id"]
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(other_user).access_token}")
    assert stranger.get(f"/api/imports/{statement}/").status_code == 404
    assert stranger.get(f"/api/imports/{statement}/rows/").status_code == 404
    assert stranger.post(f"/api/imports/{statement}/commit/").status_code == 404
    viewer = make_user("viewer@example.com")
    Membership.objects.create(household=user.default_household, user=viewer, role=Role.VIEWER)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(viewer).access_token}")
    assert client.get(f"/api/imports/{statement}/rows/").status_code == 200
    assert client.post(f"/api/imports/{statement}/commit/").status_code == 403
    assert (
        client.patch(f"/api/imports/{statement}/rows/2/", {"include": False}, format="json").status_code
        == 403
    )
    assert (
        upload(client=client, path=f"/api/imports/?household={user.default_household_id}").status_code == 403
    )


def test_patch_of_a_missing_line_is_a_404(api_client, upload):
    statement = upload().json()["id"]
    assert (
        api_client.patch(f"/api/imports/{statement}/rows/99/", {"include": False}, format="json").status_code
        == 404
    )
