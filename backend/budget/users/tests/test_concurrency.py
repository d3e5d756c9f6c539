import threading

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from budget.users.models import User


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_with_one_email_make_one_account(password):
    """Both pass the 'is the email free' check at once; the database decides, the loser gets a 400."""
    barrier = threading.Barrier(2)
    statuses = []

    def register(email):
        try:
            barrier.wait(timeout=10)
            response = APIClient().post(
                reverse("register"), {"email": email, "password": password}, format="json"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(email,)) for email in ("race@example.com", "RACE@example.com")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [201, 400]
    assert User.objects.filter(email__iexact="race@example.com").count() == 1
