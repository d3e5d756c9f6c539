"""Bucket percentages under simultaneous requests: the user's allocation is locked, not hoped for."""

import contextlib
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from budget.ledger import services
from budget.ledger.models import Bucket
from budget.ledger.services import setup

from .conftest import make_ledger


@pytest.mark.django_db(transaction=True)
def test_two_bucket_updates_that_fit_alone_but_not_together_one_wins(user, monkeypatch):
    ledger = make_ledger(user)
    services.bucket_update(bucket=ledger.fun, allocation_percentage=Decimal(0))  # 80 % in use
    token = f"Bearer {RefreshToken.for_user(user).access_token}"

    # Hold each request right after its check passed, until the other one has checked too (or 2 s
    # passed). Without the lock both checks see 80 % and both writes land at 110 %; with it the
    # second request waits for the first to commit and then sees 95 %.
    checked = threading.Barrier(2)
    original_check = setup._check_allocation

    def check_then_wait(**kwargs):
        original_check(**kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            checked.wait(timeout=2)

    monkeypatch.setattr(setup, "_check_allocation", check_then_wait)
    start = threading.Barrier(2)
    statuses = {}

    def raise_to(bucket, percentage):
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=token)
            start.wait(timeout=10)
            response = client.patch(
                reverse("bucket-detail", args=[bucket.pk]),
                {"allocation_percentage": percentage},
                format="json",
            )
            statuses[bucket.name] = (response.status_code, response.json())
        finally:
            connection.close()

    threads = [
        threading.Thread(target=raise_to, args=(ledger.necessities, "65.00")),  # 80 + 15 = 95 alone
        threading.Thread(target=raise_to, args=(ledger.economy, "45.00")),  # 80 + 15 = 95 alone
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    codes = sorted(code for code, _ in statuses.values())
    assert codes == [200, 400], statuses
    loser = next(body for code, body in statuses.values() if code == 400)
    assert loser["allocation_percentage"][0].startswith("Total allocation would be 110.00%; 5.00% is left.")
    total = sum(
        Bucket.objects.for_user(user)
        .filter(is_archived=False)
        .values_list("allocation_percentage", flat=True)
    )
    assert total == Decimal("95.00")
