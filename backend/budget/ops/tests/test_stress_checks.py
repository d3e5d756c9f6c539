"""The judge of `make stress`: a consistent ledger passes, and each broken invariant is named."""

import copy

import pytest
import requests
import responses

from budget.ops.stress.checks import check
from budget.ops.stress.client import Auth, loopback_url, sign_up

BALANCE = {"positive": "100.00", "negative": "30.00", "neutral": "0.00", "net": "70.00"}


def txn(id, category, sign, amount, signed, *, split=False, status="NOT_SPLIT", legs=()):
    return {
        "id": id, "category": category, "category_sign": sign, "amount": amount, "signed_amount": signed,
        "split_income": split, "allocation_status": status,
        "allocations": [{"bucket": bucket, "amount": leg} for bucket, leg in legs],
    }  # fmt: skip


def ledger() -> dict:
    """Salary 50 split 30/20, salary 10 still pending, bonus 40 and rent 30 in Needs: net 70 in Bank,
    Needs 40 + Fun 20 + unallocated 10."""
    rows = [
        txn("T1", "C1", "POSITIVE", "50.00", "50.00", split=True, status="ALLOCATED",
            legs=[("B1", "30.00"), ("B2", "20.00")]),
        txn("T2", "C1", "POSITIVE", "10.00", "10.00", split=True, status="PENDING"),
        txn("T3", "C1", "POSITIVE", "40.00", "40.00"),
        txn("T4", "C2", "NEGATIVE", "30.00", "-30.00"),
    ]  # fmt: skip
    return {
        "current": {
            "balance": dict(BALANCE),
            "locations_total": "70.00",
            "buckets_total": "60.00",
            "unallocated": "10.00",
        },
        "historical": {"summary": {"balance": dict(BALANCE)}},
        "allocation": {"total_percentage": "100.00"},
        "locations": [
            {"id": "L1", "name": "Bank", "balance": "70.00", "is_archived": False},
            {"id": "L2", "name": "Old", "balance": "0.00", "is_archived": True},
        ],
        "buckets": [
            {
                "id": "B1",
                "name": "Needs",
                "balance": "40.00",
                "allocation_percentage": "60.00",
                "is_archived": False,
            },
            {
                "id": "B2",
                "name": "Fun",
                "balance": "20.00",
                "allocation_percentage": "40.00",
                "is_archived": False,
            },
        ],
        "categories": [{"id": "C1", "sign": "POSITIVE"}, {"id": "C2", "sign": "NEGATIVE"}],
        "transactions": rows,
        "splits": copy.deepcopy(rows[:2]),
    }


CREATED = {"T1": ("C1", "POSITIVE"), "T4": ("C2", "NEGATIVE"), "gone": ("C2", "POSITIVE")}
ARCHIVED = {"L2"}  # its DELETE answered 204


def test_a_consistent_ledger_passes_every_check():
    checks = check(ledger(), CREATED, ARCHIVED)

    assert [(item.number, item.ok) for item in checks] == [
        (1, True),
        (2, True),
        (3, True),
        (4, True),
        (6, True),
    ]
    assert checks[0].text.startswith("locations 70.00 = buckets 60.00 + unallocated 10.00 = net 70.00")


def _move_to_archived(data):
    data["locations"][0]["balance"] = "65.00"
    data["locations"][1]["balance"] = "5.00"


def _set(path, value):
    def change(data):
        *keys, last = path
        for key in keys:
            data = data[key]
        data[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "broken"),
    [
        (_set(["locations", 0, "balance"], "75.00"), 1),  # a location counts money no row holds
        (_set(["current", "unallocated"], "0.00"), 1),
        (_set(["current", "locations_total"], "71.00"), 1),
        (_set(["historical", "summary", "balance", "positive"], "90.00"), 2),
        (_set(["splits", 0, "allocations", 1, "amount"], "19.99"), 3),
        (_set(["splits", 1, "allocations"], [{"bucket": "B1", "amount": "10.00"}]), 3),
        (_set(["buckets", 1, "allocation_percentage"], "50.00"), 4),  # 110 %
        (_set(["allocation", "total_percentage"], "90.00"), 4),
        (_move_to_archived, 6),  # the total still adds up, but an archived location holds 5.00
        (_set(["categories", 1, "sign"], "POSITIVE"), 6),  # rent turned into income under its row
        (_set(["locations", 1, "is_archived"], False), 6),  # a rename saved the stale row back
    ],
)  # fmt: skip
def test_each_broken_invariant_is_named_alone(change, broken):
    data = ledger()
    change(data)

    checks = check(data, CREATED, ARCHIVED)

    assert [item.number for item in checks if not item.ok] == [broken]
    assert next(item for item in checks if not item.ok).line().startswith(f"  FAIL {broken} ")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost:8000/", "http://[::1]:9000"])
def test_loopback_urls_are_taken(url):
    assert loopback_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://example.com", "http://10.0.0.5:8000", "ftp://127.0.0.1", "127.0.0.1:8000"]
)
def test_other_targets_are_refused(url):
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        loopback_url(url)


@responses.activate
def test_sign_up_signs_in_once_and_waits_out_a_throttle():
    base = "http://127.0.0.1:8000"
    responses.post(f"{base}/api/auth/register/", status=201, json={"id": "u"})
    responses.post(f"{base}/api/token/", status=429, headers={"Retry-After": "0"}, json={"detail": "slow"})
    responses.post(f"{base}/api/token/", status=200, json={"access": "a", "refresh": "r"})

    auth = sign_up(base, email="s@example.com", password="pw-long-enough", timeout=5)

    assert auth.access == "a"
    assert [call.request.url.rsplit("/api", 1)[1] for call in responses.calls] == [
        "/auth/register/", "/token/", "/token/",
    ]  # fmt: skip


@responses.activate
def test_one_writer_refreshes_an_expired_access_token_for_all():
    base = "http://127.0.0.1:8000"
    responses.post(f"{base}/api/token/refresh/", status=200, json={"access": "new", "refresh": "r2"})
    auth = Auth(base, "old", "r1")
    session = requests.Session()

    assert auth.renew("old", session, 5)
    assert auth.renew("old", session, 5)  # a second writer that saw the old token: no second refresh

    assert auth.access == "new"
    assert len(responses.calls) == 1
