"""The plugin's distribution holds the plugin only, and says what it needs."""

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SITE_PACKAGES = ("gunicorn", "whitenoise", "django-csp", "dj-database-url", "django-cors-headers")


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_the_wheel_holds_only_the_plugin_and_its_demo_app(dists):
    (wheel,) = dists.glob("wagtail_film_programme-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.startswith("wagtail_film")}
    assert top_level == {"programme", "programme_demo"}
    # Templates, static files and the German catalogue travel with the code.
    assert "programme/templates/programme/pages/film_page.html" in names
    assert any(name.startswith("programme/static/programme/") for name in names)
    assert "programme/migrations/0001_initial.py" in names


def test_the_sdist_leaves_the_site_tests_and_benchmark_out(dists):
    (sdist,) = dists.glob("wagtail_film_programme-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    top_level = {name.split("/")[0] for name in names}
    assert {"programme", "programme_demo", "LICENSE", "CHANGELOG.md", "pyproject.toml"} <= top_level
    assert not top_level & {"tests", "bench", "site_config", "home", "search", "bin", ".ci"}


def test_the_site_s_server_packages_are_not_the_plugin_s_dependencies():
    dependencies = " ".join(PYPROJECT["project"]["dependencies"]).lower()
    for package in SITE_PACKAGES:
        assert package not in dependencies
    site_requirements = (ROOT / "requirements" / "site.txt").read_text()
    for package in SITE_PACKAGES:
        assert package in site_requirements


def test_the_ranges_admit_wagtail_7_lts_through_8():
    dependencies = PYPROJECT["project"]["dependencies"]
    assert "wagtail>=7.0,<9" in dependencies
    classifiers = PYPROJECT["project"]["classifiers"]
    assert {"Framework :: Wagtail :: 7", "Framework :: Wagtail :: 8"} <= set(classifiers)
