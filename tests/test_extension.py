"""The extension points, through the example app in tests/extension_app.

The app adds an ``EventPage`` that hosts screenings, a "Film quiz" label and a
"Parent and baby" access flag, using only what docs/extend.md documents.
"""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from programme.choices import ScreeningStatus
from programme.models import AccessFlag, ScreeningLabel
from programme.models.hosts import host_pages_for_screenings, screening_host_models
from programme.registry import ensure_declared_rows
from programme.templatetags.programme_tags import long_date
from tests.extension_app.models import EventPage, EventScreening
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreeningFactory,
    VenuePageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

OVERRIDES_DIR = Path(__file__).parent / "extension_app" / "template_overrides"


def days_from_today(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def make_event(screenings, title="Quiz night", **fields) -> EventPage:
    page = EventPage(title=title, slug=title.lower().replace(" ", "-"), **fields)
    page.hosted_screenings = [EventScreening(screening=screening) for screening in screenings]
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def quiz_screening(**fields):
    screening = ScreeningFactory(**fields)
    screening.labels.add(ScreeningLabel.objects.get(slug="quiz"))
    screening.access_flags.add(AccessFlag.objects.get(slug="parent-and-baby"))
    screening.save()  # parental many-to-many relations are written on save
    return screening


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_the_example_apps_migrations_are_current():
    # CI's makemigrations --check runs without this app; a new programme block
    # changes the event body's StreamField, so regenerate its migration then.
    call_command("makemigrations", "extension_app", "--check", "--dry-run", stdout=io.StringIO())


# -- Registry and settings ------------------------------------------------------------------


def test_labels_and_flags_an_app_registers_exist_after_migrate():
    quiz = ScreeningLabel.objects.get(slug="quiz")
    assert quiz.name == "Film quiz"
    assert quiz.description.startswith("Teams of up to six")
    flag = AccessFlag.objects.get(slug="parent-and-baby")
    assert (flag.name, flag.abbreviation) == ("Parent and baby", "P&B")


@override_settings(
    PROGRAMME_EXTRA_LABELS=[
        {"slug": "members", "name": "Members only", "description": "Bring your card."}
    ],
    PROGRAMME_EXTRA_ACCESS_FLAGS=[
        {"slug": "dementia-friendly", "name": "Dementia-friendly", "abbreviation": "DF"}
    ],
)
def test_labels_and_flags_from_settings_are_created_and_editors_keep_their_wording():
    assert not ScreeningLabel.objects.filter(slug="members").exists()
    ScreeningLabel.objects.filter(slug="quiz").update(name="Quiz night")

    ensure_declared_rows()
    ensure_declared_rows()  # runs after every migrate: a second run changes nothing

    members = ScreeningLabel.objects.get(slug="members")
    assert (members.name, members.description) == ("Members only", "Bring your card.")
    flag = AccessFlag.objects.get(slug="dementia-friendly")
    assert (flag.name, flag.abbreviation) == ("Dementia-friendly", "DF")
    assert ScreeningLabel.objects.filter(slug="members").count() == 1
    assert ScreeningLabel.objects.get(slug="quiz").name == "Quiz night"


# -- The event page ---------------------------------------------------------------------------


def test_event_page_lists_its_screenings_shows_with_the_custom_label(client):
    later = quiz_screening(
        film=FilmPageFactory(title="Rashomon"), first_date=days_from_today(9), show_times="19:30"
    )
    sooner = ScreeningFactory(
        film=FilmPageFactory(title="Ikiru"), first_date=days_from_today(2), show_times="18:00"
    )
    ScreeningFactory(film=FilmPageFactory(title="Not at this event"))
    page = make_event([later, sooner], intro="<p>Six to a team.</p>")

    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    shows = html[html.index('class="hosted-screenings"') :]
    assert "Six to a team." in html
    assert shows.index("Ikiru") < shows.index("Rashomon")  # by date, not by editor order
    assert long_date(days_from_today(9)) in shows
    assert long_date(days_from_today(2)) in shows
    assert '<li class="label">Film quiz</li>' in shows
    assert 'title="Parent and baby">P&amp;B</abbr>' in shows
    assert "Not at this event" not in html
    assert [s.title for s in page.screenings()] == ["Rashomon", "Ikiru"]  # editor order


def test_event_page_follows_the_programme_without_republishing(client):
    screening = ScreeningFactory(film=FilmPageFactory(title="Stalker"), show_times="20:00")
    page = make_event([screening])
    assert "Cancelled" not in client.get(page.url).content.decode()

    screening.status = ScreeningStatus.CANCELLED
    screening.save()
    html = client.get(page.url).content.decode()
    assert "<strong>Cancelled</strong>" in html


def test_past_shows_and_unpublished_films_are_not_listed(client):
    past = ScreeningFactory(film=FilmPageFactory(title="Long gone"), first_date=days_from_today(-3))
    hidden = ScreeningFactory(film=FilmPageFactory(title="Under embargo", live=False))
    page = make_event([past, hidden])
    html = client.get(page.url).content.decode()
    assert "Long gone" not in html and "Under embargo" not in html
    assert "No screenings are scheduled at the moment." in html


def test_event_page_query_count_does_not_grow_with_its_screenings(client):
    # Every relation the rows read is there from the first screening on: a prefetch
    # with nothing to fetch skips its query, which would look like growth.
    venue = VenuePageFactory(default_price_table=PriceTableFactory())
    page = make_event([quiz_screening(venue=venue, price_table=PriceTableFactory())])

    def count_queries() -> int:
        # Render, not a cached copy: both counts start from an empty cache.
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    one = count_queries()
    for n in range(5):
        screening = quiz_screening(
            venue=VenuePageFactory(),
            price_table=PriceTableFactory(),
            show_times="14:00, 20:00",
            recurrence="RRULE:FREQ=DAILY;COUNT=3",
            first_date=days_from_today(n + 1),
        )
        EventScreening.objects.create(page=page, screening=screening)
    assert len(page.upcoming_occurrences()) == 1 + 5 * 6
    assert count_queries() == one


def test_event_page_json_ld_is_an_event_with_screening_events(client):
    screening = ScreeningFactory(film=FilmPageFactory(title="Dersu Uzala"), show_times="19:00")
    page = make_event([screening], title="Kurosawa night", search_description="Three films.")
    items = json_ld(client.get(page.url).content.decode())
    [event] = [item for item in items if item["@type"] == "Event"]
    assert event["name"] == "Kurosawa night"
    assert event["description"] == "Three films."
    assert event["url"].endswith(page.url)
    assert [sub["@type"] for sub in event["subEvent"]] == ["ScreeningEvent"]
    assert event["subEvent"][0]["name"] == "Dersu Uzala"
    assert event["startDate"] == event["subEvent"][0]["startDate"]
    assert event["location"]["@type"] == "MovieTheater"


def test_event_body_keeps_every_programme_block_and_adds_a_running_order(client):
    screening = ScreeningFactory(
        film=FilmPageFactory(title="Ran"), ticket_url="https://tickets.example/ran"
    )
    page = make_event([])
    page.body = [
        (
            "running_order",
            {
                "heading": "The evening",
                "entries": [
                    {"time": datetime.time(19, 0), "item": "Doors and bar"},
                    {"time": datetime.time(21, 45), "item": "Quiz"},
                ],
            },
        ),
        ("screening", {"screening": screening, "dates_shown": None, "show_prices": True}),
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    body = html[html.index('class="page-body"') :]
    assert '<time datetime="21:45">21:45</time> Quiz' in body
    assert "https://tickets.example/ran" in body


def test_preview_shows_rows_that_are_not_saved_yet():
    screening = ScreeningFactory()
    other = ScreeningFactory()
    page = EventPage(title="Draft")
    page.hosted_screenings = [
        EventScreening(screening=other),
        EventScreening(screening=screening),
        EventScreening(screening=other),
    ]
    assert page.hosted_screening_ids() == [other.pk, screening.pk]
    assert {show.screening_id for show in page.upcoming_occurrences()} == {other.pk, screening.pk}


# -- Finding host pages (for cache invalidation) -----------------------------------------------


def test_host_pages_for_screenings_finds_every_page_showing_them():
    shared, only_a, elsewhere = ScreeningFactory(), ScreeningFactory(), ScreeningFactory()
    event_a = make_event([shared, only_a], title="Event A")
    event_b = make_event([shared], title="Event B")
    make_event([elsewhere], title="Event C")

    assert EventPage in screening_host_models()
    assert host_pages_for_screenings([shared.pk]) == [event_a, event_b]
    assert host_pages_for_screenings([only_a.pk]) == [event_a]
    assert all(isinstance(p, EventPage) for p in host_pages_for_screenings([shared.pk]))
    assert host_pages_for_screenings([]) == []
    assert host_pages_for_screenings([ScreeningFactory().pk]) == []


def test_a_misnamed_relation_is_a_system_check_error(monkeypatch):
    assert EventPage.check() == []
    monkeypatch.setattr(EventPage, "hosted_screenings_relation", "screenings_here")
    errors = EventPage.check()
    assert [error.id for error in errors] == ["programme.E010"]
    assert "screenings_here" in errors[0].msg


# -- The admin ---------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_editor_creates_an_event_page_with_screenings(superuser_client):
    first, second = ScreeningFactory(), ScreeningFactory()
    home = home_page()
    add_url = reverse("wagtailadmin_pages:add", args=["extension_app", "eventpage", home.pk])
    form = superuser_client.get(add_url)
    assert form.status_code == 200
    assert "hosted_screenings-FORMS" in form.content.decode()

    data = nested_form_data(
        {
            "title": "Quiz night",
            "slug": "quiz-night",
            "intro": rich_text("<p>Teams of six.</p>"),
            "body": streamfield([]),
            "hosted_screenings": inline_formset(
                [{"screening": second.pk}, {"screening": first.pk}]
            ),
            "action-publish": "publish",
        }
    )
    response = superuser_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = EventPage.objects.get(slug="quiz-night")
    assert page.live
    assert page.hosted_screening_ids() == [second.pk, first.pk]


def test_editor_edits_an_event_page_and_removes_a_screening(superuser_client):
    keep, drop = ScreeningFactory(), ScreeningFactory()
    page = make_event([keep, drop])
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = superuser_client.get(edit_url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")  # StreamField inputs are drawn by JavaScript
    assert data["hosted_screenings-TOTAL_FORMS"] == "2"
    assert data["hosted_screenings-1-screening"] == str(drop.pk)
    data["hosted_screenings-1-DELETE"] = "1"
    data["title"] = "Quiz night, revised"
    data["action-publish"] = "publish"
    response = superuser_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page.refresh_from_db()
    assert page.title == "Quiz night, revised"
    assert page.hosted_screening_ids() == [keep.pk]


def test_an_event_without_a_chosen_screening_is_a_form_error(superuser_client):
    add_url = reverse("wagtailadmin_pages:add", args=["extension_app", "eventpage", home_page().pk])
    data = nested_form_data(
        {
            "title": "Broken",
            "slug": "broken",
            "intro": rich_text(""),
            "body": streamfield([]),
            "hosted_screenings": inline_formset([{"screening": "999999"}]),
            "action-publish": "publish",
        }
    )
    response = superuser_client.post(add_url, data)
    assert response.status_code == 200  # the form again, with its error
    assert not EventPage.objects.filter(slug="broken").exists()
    assert "Select a valid choice" in response.content.decode()


# -- Templates overridden by path -------------------------------------------------------------


def test_a_site_overrides_a_programme_template_by_path(client):
    page = make_event([quiz_screening(film=FilmPageFactory(title="Yojimbo"))])
    default = client.get(page.url).content.decode()
    assert "labels--site" not in default
    assert "label--access" in default

    engine = settings.TEMPLATES[0]
    with override_settings(TEMPLATES=[{**engine, "DIRS": [OVERRIDES_DIR, *engine["DIRS"]]}]):
        # A template change is a deployment, not an edit: nothing invalidates the page cache.
        for cache in caches.all():
            cache.clear()
        html = client.get(page.url).content.decode()
    assert '<ul class="labels labels--site">' in html
    assert '<li class="badge" data-label="quiz">Film quiz</li>' in html
    assert "label--access" not in html  # the whole include was replaced
    assert "Yojimbo" in html
