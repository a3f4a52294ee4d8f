"""The plugin's non-browser suite against each Wagtail release it supports.

    nox -s "tests(wagtail='7.0')"        # Wagtail 7.0 LTS, Django 5.2 LTS
    nox -s "tests(wagtail='8')"          # Wagtail 8.x
    nox -R -s "tests(wagtail='7.0')" -- -x tests/test_pages.py   # reuse the venv, extra pytest args

``-R`` (reuse the virtualenv, skip the installs) makes a second run start at once;
leave it out after changing pyproject.toml. DATABASE_URL, if set and not empty,
selects the database, as for bin/test (SQLite by default).
"""

import os

import nox

nox.options.sessions = ["tests"]
# pip, not uv even where uv is installed: pip reads the machine's pip configuration
# (package indexes, wheel folders), which uv does not.
nox.options.default_venv_backend = "virtualenv"

#: Each Wagtail release line we promise to support, with the Django releases it allows.
WAGTAIL = {
    # Wagtail 7.0 LTS supports Django 4.2 to 5.2; our floor is 5.2.
    "7.0": ["wagtail>=7.0,<7.1", "Django>=5.2,<5.3"],
    "8": ["wagtail>=8.0,<9"],
}

VERSIONS = (
    "import django, wagtail; print('Wagtail', wagtail.__version__, 'Django', django.__version__)"
)


@nox.session
@nox.parametrize("wagtail", list(WAGTAIL))
def tests(session: nox.Session, wagtail: str) -> None:
    session.install("-e", ".[xlsx,redis]", "-r", "requirements/test.txt", *WAGTAIL[wagtail])
    env = {
        # pytest-django prefers this variable over pyproject.toml: never let a value
        # from the calling shell (e.g. the dev settings) replace the test settings.
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        # An empty DATABASE_URL means "not set" (the SQLite default), not a broken URL.
        "DATABASE_URL": os.environ.get("DATABASE_URL") or None,
    }
    session.run("python", "-c", VERSIONS, env=env)
    # Migrations made under one release must load, and look unchanged, under the others.
    session.run("python", "manage.py", "makemigrations", "--check", "--dry-run", env=env)
    session.run("python", "manage.py", "check", env=env)
    session.run(
        "python",
        "-m",
        "pytest",
        "-m",
        "not browser",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env=env,
    )
