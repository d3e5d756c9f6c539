"""The asynchronous path for real: the ORM broker's queue and a django-q2 worker, check then mail."""

import pytest
from django.core.cache import cache
from django_q.models import OrmQ, Task

from budget.core.testing import queued_funcs, run_worker_once
from budget.households.models import Membership, Role
from budget.ledger.tests.conftest import make_ledger
from budget.users.services import user_update

from ..models import MailStatus, Notification
from ..services import CHECK_TASK, MAIL_TASK, alerts_check_enqueue
from .conftest import spend


@pytest.mark.django_db
def test_one_queued_check_per_household_until_it_starts(user, orm_broker):
    household_id = user.default_household_id
    orm_broker.delete_queue()

    assert alerts_check_enqueue(household_id=household_id) is True
    assert alerts_check_enqueue(household_id=household_id) is False

    assert queued_funcs(orm_broker).count(CHECK_TASK) == 1


@pytest.mark.django_db(transaction=True)
def test_write_then_check_then_mail_through_the_orm_broker(user, other_user, orm_broker, mailoutbox):
    Membership.objects.create(household_id=user.default_household_id, user=other_user, role=Role.VIEWER)
    user_update(user=other_user, notifications={"balance": "email"})
    ledger = make_ledger(user)
    orm_broker.delete_queue()
    cache.clear()  # the setup's check was queued (and is gone with the queue): not this test's business

    spend(user, ledger, "25.00")
    spend(user, ledger, "5.00")  # a second commit while the first check waits: no second check

    assert queued_funcs(orm_broker).count(CHECK_TASK) == 1
    assert Notification.objects.count() == 0
    while OrmQ.objects.exists():  # the check queues the mails in turn
        run_worker_once(orm_broker)

    assert Notification.objects.filter(user=user).count() == 2
    assert set(Notification.objects.filter(user=other_user).values_list("mail_status", flat=True)) == {
        MailStatus.SENT
    }
    assert sorted(message.subject for message in mailoutbox) == [
        "'Cash' is below zero",
        "'Fun' is below zero",
    ]
    assert all(task.success for task in Task.objects.filter(func__in=[CHECK_TASK, MAIL_TASK])), [
        task.result for task in Task.objects.all()
    ]
    assert Task.objects.filter(func=MAIL_TASK).count() == 2
