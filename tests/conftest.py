"""Fixtures shared by the whole suite.

``gunicorn_server`` runs the real stack (gunicorn, whitenoise, the dev settings
with DEBUG off) in its own processes against its own database, for the browser
tests and the HTTP-level checks in ``test_stack.py``.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUPERUSER = {"username": "admin", "password": "changeme"}
# Run by ``manage.py shell -c`` in the server's environment; load_demo may
# already have created the user.
ENSURE_SUPERUSER = f"""
from django.contrib.auth import get_user_model

user, _ = get_user_model().objects.get_or_create(
    username={SUPERUSER["username"]!r}, defaults={{"email": "admin@example.org"}}
)
user.is_active = user.is_staff = user.is_superuser = True
user.set_password({SUPERUSER["password"]!r})
user.save()
"""


@pytest.fixture(autouse=True)
def _clear_django_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


class LiveServer(str):
    """The server's base URL (no trailing slash), plus where its files are."""

    static_root: Path
    log_path: Path

    def log_tail(self, lines=60):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def superuser():
    """Credentials of the superuser that ``gunicorn_server`` creates."""
    return dict(SUPERUSER)


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("gunicorn-server")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    database_url, drop_database = _server_database(workdir)

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings.dev",
        DJANGO_DEBUG="0",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        CACHE_LOCATION=str(workdir / "cache"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        WAGTAILADMIN_BASE_URL=base_url,
        PYTHONUNBUFFERED="1",
    )

    def manage(*args, check=True):
        return subprocess.run(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=check,
        )

    try:
        _run_step(manage, "migrate", "--noinput")
        _run_step(manage, "collectstatic", "--noinput")
        if manage("help", "load_demo", check=False).returncode == 0:
            _run_step(manage, "load_demo", "--set-site-name")
        _run_step(manage, "setup_programme_groups")
        _run_step(manage, "shell", "-c", ENSURE_SUPERUSER)

        server = LiveServer(base_url)
        server.static_root = workdir / "static"
        server.log_path = workdir / "gunicorn.log"
        with server.log_path.open("wb") as log:
            proc = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "site_config/gunicorn.py",
                    "site_config.wsgi:application",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_answering(proc, server)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        drop_database()


def _run_step(manage, *args):
    result = manage(*args, check=False)
    if result.returncode:
        pytest.fail(
            f"manage.py {' '.join(args)} failed for the gunicorn server "
            f"(exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_answering(proc, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"gunicorn exited with {proc.returncode}:\n{server.log_tail()}", pytrace=False
            )
        try:
            with urllib.request.urlopen(f"{server}/", timeout=5):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # It answers; what it answers is for the tests to judge.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {timeout}s:\n{server.log_tail()}", pytrace=False)


def _server_database(workdir):
    """A fresh database for the server process: (DATABASE_URL, cleanup function).

    SQLite gets a file in ``workdir``; PostgreSQL gets ``<name>_e2e`` on the server
    that DATABASE_URL points at (the test role needs CREATEDB, as for pytest-django).
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        return f"sqlite:///{workdir / 'server.sqlite3'}", lambda: None

    import dj_database_url

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        pytest.fail(f"gunicorn_server supports SQLite and PostgreSQL, not {config['ENGINE']}")

    import psycopg
    from psycopg import sql

    # Separate names per xdist worker, should the suite ever run in parallel.
    name = f"{config['NAME']}_e2e{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    connect_args = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "autocommit": True,
    }

    def admin_connection():
        try:
            return psycopg.connect(dbname="postgres", **connect_args)
        except psycopg.OperationalError:
            return psycopg.connect(dbname=config["NAME"], **connect_args)

    def drop():
        with admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    drop()
    with admin_connection() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    parts = urlsplit(url)
    return parts._replace(path=f"/{name}").geturl(), drop
