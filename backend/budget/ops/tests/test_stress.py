"""`manage.py stress` against a live server: the report's shape, and the exit code on a 5xx."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from budget.ledger import apis
from budget.ops.stress.races import OPERATIONS as WEIGHTS

OPERATIONS = {name.replace("_", " ") for name, _ in WEIGHTS if not name.endswith("_race")}

pytestmark = pytest.mark.django_db(transaction=True)


def stress(url: str, *args) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("stress", "--url", url, "--seconds", "2", "--settle", "5", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_stress_prints_rates_statuses_and_every_visible_invariant(live_server):
    text, failed = stress(live_server.url, "--writers", "3")

    assert re.search(r"^Operations: [1-9]\d* \(\d+ requests\) in \d+\.\d s = \d+\.\d ops/s", text, re.M), text
    assert re.search(r"^Statuses: (\d{3} x\d+)( · \d{3} x\d+)*$", text, re.M), text
    table = text.split("By operation:\n", 1)[1].split("\nRaces", 1)[0].split("\nInvariants:", 1)[0]
    kinds = re.findall(r"^  ([a-z: ]+?) {2,}\d{3} x\d+( · \d{3} x\d+)*$", table, re.M)
    assert len(kinds) == len(table.splitlines())
    kinds = {kind for kind, _ in kinds if not kind.startswith("race: ")}
    assert {"setup", "settle", "check"} < kinds <= {"setup", "settle", "check"} | OPERATIONS
    invariants = re.findall(r"^  (ok  |FAIL) (\d) ", text, re.M)
    assert [number for _, number in invariants] == ["1", "2", "3", "4", "6"]
    assert "5 (other owners' rows), 7 (activity), 8 (stored totals)" in text
    # The result line and the exit code agree with what was found.
    broken = [number for verdict, number in invariants if verdict == "FAIL"]
    server_errors = re.search(r"^Statuses: .*\b5\d\d x", text, re.M)
    if broken or server_errors:
        assert text.rstrip().endswith("Result: FAILED")
        assert failed is not None
    else:
        assert text.rstrip().endswith("Result: ok")
        assert failed is None


def test_stress_fails_when_the_api_answers_500(live_server, monkeypatch):
    def broken(self, request):
        raise RuntimeError("a bug in transfers")

    monkeypatch.setattr(apis.TransferViewSet, "create", broken)

    text, failed = stress(live_server.url, "--writers", "2")

    assert failed is not None
    assert re.search(r"\d+ responses ≥ 500", str(failed))
    assert re.search(r"^  transfer create +500 x\d+$", text, re.M)
    assert "First server errors: transfer create: 500" in text


def test_stress_refuses_a_remote_target():
    with pytest.raises(CommandError, match=r"127\.0\.0\.1"):
        call_command("stress", "--url", "http://example.com:8000", stdout=StringIO())
