"""An article's whole life in the admin, in a real browser.

An editor (no publish permission) writes an article with a screening block and
a price-table block, saves a draft, previews it and submits it to the
"Moderators approval" workflow; a moderator approves it; an anonymous reader
sees the screening's date, venue, prices and ticket link. When the editor then
marks the screening sold out, the reader sees "Sold out" without anyone
republishing the article.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from programme.models import ArticleIndexPage, ArticlePage, Occurrence
from programme.permissions import grant_group_permissions
from programme.templatetags.programme_tags import long_date
from tests.browser.conftest import save_screenshot
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreeningFactory,
    VenuePageFactory,
    home_page,
)

PASSWORD = "correct horse battery staple"
TICKET_URL = "https://tickets.example.org/rear-window"
PRICES = [
    ("Regular", "£15"),
    ("Seniors and students", "£11"),
    ("Youth", "£9"),
    ("Children under 3", "Free"),
]


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright():
    """Let the test thread use the ORM while Playwright's sync API is active.

    See test_admin_recurrence.py: Playwright leaves an event loop running in
    this thread, so Django would otherwise refuse every query as async code.
    """
    patch = pytest.MonkeyPatch()
    patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield
    patch.undo()


@pytest.fixture
def offline_admin(settings):
    # No release check, no Gravatar: both fail as console errors on a closed network.
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None


@pytest.fixture
def fresh_page(browser, request):
    """``fresh_page(width, height)``: a page in a new context (another person's browser).

    Records console errors in ``page.console_errors`` like the ``page`` fixture,
    leaves a screenshot if the test fails and closes its context afterwards.
    """
    pages = []

    def make(width=1280, height=800):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_errors = []

        def on_console(message):
            location = message.location or {}
            if message.type == "error" and not location.get("url", "").endswith("/favicon.ico"):
                page.console_errors.append(
                    f"console: {message.text} ({location.get('url', '?')}:"
                    f"{location.get('lineNumber', '?')})"
                )

        page.on("console", on_console)
        page.on("pageerror", lambda error: page.console_errors.append(f"pageerror: {error}"))
        pages.append(page)
        return page

    yield make

    report = getattr(request.node, "report_call", None)
    for number, page in enumerate(pages, start=1):
        if report is not None and report.failed:
            try:
                save_screenshot(page, f"FAILED-{request.node.name}-context{number}")
            except Exception as exc:  # best effort: keep the real failure visible
                print(f"Could not save a failure screenshot: {exc}")
        page.context.close()


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def _insert_block(page, block_label):
    """Click the stream's last "+" and pick a block type in the searchable block chooser."""
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    picker = page.get_by_role("listbox")
    page.get_by_placeholder("Search options…").fill(block_label)
    picker.get_by_role("option", name=re.compile(rf"^{re.escape(block_label)}")).first.click()


def _assert_prices(scope):
    """Each price is in its own row of one price table: "Regular … £15"."""
    for label, amount in PRICES:
        row = scope.get_by_role("row").filter(has_text=label)
        assert amount in row.inner_text(), (label, amount)


def _last_block(page):
    return page.locator("[data-contentpath=body] [data-streamfield-child]").last


def _choose_snippet(page, button_name, choice_text):
    """Open the newest block's snippet chooser and click the snippet in the modal's list."""
    block = _last_block(page)
    block.get_by_role("button", name=button_name).click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name=choice_text).click()
    modal.wait_for(state="hidden")
    page.locator(".modal-backdrop").wait_for(state="detached")
    assert choice_text in block.inner_text()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_article_from_draft_to_moderated_publication_to_sold_out(
    live_server, page, fresh_page, offline_admin
):
    base = live_server.url
    # -- Data ----------------------------------------------------------------------------
    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page().add_child(instance=index)
    prices = PriceTableFactory(
        name="Rio prices",
        rows=[
            ("Regular", Decimal("15"), ""),
            ("Seniors and students", Decimal("11"), ""),
            ("Youth", Decimal("9"), "ages 3–17"),
            ("Children under 3", Decimal("0"), ""),
        ],
    )
    venue = VenuePageFactory(title="Rio Cinema", default_price_table=prices)
    film = FilmPageFactory(title="Rear Window", runtime_minutes=112)
    screening = ScreeningFactory(
        film=film,
        venue=venue,
        first_date=timezone.localdate() + datetime.timedelta(days=3),
        show_times="19:30",
        ticket_url=TICKET_URL,
    )
    show = Occurrence.objects.get(screening=screening)
    show_date = long_date(show.local_start)

    grant_group_permissions()
    users = get_user_model().objects
    editor = users.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = users.create_user("moderator", "moderator@example.org", PASSWORD)
    moderator.groups.add(Group.objects.get(name="Moderators"))

    title = "Rear Window at the Rio"

    # -- The editor writes the article ---------------------------------------------------
    page.set_viewport_size({"width": 1280, "height": 1200})  # room for the blocks' screenshot
    _log_in(page, base, "editor")
    page.goto(f"{base}/admin/pages/add/programme/articlepage/{index.pk}/")
    page.get_by_role("textbox", name="Title").fill(title)

    _insert_block(page, "Rich text")
    _last_block(page).get_by_role("textbox").click()  # Draftail's editable area
    page.keyboard.type("Hitchcock's courtyard, on the big screen again.")

    _insert_block(page, "Screening")
    _choose_snippet(page, "Choose screening", str(screening))
    # The price table gets its own block below, so the screening need not repeat it.
    _last_block(page).get_by_label("Show prices").uncheck()
    _insert_block(page, "Price table")
    _choose_snippet(page, "Choose price table", "Rio prices")
    _last_block(page).scroll_into_view_if_needed()
    save_screenshot(page, "article-editor-filled-form")

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    # Wagtail 8 autosaves a new page while the editor types (issue #13), so this save may
    # report an update of the autosaved draft rather than the page's creation.
    assert re.search(r"\b(created|updated)\b", page.locator(".messages").inner_text())
    article = ArticlePage.objects.get(title=title)
    assert not article.live

    # -- Preview -------------------------------------------------------------------------
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_text(show_date).first.wait_for()
    assert preview.get_by_role("heading", name="Rear Window", exact=True).is_visible()
    assert preview.get_by_role("link", name="Rio Cinema", exact=True).is_visible()
    _assert_prices(preview)

    # -- Submit for moderation -----------------------------------------------------------
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.get_by_text(f"Page '{title}' has been submitted for moderation.").wait_for()
    article.refresh_from_db()
    assert article.workflow_in_progress

    # -- The moderator approves and publishes --------------------------------------------
    moderator_page = fresh_page()
    _log_in(moderator_page, base, "moderator")
    review = moderator_page.locator("section", has_text="Awaiting your review")
    row = review.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    row.wait_for(state="detached")  # the dashboard reloads without the approved task
    article.refresh_from_db()
    assert article.live

    # -- The reader ----------------------------------------------------------------------
    reader = fresh_page(width=390, height=844)
    reader.goto(f"{base}{article.url}")
    assert reader.get_by_role("heading", name=title).is_visible()
    assert "on the big screen again" in reader.locator("main").inner_text()
    assert reader.get_by_text(show_date).is_visible()
    assert reader.get_by_role("link", name="Rio Cinema", exact=True).is_visible()
    _assert_prices(reader)
    assert (
        reader.get_by_role("link", name=re.compile("Book tickets")).get_attribute("href")
        == TICKET_URL
    )
    save_screenshot(reader, "article-published-390")

    # -- Sold out ------------------------------------------------------------------------
    published_at, revisions = article.last_published_at, article.revisions.count()
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Programme").click()
    page.get_by_role("link", name="Screenings").click()
    page.get_by_role("row").filter(has_text="Rio Cinema").get_by_role(
        "link", name="Rear Window"
    ).click()
    page.get_by_role("tab", name="Dates").click()
    page.get_by_role("combobox", name="Status").select_option(label="Sold out")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{base}/admin/snippets/programme/screening/")
    assert page.get_by_role("row").filter(has_text="Rio Cinema").get_by_text("Sold out").count()

    reader.reload()
    assert reader.get_by_text("Sold out", exact=True).is_visible()
    assert reader.get_by_text(show_date).is_visible()
    assert reader.get_by_role("link", name=re.compile("Book tickets")).count() == 0
    save_screenshot(reader, "article-sold-out-390")
    article.refresh_from_db()
    assert (article.last_published_at, article.revisions.count()) == (published_at, revisions)

    assert page.console_errors == []
    assert moderator_page.console_errors == []
    assert reader.console_errors == []
