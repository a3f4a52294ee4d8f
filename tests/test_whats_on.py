"""The what's-on page: dates, filters, grouping by programme day, bad input, query counts."""

import datetime
import os
import re

import pytest

from home.models import HomePage
from programme.models import (
    FilmIndexPage,
    FilmPage,
    Occurrence,
    Screen,
    SeasonIndexPage,
    SeasonPage,
    VenueIndexPage,
    VenuePage,
    WhatsOnPage,
)
from programme.models.whats_on import MAX_RANGE_DAYS, current_business_date
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def page() -> WhatsOnPage:
    page = WhatsOnPage(title="What’s on", slug="whats-on")
    home_page().add_child(instance=page)
    return page


@pytest.fixture
def today() -> datetime.date:
    return current_business_date()


def get(client, page, query: str = "", *, status: int = 200) -> str:
    response = client.get(page.url + query)
    assert response.status_code == status, (query, response.status_code)
    return response.content.decode()


def show(title: str, day: datetime.date, times: str = "19:30", **fields):
    film = fields.pop("film", None) or FilmPageFactory(title=title)
    return ScreeningFactory(film=film, first_date=day, show_times=times, **fields)


def titles(html: str) -> list[str]:
    return re.findall(r'<p class="show__title"><a href="[^"]*">([^<]+)</a>', html)


def messages(html: str) -> str:
    match = re.search(r'<div class="whats-on__messages" role="status">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


# -- the page tree ----------------------------------------------------------------


def test_page_tree_rules(page):
    for parent in [FilmIndexPage, VenueIndexPage, SeasonIndexPage, FilmPage, VenuePage, SeasonPage]:
        assert WhatsOnPage not in parent.allowed_subpage_models(), parent
    assert WhatsOnPage in HomePage.allowed_subpage_models()
    assert WhatsOnPage.allowed_subpage_models() == []
    # One per site: with one in place, no second can be created anywhere.
    assert not WhatsOnPage.can_create_at(home_page())


def test_can_be_created_under_the_home_page():
    assert WhatsOnPage.can_create_at(home_page())


# -- dates --------------------------------------------------------------------------


def test_today_by_default(client, page, today):
    show("Tonight Film", today)
    show("Tomorrow Film", today + DAY)
    show("Yesterday Film", today - DAY)
    html = get(client, page)
    assert titles(html) == ["Tonight Film"]
    assert "(today)" in html
    assert f'id="day-{today.isoformat()}"' in html


def test_current_business_date_before_five_is_the_evening_before(settings):
    settings.TIME_ZONE = "Europe/London"
    late = datetime.datetime(2025, 7, 12, 0, 30, tzinfo=datetime.UTC)  # 01:30 in London
    assert current_business_date(late) == datetime.date(2025, 7, 11)
    morning = datetime.datetime(2025, 7, 12, 9, 0, tzinfo=datetime.UTC)
    assert current_business_date(morning) == datetime.date(2025, 7, 12)


def test_chosen_date_and_day_route(client, page, today):
    day = today + 5 * DAY
    show("Day Five", day)
    show("Day Six", day + DAY)
    assert titles(get(client, page, f"?date={day.isoformat()}")) == ["Day Five"]
    assert titles(get(client, page, f"{day.isoformat()}/")) == ["Day Five"]


def test_week_lists_seven_days(client, page, today):
    start = today + 2 * DAY
    show("Before", start - DAY)
    show("First", start)
    show("Seventh", start + 6 * DAY)
    show("Eighth", start + 7 * DAY)
    html = get(client, page, f"?week={start.isoformat()}")
    assert titles(html) == ["First", "Seventh"]
    assert "Next week" in html and "Previous week" in html
    assert f"week={(start + 7 * DAY).isoformat()}" in html


def test_range_and_its_cap(client, page, today):
    start = today + DAY
    show("In range", start + 3 * DAY)
    show("Late", start + 40 * DAY)
    html = get(client, page, f"?from={start.isoformat()}&to={(start + 5 * DAY).isoformat()}")
    assert titles(html) == ["In range"]
    html = get(client, page, f"?from={start.isoformat()}&to={(start + 60 * DAY).isoformat()}")
    assert titles(html) == ["In range"]
    assert f"At most {MAX_RANGE_DAYS} days" in messages(html)
    assert (start + (MAX_RANGE_DAYS - 1) * DAY).isoformat() in messages(html)
    html = get(client, page, f"?from={start.isoformat()}&to={(start + 45 * DAY).isoformat()}")
    assert "Late" not in titles(html)


def test_previous_and_next_day_links_keep_filters(client, page, today):
    venue = VenuePageFactory(slug="the-lux")
    html = get(client, page, "?venue=the-lux")
    assert f'href="/whats-on/{(today + DAY).isoformat()}/?venue=the-lux" rel="next"' in html
    assert f'href="/whats-on/{(today - DAY).isoformat()}/?venue=the-lux" rel="prev"' in html
    assert venue.title in html


# -- grouping -------------------------------------------------------------------------


def test_grouped_by_programme_day_with_late_show_under_the_evening_before(client, page, today):
    day = today + 3 * DAY
    venue = VenuePageFactory()
    show("Late Night", day, "00:30", venue=venue)
    show("Evening", day, "21:00", venue=venue)
    show("Afternoon", day, "14:00", venue=venue)
    show("Next Day", day + DAY, "14:00", venue=venue)
    late = Occurrence.objects.get(screening__film__title="Late Night")
    assert late.local_start.date() == day + DAY
    assert late.business_date == day

    html = get(client, page, f"?from={day.isoformat()}&to={(day + DAY).isoformat()}")
    assert titles(html) == ["Afternoon", "Evening", "Late Night", "Next Day"]
    first_day = html[html.index(f'id="day-{day.isoformat()}"') :]
    first_day = first_day[: first_day.index(f'id="day-{(day + DAY).isoformat()}"')]
    assert titles(first_day) == ["Afternoon", "Evening", "Late Night"]
    assert "(after midnight)" in first_day
    assert titles(get(client, page, f"?date={(day + DAY).isoformat()}")) == ["Next Day"]


def test_rows_show_venue_screen_labels_price_and_tickets(client, page, today):
    venue = VenuePageFactory(title="Rio Cinema")
    screen = Screen.objects.create(venue=venue, name="Screen Two")
    show(
        "Full Row",
        today,
        venue=venue,
        screen=screen,
        premiere="national",
        q_and_a_with="The Director",
        price_table=PriceTableFactory(rows=[("Full", "11", ""), ("Concession", "8.50", "")]),
        ticket_url="https://tickets.example/full-row",
        access_flags=["captioned"],
    )
    html = get(client, page)
    film = FilmPage.objects.get(title="Full Row")
    assert f'<a href="{film.url}">Full Row</a>' in html
    assert "Rio Cinema</a>, Screen Two" in html
    assert "National premiere" in html and "Q&amp;A with The Director" in html
    assert "From £8.50" in html
    assert "https://tickets.example/full-row" in html
    assert '<abbr title="Captioned">CC</abbr>' in html
    occurrence = Occurrence.objects.get(screening__film=film)
    assert f'href="{film.url}calendar/{occurrence.pk}/"' in html


def test_status_is_shown_and_unpublished_films_and_venues_are_not(client, page, today):
    show("Gone Film", today, status="cancelled")
    hidden = show("Hidden Film", today)
    hidden.film.unpublish()
    closed = show("Closed Venue Film", today)
    closed.venue.unpublish()
    html = get(client, page)
    assert titles(html) == ["Gone Film"]
    assert "Cancelled" in html


# -- empty days -------------------------------------------------------------------------


def test_empty_day_links_to_next_day_with_screenings(client, page, today):
    later = today + 4 * DAY
    show("Later On", later)
    html = get(client, page)
    assert titles(html) == []
    assert "There are no screenings on" in html
    assert f'href="/whats-on/{later.isoformat()}/"' in html
    assert "The next screenings" in html


def test_empty_day_with_filters_links_to_next_matching_day(client, page, today):
    relaxed_day = today + 6 * DAY
    show("Plain", today + 2 * DAY)
    show("Relaxed", relaxed_day, access_flags=["relaxed"])
    html = get(client, page, "?access=relaxed")
    assert f'href="/whats-on/{relaxed_day.isoformat()}/?access=relaxed"' in html
    assert "Show every screening on this day" in html


def test_nothing_later_says_so(client, page):
    html = get(client, page)
    assert "Nothing later is scheduled" in html


# -- filters -------------------------------------------------------------------------------


@pytest.fixture
def programme(today):
    """Shows today that differ in one way each."""
    lux, rio = VenuePageFactory(slug="lux"), VenuePageFactory(slug="rio")
    festival = SeasonPageFactory(slug="festival", title="Festival")
    strand = SeasonPageFactory(slug="strand", title="Strand", parent=festival)
    short = FilmPageFactory(title="A Short")
    show("Plain Lux", today, venue=lux)
    show("Plain Rio", today, venue=rio)
    show("Festival Film", today, venue=lux, seasons=[festival])
    show("Strand Film", today, venue=rio, seasons=[strand])
    show("Both Film", today, venue=rio, seasons=[festival, strand])
    show("Premiere Film", today, venue=lux, premiere="world")
    show("QA Film", today, venue=rio, q_and_a_with="Someone")
    show("Intro Film", today, venue=lux, introduced_by="Someone")
    show("Live Film", today, venue=rio, live_or_encore="live")
    show("Encore Film", today, venue=lux, live_or_encore="encore")
    show("Short Film Before", today, venue=rio, short_before=short)
    show("Subtitled Film", today, venue=lux, language_version="original_subtitled")
    show("Implicitly Subtitled", today, venue=rio, audio_language="ru", subtitle_language="en")
    show("Dubbed Film", today, venue=lux, language_version="dubbed", audio_language="de")
    show("French Subs", today, venue=rio, subtitle_language="fr", language_version="original")
    show("AD Film", today, venue=lux, access_flags=["audio-described"])
    show("AD CC Film", today, venue=rio, access_flags=["audio-described", "captioned"])
    show("Relaxed Lux", today, venue=lux, access_flags=["relaxed"], premiere="local")


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            "venue=lux",
            {
                "Plain Lux",
                "Festival Film",
                "Premiere Film",
                "Intro Film",
                "Encore Film",
                "Subtitled Film",
                "Dubbed Film",
                "AD Film",
                "Relaxed Lux",
            },
        ),
        ("season=festival", {"Festival Film", "Strand Film", "Both Film"}),
        ("season=strand", {"Strand Film", "Both Film"}),
        ("access=audio-described", {"AD Film", "AD CC Film"}),
        ("access=audio-described&access=captioned", {"AD CC Film"}),
        ("label=premiere", {"Premiere Film", "Relaxed Lux"}),
        ("label=qa", {"QA Film"}),
        ("label=intro", {"Intro Film"}),
        ("label=live", {"Live Film"}),
        ("label=encore", {"Encore Film"}),
        ("label=short", {"Short Film Before"}),
        (
            "language=original_subtitled",
            {"Subtitled Film", "Implicitly Subtitled", "French Subs"},
        ),
        ("language=dubbed", {"Dubbed Film"}),
        ("language=fr", {"French Subs"}),
        ("language=en", {"Implicitly Subtitled"}),
        # Combined
        ("venue=lux&label=premiere", {"Premiere Film", "Relaxed Lux"}),
        ("venue=lux&label=premiere&access=relaxed", {"Relaxed Lux"}),
        ("venue=rio&season=festival", {"Strand Film", "Both Film"}),
        ("venue=lux&access=captioned", set()),
    ],
)
def test_filters(client, page, programme, query, expected):
    html = get(client, page, "?" + query)
    listed = titles(html)
    assert set(listed) == expected
    assert len(listed) == len(set(listed)), "a show is listed twice"
    assert messages(html) == ""


def test_filter_form_is_a_labelled_get_form_that_keeps_choices(client, page, programme):
    html = get(client, page, "?venue=lux&access=relaxed&label=premiere&language=dubbed")
    form = html[html.index('<form class="whats-on__filters"') :]
    form = form[: form.index("</form>")]
    assert 'method="get"' in form
    for name in ["from", "to", "venue", "season", "label", "language"]:
        assert f'<label for="whats-on-{name}"' in form, name
        assert f'id="whats-on-{name}"' in form, name
    assert "<legend>Access" in form
    assert re.search(r'<option value="lux" selected>', form)
    assert re.search(r'<option value="premiere" selected>', form)
    assert re.search(r'<option value="dubbed" selected>', form)
    assert re.search(r'value="relaxed"[^>]*checked', form)
    assert '<option value="strand">— Strand</option>' in form
    assert '<option value="fr">French subtitles</option>' in form


def test_feeds_are_linked(client, page, programme):
    html = get(client, page)
    assert 'href="http://testserver/whats-on/calendar/"' in html
    assert 'href="webcal://testserver/whats-on/calendar/"' in html
    assert 'type="text/calendar"' in html
    venue = VenuePage.objects.get(slug="lux")
    html = get(client, page, "?venue=lux&season=festival")
    assert f'href="http://testserver{venue.url}calendar/"' in html
    assert f'href="http://testserver{SeasonPage.objects.get(slug="festival").url}calendar/"' in html


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ("?date=garbage", "is not a date"),
        ("?date=2025-02-30", "is not a date"),
        ("?date=2025-2-3", "is not a date"),
        ("?date=20250203", "is not a date"),
        ("?date=99999-01-01", "is not a date"),
        ("?date=9999-12-31", "too far away"),
        ("?date=0001-01-01", "too far away"),
        ("?week=9999-12-31", "too far away"),
        ("?week=nope", "is not a date"),
        ("?from=nope&to=also-nope", "is not a date"),
        ("?from=2025-03-10&to=2025-03-01", "end date is before the start date"),
        ("?from=2025-01-01&to=2025-12-31", "At most"),
        ("?to=9999-12-31", "too far away"),
        ("?venue=nowhere", "There is no venue"),
        ("?venue=%00", "There is no venue"),
        ("?season=nothing", "There is no season"),
        ("?access=teleport", "not an access option"),
        ("?label=everything", "not one of the special screening options"),
        ("?language=klingon", "not one of the language options"),
        ("?date=%F0%9F%8E%AC", "is not a date"),
    ],
)
def test_bad_input_is_ignored_with_a_message(client, page, query, message):
    html = get(client, page, query)
    assert message in messages(html)


@pytest.mark.parametrize("path", ["2025-02-30/", "9999-12-31/", "0001-01-01/", "nonsense/"])
def test_bad_day_routes_are_404(client, page, path):
    get(client, page, path, status=404)


def test_bad_filter_does_not_drop_good_ones(client, page, programme):
    html = get(client, page, "?venue=lux&access=teleport&access=relaxed&label=zzz")
    assert titles(html) == ["Relaxed Lux"]
    assert "not an access option" in messages(html)


# -- queries ----------------------------------------------------------------------------


def build_day(today, screenings: int, times: str) -> None:
    prices = PriceTableFactory(rows=[("Full", "10", ""), ("Concession", "7.50", "")])
    venues = [VenuePageFactory(default_price_table=prices) for _ in range(2)]
    season = SeasonPageFactory()
    short = FilmPageFactory()
    for number in range(screenings):
        venue = venues[number % 2]
        screen = Screen.objects.create(venue=venue, name=f"Screen {number}")
        ScreeningFactory(
            first_date=today,
            show_times=times,
            venue=venue,
            screen=screen,
            seasons=[season],
            access_flags=["relaxed", "captioned"],
            short_before=short,
            premiere="world",
            audio_language="fr",
            subtitle_language="en",
            ticket_url="https://tickets.example/",
            price_table=prices if number % 3 else None,
        )


@pytest.mark.parametrize(
    "screenings, times, count", [(1, "14:00, 17:00, 20:00", 3), (20, "14:00, 17:00, 20:00", 60)]
)
def test_query_count_does_not_grow_with_shows(
    client, page, today, django_assert_max_num_queries, screenings, times, count
):
    build_day(today, screenings, times)
    client.get(page.url)  # warm the site-root cache, as any running site has
    with django_assert_max_num_queries(20):
        html = get(client, page, "?access=relaxed&label=premiere&language=en")
    assert html.count('class="show show--scheduled"') == count


# -- demo ---------------------------------------------------------------------------------


def test_demo_builds_one_whats_on_page(client):
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
        call_command("load_demo", stdout=quiet)
    page = WhatsOnPage.objects.get()
    assert (page.slug, page.title, page.live) == ("whats-on", "What’s on", True)
    assert page.get_parent().specific_class is HomePage
    response = client.get("/whats-on/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "/whats-on/calendar/" in response.content.decode()


def test_shows_of_a_password_protected_film_are_not_listed(client):
    from wagtail.models import PageViewRestriction

    from programme.models import Occurrence

    hidden = ScreeningFactory(film=FilmPageFactory(title="Secret Preview"))
    shown = ScreeningFactory(film=FilmPageFactory(title="Open Night"))
    PageViewRestriction.objects.create(
        page=hidden.film, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    public = Occurrence.objects.public()
    assert not public.filter(screening=hidden).exists()
    assert public.filter(screening=shown).exists()
