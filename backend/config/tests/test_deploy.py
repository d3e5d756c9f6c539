"""The compose files and Dockerfiles, proven without a Docker engine (none runs on CI machines).

The files are parsed and merged the way `docker compose -f base -f override` merges them, then
checked against the settings, .env.example and each other. Where Debian's docker-compose is
installed, its own `config` must accept them too.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
SERVICES = {"migrate", "backend", "qcluster", "frontend", "db", "redis"}
LONG_RUNNING = SERVICES - {"migrate"}
PROD_ENV = {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "budget.example.com", "POSTGRES_PASSWORD": "pw"}


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text())


def merge(base, override, key=None):
    """Compose's merge: mappings merge, ports/volumes add up, anything else (command, test) is replaced."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for k, value in override.items():
            merged[k] = merge(base[k], value, k) if k in base else value
        return merged
    if key in {"ports", "volumes", "expose"} and isinstance(base, list):
        return base + [item for item in override if item not in base]
    return override


def stack(override: str) -> dict:
    return merge(load("docker-compose.yml"), load(override))["services"]


def words(command) -> str:
    return command if isinstance(command, str) else " ".join(command)


def published_ports(service: dict) -> set[int]:
    return {int(str(port).split(":")[0]) for port in service.get("ports", [])}


def env_example() -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))


@pytest.fixture(params=["docker-compose.local.yml", "docker-compose.prod.yml"])
def services(request):
    return stack(request.param)


def test_compose_has_every_service_with_its_dependencies(services):
    assert set(services) == SERVICES
    for name in ("backend", "qcluster"):
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
    assert services["frontend"]["depends_on"] == {"backend": {"condition": "service_healthy"}}
    assert services["db"]["image"].startswith("postgres:16")
    assert "pg_isready" in words(services["db"]["healthcheck"]["test"])
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "ping" in words(services["redis"]["healthcheck"]["test"])
    assert words(services["qcluster"]["command"]) == "python manage.py qcluster"
    assert words(services["qcluster"]["healthcheck"]["test"]).endswith("manage.py qhealth")


def test_compose_runs_committed_migrations_once_and_never_makes_them(services):
    assert "manage.py migrate --noinput" in words(services["migrate"]["command"])
    assert services["migrate"]["restart"] == "no"
    for path in ROOT.glob("docker-compose*.yml"):
        assert "makemigrations" not in path.read_text(), path.name
    for path in ROOT.glob("*/Dockerfile"):
        assert "makemigrations" not in path.read_text(), path


def test_compose_points_every_piece_at_the_others(services):
    env = services["backend"]["environment"]
    assert env["DATABASE_URL"].endswith("@db:5432/${POSTGRES_DB:-budget}")
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert services["frontend"]["environment"]["BUDGET_API_URL"] == "http://backend:8000/api"
    for name in ("migrate", "backend", "qcluster"):
        assert services[name]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
        # Every variable handed to the backend is one the code reads and .env.example documents.
        assert set(services[name]["environment"]) - {"DEBUG", "WEB_CONCURRENCY"} <= env_example()


def test_local_compose_publishes_every_port_and_mounts_the_code():
    services = stack("docker-compose.local.yml")

    assert published_ports(services["backend"]) == {8000}
    assert published_ports(services["frontend"]) == {8501}
    assert published_ports(services["db"]) == {5432}
    assert published_ports(services["redis"]) == {6379}
    assert words(services["backend"]["command"]) == "python manage.py runserver 0.0.0.0:8000"
    assert "--server.runOnSave true" in words(services["frontend"]["command"])
    for name in ("migrate", "backend", "qcluster"):
        assert "./backend:/app" in services[name]["volumes"]
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.local"
        assert services[name]["build"]["args"] == {"REQUIREMENTS": "requirements-dev.txt"}
    assert "./frontend:/app" in services["frontend"]["volumes"]
    assert services["backend"]["environment"]["DEBUG"] == "true"


def test_prod_compose_runs_gunicorn_and_keeps_the_database_private():
    services = stack("docker-compose.prod.yml")

    assert "ports" not in services["db"]
    assert "ports" not in services["redis"]
    command = words(services["backend"]["command"])
    assert command.startswith("gunicorn config.wsgi:application --bind 0.0.0.0:8000")
    assert published_ports(services["backend"]) == {8000}
    assert words(services["backend"]["healthcheck"]["test"]) == "CMD python -m config.healthcheck"
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name
    for name in ("migrate", "backend", "qcluster"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")  # required, never defaulted
        assert env["ALLOWED_HOSTS"].startswith("${ALLOWED_HOSTS:?")
        assert "${POSTGRES_PASSWORD:?" in env["DATABASE_URL"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_no_compose_file_holds_a_secret():
    for path in ROOT.glob("docker-compose*.yml"):
        for key, value in re.findall(
            r"^\s*([A-Z_]*(?:SECRET|PASSWORD)[A-Z_]*):\s*(.*)$", path.read_text(), re.M
        ):
            assert value.startswith("${"), f"{path.name}: {key} must come from the environment"


@pytest.mark.parametrize(
    ("dockerfile", "port"), [("backend/Dockerfile", 8000), ("frontend/Dockerfile", 8501)]
)
def test_dockerfiles_are_slim_pinned_and_unprivileged(dockerfile, port):
    text = (ROOT / dockerfile).read_text()

    assert "\nFROM python:3.11-slim\n" in text
    assert re.search(r"^USER budget$", text, re.M)
    assert "useradd --create-home --uid 10001" in text
    assert re.search(r"pip install -c /deps/constraints.txt -r /deps/", text)
    assert f"EXPOSE {port}" in text
    for source in re.findall(r"^COPY (?:--chown=\S+ )?(.+) \S+$", text, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), f"{dockerfile} copies {path}, which does not exist"
    # Dependencies are installed before the code is copied, so code changes reuse that layer.
    assert text.index("pip install") < text.index(f"COPY --chown=budget:budget {dockerfile.split('/')[0]}/")


def test_backend_dockerfile_serves_what_the_settings_expect():
    text = (ROOT / "backend/Dockerfile").read_text()

    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in text
    assert "collectstatic --noinput" in text
    assert '"gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"' in text
    assert '"python", "-m", "config.healthcheck"' in text


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="Debian's docker-compose is not installed")
@pytest.mark.parametrize("override", ["docker-compose.local.yml", "docker-compose.prod.yml"])
def test_docker_compose_accepts_the_files(override):
    result = subprocess.run(
        ["docker-compose", "-p", "budget", "-f", "docker-compose.yml", "-f", override, "config", "-q"],
        cwd=ROOT,
        env={**os.environ, **PROD_ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="Debian's docker-compose is not installed")
def test_docker_compose_refuses_production_without_its_secrets():
    clean = {k: v for k, v in os.environ.items() if k not in PROD_ENV}
    result = subprocess.run(
        [
            "docker-compose",
            "-p",
            "budget",
            "-f",
            "docker-compose.yml",
            "-f",
            "docker-compose.prod.yml",
            "config",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def run_healthcheck(url: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "config.healthcheck"],
        cwd=ROOT / "backend",
        env={**os.environ, "HEALTHCHECK_URL": url, **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_healthcheck_passes_against_a_running_api(live_server):
    result = run_healthcheck(f"{live_server.url}/api/health/", ALLOWED_HOSTS="*")

    assert result.returncode == 0, result.stdout
    assert '"status":"ok"' in result.stdout.replace(" ", "")


def test_healthcheck_fails_with_a_reason_when_nothing_answers():
    result = run_healthcheck("http://127.0.0.1:9/api/health/")

    assert result.returncode == 1
    assert result.stdout.startswith("unreachable:")


def test_frontend_image_holds_everything_the_app_imports_and_opens():
    """The frontend image installs only frontend/requirements.txt and copies frontend/ to /app."""
    import ast

    app = ROOT / "frontend"
    sources = [app / "server.py", app / "streamlit_app.py", *app.glob("app_pages/*.py")]
    sources += app.glob("budget_ui/*.py")
    imported = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"budget_ui"}
    pinned = set(re.findall(r"^([a-z0-9_-]+)==", (app / "requirements.txt").read_text(), re.M))
    assert third_party <= pinned, f"imported but not in frontend/requirements.txt: {third_party - pinned}"

    # st.Page paths are relative to the entry script, which the image runs from /app.
    pages = re.findall(r'"(app_pages/[^"]+)"', (app / "streamlit_app.py").read_text())
    assert set(pages) == {f"app_pages/{path.name}" for path in app.glob("app_pages/*.py")}
    dockerfile = (app / "Dockerfile").read_text()
    assert "COPY --chown=budget:budget frontend/ /app/" in dockerfile
    assert '"streamlit", "run", "server.py"' in dockerfile  # the st.App serving streamlit_app.py
    assert 'st.App("streamlit_app.py"' in (app / "server.py").read_text()
