"""Playwright harness: real headless Chromium (Debian's, not Playwright's download).

Every test in this directory is marked ``browser`` and runs after the rest of the
suite: while Playwright's sync API is active, Django treats the thread as async
and refuses ORM calls, so no database test may follow a browser test.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps trying to reach Google on a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HERE = Path(__file__).resolve().parent


class _OneRequestAtATimeServer(WSGIServer):
    """Django's live server, handling requests in turn.

    On SQLite the live server's threads share the test's single in-memory
    connection, so two requests at once (a page and the XHRs it starts) could
    open a transaction inside another's: "cannot start a transaction within a
    transaction". One at a time, as a browser on a real server never notices.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server():
    patch = pytest.MonkeyPatch()
    patch.setattr(LiveServerThread, "server_class", _OneRequestAtATimeServer)
    yield
    patch.undo()


def _in_ci():
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the marker must be on the items before ``-m`` selects them.
    browser_items, other_items = [], []
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            # A real browser on a busy 2-core machine sometimes loses a race with the admin's
            # own scripts (the date picker, autosave: issues #13 and #15). One rerun, which
            # the report shows, keeps those from failing CI; a real fault fails twice.
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=1))
            browser_items.append(item)
        else:
            other_items.append(item)
    items[:] = other_items + browser_items


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    if not os.path.exists(CHROMIUM):
        message = (
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(apt-get install chromium) to run the browser tests"
        )
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps connections per async context, and Playwright's sync API runs
    # an event loop: from here on the tests see other connection objects, which
    # lack the snapshot serialized_rollback restores between transactional tests.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connection = connections[alias]
            if snapshot is not None and not hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A page in a fresh browser context.

    ``page.console_errors`` collects console errors and uncaught exceptions, so a
    test can end with ``assert page.console_errors == []``. A failing test leaves
    a screenshot in test-artifacts/.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors = []

    def on_console(message):
        location = message.location or {}
        # Chromium asks for /favicon.ico by itself when a page declares no icon;
        # that request is the browser's, not the page's.
        if message.type == "error" and not location.get("url", "").endswith("/favicon.ico"):
            page.console_errors.append(
                f"console: {message.text} ({location.get('url', '?')}:"
                f"{location.get('lineNumber', '?')})"
            )

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(f"pageerror: {error}"))
    yield page

    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            save_screenshot(page, f"FAILED-{request.node.nodeid}")
        except Exception as exc:  # best effort: keep the real failure visible
            print(f"Could not save a failure screenshot: {exc}")
    context.close()


def save_screenshot(page, name, full_page=True):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name).strip('_')}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves test-artifacts/name.png and returns its path."""
    return save_screenshot
