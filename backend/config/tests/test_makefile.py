"""The Makefile offers every command of the old system and beyond, each doing what its name says."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TARGETS = [
    *["build", "up", "up-d", "down", "down-v", "logs", "build-prod", "up-prod", "down-prod"],
    *["migrate", "makemigrations", "migrations", "createsuperuser", "createdefaultsuperuser"],
    *["seed", "clear", "qcluster", "qmonitor", "qinfo", "qhealth", "bench", "stress"],
    *["lint", "lint-fix", "format", "test", "help", "run", "install"],
]


def make(*args) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_help_lists_every_target_with_a_line_of_help():
    listed = dict(re.findall(r"^\s+(?:\x1b\[36m)?([a-z-]+)\s*(?:\x1b\[0m)?\s+(.+)$", make("help"), re.M))

    assert set(TARGETS) <= set(listed), sorted(set(TARGETS) - set(listed))
    assert all(len(text) > 10 for text in listed.values())


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("up", "-f docker-compose.yml -f docker-compose.local.yml up"),
        ("up-d", "-f docker-compose.yml -f docker-compose.local.yml up -d"),
        ("down-v", "-f docker-compose.yml -f docker-compose.local.yml down -v"),
        ("logs", "-f docker-compose.yml -f docker-compose.local.yml logs -f"),
        ("build-prod", "-f docker-compose.yml -f docker-compose.prod.yml build"),
        ("up-prod", "-f docker-compose.yml -f docker-compose.prod.yml up -d"),
        ("down-prod", "-f docker-compose.yml -f docker-compose.prod.yml down"),
    ],
)
def test_compose_targets_use_the_base_and_the_right_override(target, command):
    assert command in make("-n", target)


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("seed", "manage.py seed"),
        ("clear", "manage.py clear"),
        ("qhealth", "manage.py qhealth"),
        ("createdefaultsuperuser", "manage.py createdefaultsuperuser"),
        ("migrate", "manage.py migrate --noinput"),
        ("bench", "manage.py bench"),
        ("stress", "manage.py stress"),
    ],
)
def test_django_targets_run_in_the_venv_or_inside_compose(target, command):
    assert f"cd backend && ../.venv/bin/python {command}" in make("-n", target)
    assert f"-f docker-compose.local.yml exec backend python {command}" in make("-n", target, "IN=compose")
    assert f"-f docker-compose.prod.yml exec backend python {command}" in make("-n", target, "IN=prod")


def test_bench_migrates_first_and_passes_its_arguments():
    dry_run = make("-n", "bench", "BENCH_ARGS=--transactions 100000")

    assert dry_run.index("manage.py migrate") < dry_run.index("manage.py bench --transactions 100000")


def test_stress_passes_its_arguments_and_leaves_the_database_alone():
    """It talks to a running API over HTTP; migrating is that API's business."""
    dry_run = make("-n", "stress", "STRESS_ARGS=--writers 16 --seconds 30")

    assert "manage.py stress --writers 16 --seconds 30" in dry_run
    assert "manage.py migrate" not in dry_run


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("seed", "manage.py seed"),
        ("clear", "manage.py clear"),
        ("createsuperuser", "manage.py createsuperuser"),
        ("createdefaultsuperuser", "manage.py createdefaultsuperuser"),
    ],
)
def test_targets_that_write_accounts_migrate_first(target, command):
    """`make seed` on a fresh clone must work before anything else has made the tables."""
    dry_run = make("-n", target)

    assert "manage.py migrate --noinput" in dry_run
    assert dry_run.index("manage.py migrate") < dry_run.index(command)
