"""Every reader page type is valid HTML for the Nu HTML Checker (vnu.jar).

The pages come from ``gunicorn_server`` (the real stack with the demo content). The
checker runs once for all of them: the JVM is slow to start. vnu.jar comes from the
vnu-jar npm package (package-lock.json; bin/test runs ``npm ci``) and needs Java.
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.reader_pages import READER_PAGES

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CONTROL = "control-missing-title"


def _in_ci():
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def vnu_messages(gunicorn_server, tmp_path_factory):
    """{page id: [vnu error message, ...]} for every page in READER_PAGES."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} (npm ci)")
    if missing:
        message = f"The HTML validity check needs {' and '.join(missing)}; bin/test installs both"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    directory = tmp_path_factory.mktemp("html-validity")
    # A document with one known error proves that vnu read the files it was given.
    control = directory / f"{CONTROL}.html"
    control.write_text('<!DOCTYPE html><html lang="en"><head></head><body></body></html>')
    files = {control: CONTROL}
    for page in READER_PAGES:
        status, body = _fetch(f"{gunicorn_server}{page.path}")
        assert status == page.status, f"{page.path} answered {status}\n{gunicorn_server.log_tail()}"
        path = directory / f"{page.id}.html"
        path.write_bytes(body)
        files[path] = page.id

    result = subprocess.run(  # noqa: S603 - fixed argv
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu.jar did not report JSON (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )

    by_page = {page_id: [] for page_id in files.values()}
    for message in report["messages"]:
        # vnu names each file with a "file:/tmp/..." URL.
        page_id = Path(message.get("url", "").removeprefix("file:")).stem
        if page_id not in by_page:
            pytest.fail(f"vnu.jar reported an error about no page: {message}", pytrace=False)
        by_page[page_id].append(message)
    if not by_page.pop(CONTROL):
        pytest.fail(f"vnu.jar found no error in {control}, which lacks a <title>", pytrace=False)
    return by_page


@pytest.mark.parametrize("page", READER_PAGES, ids=[page.id for page in READER_PAGES])
def test_page_is_valid_html(vnu_messages, page):
    messages = vnu_messages[page.id]
    lines = [
        f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}: "
        f"{message.get('message')}\n    {' '.join(message.get('extract', '').split())}"
        for message in messages
    ]
    saved_as = messages[0]["url"] if messages else ""
    assert messages == [], (
        f"vnu.jar: {len(messages)} error(s) in {page.path} ({saved_as}):\n" + "\n".join(lines)
    )
