import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_q.brokers import get_broker
from django_q.cluster import Cluster


@pytest.mark.django_db
def test_qhealth_fails_with_a_reason_when_no_cluster_runs():
    with pytest.raises(CommandError, match="no cluster is running"):
        call_command("qhealth")


@pytest.mark.django_db
def test_qhealth_fails_when_the_broker_is_unreachable(monkeypatch):
    broker = get_broker()

    def refuse():
        raise ConnectionError("connection refused\nsecond line")

    monkeypatch.setattr(type(broker), "ping", lambda self: refuse())

    with pytest.raises(CommandError, match=r"^broker unreachable \(ConnectionError: connection refused$"):
        call_command("qhealth")


@pytest.mark.django_db(transaction=True)
def test_qhealth_passes_while_a_real_cluster_runs():
    cluster = Cluster(get_broker())
    cluster.start()
    try:
        out = StringIO()
        deadline = time.monotonic() + 20
        while True:  # the cluster publishes its status once its workers are up
            try:
                call_command("qhealth", stdout=out)
                break
            except CommandError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert out.getvalue().startswith("ok: 1 cluster(s)")
    finally:
        cluster.stop()
