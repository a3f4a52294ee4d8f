"""iCalendar output, read back with icalendar: UIDs, time zones, status, what is public."""

import datetime
import zoneinfo

import pytest
import recurrence
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from programme.models import Occurrence
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    whats_on_page,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
LONDON = zoneinfo.ZoneInfo("Europe/London")


def fetch(client, url: str, *, status: int = 200) -> Calendar | None:
    """A feed by its page's route, or by an old address redirecting there (301)."""
    response = client.get(url, follow=True)
    assert all(code == 301 for _url, code in response.redirect_chain), response.redirect_chain
    assert response.status_code == status, (url, response.status_code)
    if status != 200:
        return None
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="' in response["Content-Disposition"]
    assert response["Content-Disposition"].split('filename="')[1].endswith('.ics"')
    return Calendar.from_ical(response.content)


def daily(first: datetime.date, last: datetime.date) -> recurrence.Recurrence:
    until = datetime.datetime.combine(last, datetime.time())
    return recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.DAILY, until=until)])


def next_dst_change(zone: zoneinfo.ZoneInfo, after: datetime.date) -> datetime.date:
    """The first day after ``after`` whose noon UTC offset differs from the day before's."""
    day = after
    for _ in range(400):
        before = datetime.datetime.combine(day, datetime.time(12), zone).utcoffset()
        then = datetime.datetime.combine(day + DAY, datetime.time(12), zone).utcoffset()
        if before != then:
            return day + DAY
        day += DAY
    raise AssertionError("no daylight-saving change within a year")


def programme_feed() -> str:
    return whats_on_page().url + "calendar/"


def uids(calendar: Calendar) -> list[str]:
    return [str(event["UID"]) for event in calendar.events]


# -- one show ---------------------------------------------------------------------------


def test_single_show_ics(client):
    venue = VenuePageFactory(
        title="Rio Cinema",
        street_address="107 Kingsland High Street",
        locality="London",
        postal_code="E8 2PB",
        latitude="51.548600",
        longitude="-0.075600",
    )
    film = FilmPageFactory(title="The Red Soul")
    screening = ScreeningFactory(
        film=film,
        venue=venue,
        show_times="19:30",
        premiere="national",
        q_and_a_with="Jessica Gorter",
        language_version="original_subtitled",
        audio_language="ru",
        subtitle_language="en",
        access_flags=["captioned", "relaxed"],
        price_table=PriceTableFactory(rows=[("Full price", "12", ""), ("Concession", "9", "")]),
        ticket_url="https://tickets.example/red-soul",
    )
    occurrence = screening.occurrences.get()
    response = client.get(occurrence.calendar_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="the-red-soul-')
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.events
    hostname = Site.objects.get(is_default_site=True).hostname
    start_utc = occurrence.start.astimezone(datetime.UTC)
    assert str(event["UID"]) == (f"occurrence-{screening.pk}-{start_utc:%Y%m%dT%H%M%SZ}@{hostname}")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start == occurrence.start
    assert event.start.time() == datetime.time(19, 30)
    assert event.end - event.start == datetime.timedelta(minutes=100)
    summary = str(event["SUMMARY"])
    assert summary.startswith("The Red Soul (") and "National premiere" in summary
    assert "Q&A with Jessica Gorter" in summary
    location = str(event["LOCATION"])
    assert location.startswith("Rio Cinema, 107 Kingsland High Street, E8 2PB London")
    assert str(event["URL"]) == film.get_full_url()
    description = str(event["DESCRIPTION"])
    assert "Russian original version with English subtitles" in description
    assert "Captioned" in description and "Relaxed screening" in description
    assert "Full price £12" in description and "Concession £9" in description
    assert "https://tickets.example/red-soul" in description
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event and "LAST-MODIFIED" in event
    assert event["GEO"].latitude == pytest.approx(51.5486)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert "REFRESH-INTERVAL" not in calendar


def test_cancelled_single_show_is_cancelled(client):
    screening = ScreeningFactory(status="cancelled")
    occurrence = screening.occurrences.get()
    [event] = fetch(client, f"/programme/ics/show/{occurrence.pk}.ics").events
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Cancelled: ")


def test_one_cancelled_show_of_a_run(client):
    film = FilmPageFactory()
    first = timezone.localdate() + DAY
    screening = ScreeningFactory(film=film, first_date=first, recurrence=daily(first, first + DAY))
    cancelled = screening.occurrences.order_by("start").last()
    cancelled.status_override = "cancelled"
    cancelled.save()
    calendar = fetch(client, f"/programme/ics/film/{film.pk}.ics")
    statuses = [str(event["STATUS"]) for event in calendar.events]
    assert statuses == ["CONFIRMED", "CANCELLED"]


# -- time zones and daylight saving -------------------------------------------------------


@pytest.mark.parametrize("zone_name", ["Europe/London", "America/New_York"])
def test_wall_times_hold_across_a_dst_change(client, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    change = next_dst_change(zone, timezone.localdate() + DAY)
    first, last = change - 2 * DAY, change + 2 * DAY
    venue = VenuePageFactory(time_zone=zone_name)
    film = FilmPageFactory()
    ScreeningFactory(
        film=film, venue=venue, first_date=first, show_times="19:30", recurrence=daily(first, last)
    )
    calendar = fetch(client, f"/programme/ics/venue/{venue.pk}.ics")
    events = sorted(calendar.events, key=lambda event: event.start)
    assert [event.start.date() for event in events] == [first + n * DAY for n in range(5)]
    for event in events:
        assert event["DTSTART"].params["TZID"] == zone_name
        assert event["DTEND"].params["TZID"] == zone_name
        assert event.start.time() == datetime.time(19, 30)
        assert event["DTSTART"].to_ical() == event.start.strftime("%Y%m%dT193000").encode()
    offsets = {event.start.utcoffset() for event in events}
    assert len(offsets) == 2  # the same wall time is two different UTC times
    utc_times = {event.start.astimezone(datetime.UTC).time() for event in events}
    assert len(utc_times) == 2
    [vtimezone] = calendar.timezones
    assert vtimezone.tz_name == zone_name
    # The VTIMEZONE read back gives the same offsets as the zone database.
    read_back = vtimezone.to_tz()
    for event in events:
        local = event.start.replace(tzinfo=None)
        assert read_back.utcoffset(local) == local.replace(tzinfo=zone).utcoffset()


def test_programme_feed_has_a_vtimezone_per_venue_zone(client):
    ScreeningFactory(venue=VenuePageFactory(time_zone="Europe/London"))
    ScreeningFactory(venue=VenuePageFactory(time_zone="America/New_York"))
    ScreeningFactory(venue=VenuePageFactory(time_zone="Europe/Berlin"))
    calendar = fetch(client, programme_feed())
    assert len(calendar.events) == 3
    assert sorted(tz.tz_name for tz in calendar.timezones) == [
        "America/New_York",
        "Europe/Berlin",
        "Europe/London",
    ]
    assert calendar.get_missing_tzids() == set()
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT6H"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT6H"
    assert "Programme" in str(calendar["X-WR-CALNAME"])


# -- UIDs ------------------------------------------------------------------------------------


def test_uids_are_stable_across_a_resave_and_a_regeneration(client):
    film = FilmPageFactory()
    first = timezone.localdate() + DAY
    screening = ScreeningFactory(
        film=film, first_date=first, show_times="14:00, 19:30", recurrence=daily(first, first + DAY)
    )
    url = f"/programme/ics/film/{film.slug}.ics"
    before = uids(fetch(client, url))
    assert len(before) == len(set(before)) == 4

    screening.ticket_url = "https://tickets.example/new"
    screening.note = "Changed"
    screening.save()
    assert uids(fetch(client, url)) == before

    # Rows rebuilt from scratch get new primary keys, but the same UIDs.
    old_pks = set(screening.occurrences.values_list("pk", flat=True))
    screening.occurrences.all().delete()
    Occurrence.objects.regenerate(screening)
    assert not old_pks & set(screening.occurrences.values_list("pk", flat=True))
    assert uids(fetch(client, url)) == before

    # A new time is a new show; the others keep theirs.
    screening.show_times = "14:00, 21:00"
    screening.save()
    after = uids(fetch(client, url))
    assert len(set(after) & set(before)) == 2


def test_single_show_and_feed_agree_on_the_uid(client):
    screening = ScreeningFactory()
    occurrence = screening.occurrences.get()
    single = uids(fetch(client, f"/programme/ics/show/{occurrence.pk}.ics"))
    feed = uids(fetch(client, f"/programme/ics/venue/{screening.venue.slug}.ics"))
    assert single == feed


# -- feeds -----------------------------------------------------------------------------------


def test_feeds_by_id_and_by_slug(client):
    festival = SeasonPageFactory(slug="festival")
    strand = SeasonPageFactory(slug="strand", parent=festival)
    in_festival = ScreeningFactory(seasons=[festival])
    in_strand = ScreeningFactory(seasons=[strand])
    in_both = ScreeningFactory(seasons=[festival, strand])
    ScreeningFactory()  # in no season

    by_pk = fetch(client, f"/programme/ics/season/{festival.pk}.ics")
    by_slug = fetch(client, "/programme/ics/season/festival.ics")
    assert uids(by_pk) == uids(by_slug)
    assert len(by_pk.events) == 3  # the strand's shows too, each once
    summaries = {str(event["SUMMARY"]) for event in by_pk.events}
    assert summaries == {s.film.title for s in [in_festival, in_strand, in_both]}
    assert len(fetch(client, "/programme/ics/season/strand.ics").events) == 2

    venue = in_festival.venue
    assert uids(fetch(client, f"/programme/ics/venue/{venue.pk}.ics")) == uids(
        fetch(client, f"/programme/ics/venue/{venue.slug}.ics")
    )
    film = in_strand.film
    calendar = fetch(client, f"/programme/ics/film/{film.slug}.ics")
    assert len(calendar.events) == 1
    assert film.title in str(calendar["X-WR-CALNAME"])
    assert len(fetch(client, programme_feed()).events) == 4


def test_feed_window(client):
    film = FilmPageFactory()
    today = timezone.localdate()
    ScreeningFactory(film=film, first_date=today - 60 * DAY)
    ScreeningFactory(film=film, first_date=today - 10 * DAY)
    ScreeningFactory(film=film, first_date=today + 10 * DAY)
    ScreeningFactory(film=film, first_date=today + 2000 * DAY)
    calendar = fetch(client, f"/programme/ics/film/{film.pk}.ics")
    assert sorted(event.start.date() for event in calendar.events) == [
        today - 10 * DAY,
        today + 10 * DAY,
    ]


def test_feed_is_capped(client, settings):
    settings.PROGRAMME_ICS_MAX_EVENTS = 3
    first = timezone.localdate() + DAY
    ScreeningFactory(first_date=first, recurrence=daily(first, first + 9 * DAY))
    calendar = fetch(client, programme_feed())
    assert [event.start.date() for event in calendar.events] == [first + n * DAY for n in range(3)]


def test_feed_query_count_is_fixed(client, django_assert_max_num_queries):
    first = timezone.localdate() + DAY
    for _ in range(2):
        ScreeningFactory(
            first_date=first,
            show_times="14:00, 19:30",
            recurrence=daily(first, first + 14 * DAY),
            access_flags=["relaxed"],
            price_table=PriceTableFactory(),
        )
    client.get(programme_feed())
    with django_assert_max_num_queries(15):
        calendar = fetch(client, programme_feed())
    assert len(calendar.events) == 60


# -- what is never shown -----------------------------------------------------------------------


def test_unpublished_film_and_venue_are_excluded(client):
    shown = ScreeningFactory()
    hidden_film = ScreeningFactory()
    hidden_venue = ScreeningFactory()
    hidden_film_show = hidden_film.occurrences.get()
    hidden_venue_show = hidden_venue.occurrences.get()
    hidden_film.film.unpublish()
    hidden_venue.venue.unpublish()

    calendar = fetch(client, programme_feed())
    assert [str(event["SUMMARY"]) for event in calendar.events] == [shown.film.title]
    fetch(client, f"/programme/ics/film/{hidden_film.film.pk}.ics", status=404)
    fetch(client, f"/programme/ics/film/{hidden_film.film.slug}.ics", status=404)
    fetch(client, f"/programme/ics/venue/{hidden_venue.venue.pk}.ics", status=404)
    fetch(client, f"/programme/ics/show/{hidden_film_show.pk}.ics", status=404)
    fetch(client, f"/programme/ics/show/{hidden_venue_show.pk}.ics", status=404)
    # A live venue's feed leaves out the unpublished film shown there.
    fetch_venue = fetch(client, f"/programme/ics/venue/{hidden_film.venue.pk}.ics")
    assert fetch_venue.events == []


def test_unpublished_season_is_404(client):
    season = SeasonPageFactory()
    season.unpublish()
    fetch(client, f"/programme/ics/season/{season.pk}.ics", status=404)


@pytest.mark.parametrize(
    "url",
    [
        "/programme/ics/show/999999.ics",
        "/programme/ics/show/99999999999999999999999999.ics",
        "/programme/ics/film/999999.ics",
        "/programme/ics/film/no-such-film.ics",
        "/programme/ics/venue/999999.ics",
        "/programme/ics/venue/99999999999999999999999999.ics",
        "/programme/ics/season/nothing.ics",
        "/programme/ics/season/%F0%9F%8E%AC.ics",
    ],
)
def test_unknown_ids_are_404(client, url):
    fetch(client, url, status=404)


def test_only_get_and_head(client):
    screening = ScreeningFactory()
    occurrence = screening.occurrences.get()
    assert client.post(f"/programme/ics/show/{occurrence.pk}.ics").status_code == 405
    assert client.post(occurrence.calendar_url).status_code == 405
    assert client.post(screening.venue.calendar_url).status_code == 405
    assert client.head(programme_feed()).status_code == 200
