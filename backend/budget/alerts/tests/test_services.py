"""The alerts check: thresholds crossed by every kind of write, once and only once."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from budget.ledger import services
from budget.users.services import user_update

from ..models import Alert, Kind, MailStatus, Notification
from ..services import alerts_check, notification_mail, notification_mails_requeue
from .conftest import DAY, earn, kinds, spend

pytestmark = pytest.mark.django_db

CASH_BELOW = ("balance.negative", "'Cash' is below zero")
FUN_BELOW = ("balance.negative", "'Fun' is below zero")


def test_create_below_zero_notifies_every_member(user, other_user, household, ledger, committed):
    earn(user, ledger, "100.00")
    with committed():
        spend(user, ledger, "100.01")

    assert kinds(user) == [CASH_BELOW, FUN_BELOW]
    assert kinds(other_user) == [CASH_BELOW, FUN_BELOW]
    alert = Alert.objects.get(subject_id=ledger.cash.pk)
    assert (alert.subject_type, alert.period, alert.body) == (
        "location",
        "1",
        "The location 'Cash' holds -0.01.",
    )


def test_edit_below_zero(user, household, ledger, committed):
    earn(user, ledger, "100.00")
    txn = spend(user, ledger, "50.00")
    with committed():
        services.transaction_update(txn=txn, user=user, amount=Decimal("150.00"))

    assert kinds(user) == [CASH_BELOW, FUN_BELOW]


def test_delete_below_zero(user, household, ledger, committed):
    income = earn(user, ledger, "100.00")
    spend(user, ledger, "60.00")
    with committed():
        services.transaction_delete(txn=income, user=user)

    assert kinds(user) == [CASH_BELOW, FUN_BELOW]


def test_transfer_below_zero(user, household, ledger, committed):
    earn(user, ledger, "100.00")
    with committed():
        services.transfer_create(
            user=user,
            date=DAY,
            description="To the bank",
            amount=Decimal("120.00"),
            from_location=ledger.cash,
            from_bucket=ledger.fun,
            to_location=ledger.bank,
        )

    assert kinds(user) == [CASH_BELOW]  # the bucket stays: the transfer moves it between places


def test_nothing_crossed_nothing_notified(user, household, ledger, committed):
    with committed():
        earn(user, ledger, "100.00")
        spend(user, ledger, "100.00")  # exactly zero is not below

    assert Notification.objects.count() == 0


def test_below_zero_once_until_back_at_zero(user, household, ledger, committed):
    with committed():
        spend(user, ledger, "10.00")
    with committed():
        spend(user, ledger, "5.00")  # still below: nothing new
    assert kinds(user) == [CASH_BELOW, FUN_BELOW]

    with committed():
        earn(user, ledger, "15.00")  # back at zero: the episode ends
    assert Alert.objects.filter(resolved_at__isnull=True).count() == 0
    with committed():
        spend(user, ledger, "1.00")  # below again: told again

    assert kinds(user) == [CASH_BELOW, FUN_BELOW, CASH_BELOW, FUN_BELOW]
    assert sorted(Alert.objects.filter(subject_id=ledger.cash.pk).values_list("period", flat=True)) == [
        "1",
        "2",
    ]


def test_goal_reached_once_per_amount(user, household, ledger, committed):
    services.bucket_update(bucket=ledger.economy, goal_amount=Decimal("100.00"), user=user)
    with committed():
        earn(user, ledger, "99.99", bucket=ledger.economy)
    assert kinds(user) == []

    with committed():
        earn(user, ledger, "0.01", bucket=ledger.economy)
    with committed():
        earn(user, ledger, "50.00", bucket=ledger.economy)  # still reached: nothing new
    assert kinds(user) == [("goal.reached", "Goal reached: 'Economy'")]

    with committed():
        services.bucket_update(bucket=ledger.economy, goal_amount=Decimal("150.00"), user=user)
    assert len(kinds(user)) == 2  # a new amount, reached at once


def test_the_check_run_twice_notifies_once(user, other_user, household, ledger):
    spend(user, ledger, "10.00")  # no commit here: the check has not run

    assert alerts_check(household_id=household.pk) == 4  # two subjects, two members
    assert alerts_check(household_id=household.pk) == 0
    assert Notification.objects.count() == 4


def test_the_unique_constraint_holds_without_the_check(user, household, ledger):
    spend(user, ledger, "10.00")
    alerts_check(household_id=household.pk)
    alert = Alert.objects.filter(kind=Kind.BALANCE_NEGATIVE).first()

    with pytest.raises(IntegrityError):
        Alert.objects.create(
            household=household,
            kind=alert.kind,
            subject_type=alert.subject_type,
            subject_id=alert.subject_id,
            period=alert.period,
            title="again",
            body="again",
        )


def test_member_with_off_gets_nothing_of_that_kind(user, other_user, household, ledger, committed):
    user_update(user=other_user, notifications={"balance": "off"})
    services.bucket_update(bucket=ledger.economy, goal_amount=Decimal("5.00"), user=user)
    with committed():
        spend(user, ledger, "10.00")
        earn(user, ledger, "5.00", bucket=ledger.economy, location=ledger.bank)

    assert [kind for kind, _ in kinds(other_user)] == ["goal.reached"]
    assert len(kinds(user)) == 3


def test_email_preference_mails_the_same_text(user, other_user, household, ledger, committed, mailoutbox):
    user_update(user=other_user, notifications={"balance": "email"})
    with committed():
        spend(user, ledger, "10.00", bucket=ledger.fun)

    assert sorted(message.subject for message in mailoutbox) == [
        "'Cash' is below zero",
        "'Fun' is below zero",
    ]
    assert {tuple(message.to) for message in mailoutbox} == {("bob@example.com",)}
    assert "The location 'Cash' holds -10.00." in [m.body.splitlines()[0] for m in mailoutbox]
    assert set(Notification.objects.filter(user=other_user).values_list("mail_status", flat=True)) == {
        MailStatus.SENT
    }
    assert set(Notification.objects.filter(user=user).values_list("mail_status", flat=True)) == {
        MailStatus.NONE
    }


def test_a_failing_mail_keeps_the_notification_and_is_retried(
    user, other_user, household, ledger, committed, mailoutbox, monkeypatch
):
    user_update(user=other_user, notifications={"balance": "email"})
    from .. import services as alert_services

    def down(**kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(alert_services, "send_mail", down)
    with committed():
        spend(user, ledger, "10.00", location=ledger.cash, bucket=ledger.necessities)

    pending = Notification.objects.filter(user=other_user)
    assert [(n.mail_status, n.mail_attempts) for n in pending] == [(MailStatus.PENDING, 1)] * 2
    assert kinds(other_user) == [CASH_BELOW, ("balance.negative", "'Necessities' is below zero")]

    monkeypatch.undo()
    assert notification_mails_requeue(older_than=__import__("datetime").timedelta(0)) == 2  # runs them inline
    assert len(mailoutbox) == 2
    assert set(pending.values_list("mail_status", "mail_attempts")) == {(MailStatus.SENT, 2)}


def test_mail_gives_up_after_its_attempts(user, other_user, household, ledger, monkeypatch):
    user_update(user=other_user, notifications={"balance": "email"})
    from .. import services as alert_services

    monkeypatch.setattr(alert_services, "send_mail", lambda **kwargs: 1 / 0)
    spend(user, ledger, "10.00", location=ledger.cash, bucket=ledger.necessities)
    alerts_check(household_id=household.pk)
    notification = Notification.objects.filter(user=other_user).first()

    results = [
        notification_mail(notification_id=notification.pk) for _ in range(alert_services.MAIL_ATTEMPTS)
    ]

    assert results == ["failed"] * alert_services.MAIL_ATTEMPTS
    notification.refresh_from_db()
    assert (notification.mail_status, notification.mail_attempts) == (MailStatus.FAILED, 5)
    assert notification_mail(notification_id=notification.pk) == "nothing to mail"
