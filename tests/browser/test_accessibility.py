"""Accessibility bars for every reader page type, in real Chromium on the real stack.

- axe-core finds no WCAG 2.0, 2.1 and 2.2 level A/AA violations;
- at 390 and 1280 CSS px nothing scrolls sideways, and links in navigation,
  buttons and form controls are at least 24×24 CSS px (WCAG 2.2 SC 2.5.8);
- no console errors; a full-page screenshot of each page at each width goes to
  test-artifacts/ (reader-<page>-<width>.png).

axe-core comes from node_modules/ (package-lock.json; bin/test runs ``npm ci``).
"""

from pathlib import Path

import pytest

from tests.browser.conftest import _in_ci
from tests.reader_pages import READER_PAGES

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [390, 1280]
MIN_TARGET = 24

PAGES = [pytest.param(page.path, page.status, id=page.id) for page in READER_PAGES]

# Controls smaller than MIN_TARGET CSS px, as "description: width×height" strings.
# Links count only where they are controls of their own (navigation, ".button");
# links inside a paragraph are inline targets, which SC 2.5.8 exempts. A label
# wrapping a checkbox or radio is part of its target: clicking it toggles the box.
SMALL_TARGETS_JS = """(minSize) => {
    const selector = [
        "nav a", "a.button", "button", "input:not([type=hidden])", "select",
        "textarea", "summary", "[role=button]",
    ].join(", ");
    const describe = (el) => {
        const id = el.id ? `#${el.id}` : "";
        const classes = [...el.classList].map((name) => `.${name}`).join("");
        const text = (el.textContent || el.getAttribute("name") || "").trim().replace(/\\s+/g, " ");
        return `<${el.tagName.toLowerCase()}${id}${classes}> "${text.slice(0, 40)}"`;
    };
    const small = [];
    for (const el of document.querySelectorAll(selector)) {
        if (el.matches("a") && el.closest("p")) continue;
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        let rect = el.getBoundingClientRect();
        if (rect.width <= 1 && rect.height <= 1) continue;  // .visually-hidden
        const label = el.closest("label");
        if (label && el.matches("input")) rect = label.getBoundingClientRect();
        if (rect.width < minSize || rect.height < minSize) {
            small.push(`${describe(el)}: ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`);
        }
    }
    return small;
}"""


@pytest.fixture(scope="module")
def axe_js():
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: run `npm ci` (bin/test does) to install axe-core"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE_JS


def _format_violations(url, violations):
    lines = [f"axe-core found {len(violations)} WCAG violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    target: {node['target']}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_axe_finds_no_wcag_violations(gunicorn_server, browser, axe_js, path, status):
    url = f"{gunicorn_server}{path}"
    # add_script_tag(path=...) injects axe as an inline <script>, which the site's
    # CSP (script-src 'self') blocks. So this context, used for the axe run only,
    # bypasses CSP; test_page_fits_and_controls_are_big_enough loads every page
    # with the CSP enforced and fails on any console error.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(url)
        assert response is not None
        assert response.status == status, gunicorn_server.log_tail()
        page.add_script_tag(path=str(axe_js))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
    finally:
        context.close()

    violations = results["violations"]
    assert violations == [], _format_violations(url, violations)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_fits_and_controls_are_big_enough(
    gunicorn_server, page, screenshot, request, path, status, width
):
    url = f"{gunicorn_server}{path}"
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(url)

    assert response is not None
    assert response.status == status, gunicorn_server.log_tail()
    screenshot(page, f"reader-{request.node.callspec.id}")

    scroll_width, viewport_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= viewport_width, (
        f"{url} scrolls sideways at {width}px: the page is {scroll_width}px wide"
    )

    small = page.evaluate(SMALL_TARGETS_JS, MIN_TARGET)
    assert small == [], (
        f"{url} at {width}px: targets smaller than {MIN_TARGET}×{MIN_TARGET} CSS px:\n"
        + "\n".join(small)
    )

    errors = page.console_errors
    if status != 200:
        # Chromium logs the document's own error status as a failed resource load.
        errors = [
            error
            for error in errors
            if not (error.startswith("console: Failed to load resource") and f"({url}:" in error)
        ]
    assert errors == []
