"""The demo command: idempotent, and every seed document's facts reach the public pages."""

import pytest
from django.core.management import call_command

from programme.models import FilmCredit, Occurrence, Person, PriceTable, Screening, VenuePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def page_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_running_twice_changes_nothing(demo):
    counts = [
        Person.objects.count(),
        PriceTable.objects.count(),
        Screening.objects.count(),
        Occurrence.objects.count(),
        FilmCredit.objects.count(),
        VenuePage.objects.count(),
    ]
    shows = set(Occurrence.objects.values_list("pk", flat=True))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == [
        Person.objects.count(),
        PriceTable.objects.count(),
        Screening.objects.count(),
        Occurrence.objects.count(),
        FilmCredit.objects.count(),
        VenuePage.objects.count(),
    ]
    assert shows == set(Occurrence.objects.values_list("pk", flat=True))


def test_distributor_film_page_facts(demo, client):
    html = page_text(client, "/films/the-red-soul/")
    for fact in [
        "The Red Soul",
        "Svetlana Alexievich",
        "Nobel Prize for Literature, 2015",
        "Jessica Gorter",
        "Marieke van der Winden",
        "Frank van den Engel",
        "Sander Snoep</a>, NSC",
        "Erik van Empel</a>, NSC",
        "Danniel Danniel",
        "Rutger Zuydervelt",
        "René Aquarius",
        "Other credits",
        "Hollywood Reporter",
        "Filmuforia",
        "Cineuropa",
        "Filmkrant",
        "History (Cold War Era)",
        "Historiography",
        "Stalin",
        "Icarus Films",
        "Dear Comrades!",  # a related film
        "© Icarus Films",
    ]:
        assert fact in html, fact


def test_festival_entry_facts(demo, client):
    html = page_text(client, "/films/dear-comrades/")
    for fact in [
        "Russia",
        "2020",
        "120 min",
        "Russian original version with English subtitles",
        "Local premiere",
        "Andrei Konchalovsky",
        "Elena Kiseleva",
        "DoP",
        "Andrey Naidenov",
        "Sergei Taraskin",
        "Karolina Maciejewska",
        "Andrei Konchalovsky Studios",
        "Alisher Usmanov",
        "Julia Vysotskaya",
        "Yulia Burova",
        "Special Jury Prize",
        "Venice International Film Festival, Italy 2020",
        "Films Boutique",
        "+49 30 69537850",
        "Short before",
        "Paper Boats",
        "Caligari FilmBühne",
    ]:
        assert fact in html, fact
    person = page_text(client, "/people/andrei-konchalovsky/")
    for fact in ["Moscow", "1937", "1985 Runaway Train", "2002 House of Fools", "Paradise", "Sin"]:
        assert fact in person, fact


def test_museum_article_facts_on_venue_and_season(demo, client):
    venue = page_text(client, "/venues/museum-of-the-moving-image/")
    for fact in [
        "Queens",
        "Regular",
        "US$15",
        "Seniors and students",
        "US$11",
        "ages 3–17",
        "US$9",
        "Free",
        "Film Lover and Kids Premium",
        "The Red Soul",
        "Introduced by Jessica Gorter",
    ]:
        assert fact in venue, fact
    season = page_text(client, "/seasons/putins-russia/")
    for fact in ["A 21st Century Film Mosaic", "DutchCulture USA", "Supported by", "The Red Soul"]:
        assert fact in season, fact
    person = page_text(client, "/people/jessica-gorter/")
    assert "Dutch Film and Television Academy" in person
    assert "© Jochem Jurgens" in person


def test_historic_seed_screenings_are_kept(demo):
    momi = Screening.objects.get(external_id="demo-red-soul-momi-2018")
    show = momi.occurrences.get()
    assert show.local_start.strftime("%Y-%m-%d %H:%M %Z") == "2018-07-15 14:00 EDT"
    caligari = Screening.objects.get(external_id="demo-dear-comrades-caligari-2021")
    show = caligari.occurrences.get()
    assert show.local_start.strftime("%Y-%m-%d %H:%M %Z") == "2021-11-19 22:00 CET"


def _json_ld(html: str) -> list[dict]:
    import json
    import re

    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def _events(ics: bytes) -> list:
    import icalendar

    return icalendar.Calendar.from_ical(ics).walk("VEVENT")


def test_seed_facts_reach_json_ld_and_ical(demo, client):
    items = _json_ld(page_text(client, "/films/dear-comrades/"))
    movie = next(item for item in items if item["@type"] == "Movie")
    assert movie["countryOfOrigin"] == [{"@type": "Country", "name": "Russia"}]
    assert movie["dateCreated"] == "2020" and movie["duration"] == "PT120M"
    assert "Special Jury Prize, Venice International Film Festival, 2020" in movie["award"]
    assert {p["name"] for p in movie["actor"]} >= {"Julia Vysotskaya", "Yulia Burova"}
    festival = next(
        item
        for item in items
        if item["@type"] == "ScreeningEvent" and item["location"]["name"] == "Caligari FilmBühne"
    )
    assert festival["startDate"].endswith("T22:00:00+01:00")
    assert (festival["inLanguage"], festival["subtitleLanguage"]) == ("ru", "en")
    assert "Autumn Frames Festival" in {series["name"] for series in festival["superEvent"]}

    red_soul = _json_ld(page_text(client, "/films/the-red-soul/"))
    movie = next(item for item in red_soul if item["@type"] == "Movie")
    assert {p["name"] for p in movie["director"]} == {"Jessica Gorter"}
    assert "Cold War" in movie["keywords"]
    momi = next(
        item
        for item in red_soul
        if item["@type"] == "ScreeningEvent"
        and item["location"]["name"] == "Museum of the Moving Image"
    )
    assert momi["location"]["address"]["addressLocality"] == "Queens"
    assert ("15.00", "USD") in {(o["price"], o["priceCurrency"]) for o in momi["offers"]}
    assert ("0.00", "USD") in {(o["price"], o["priceCurrency"]) for o in momi["offers"]}

    ics = client.get("/films/dear-comrades/calendar/")
    assert ics.status_code == 200
    festival_show = next(
        event for event in _events(ics.content) if "Caligari" in str(event["LOCATION"])
    )
    assert "Dear Comrades!" in str(festival_show["SUMMARY"])
    assert festival_show["DTSTART"].dt.strftime("%H:%M") == "22:00"
    assert str(festival_show["DTSTART"].dt.tzinfo) == "Europe/Berlin"
    description = str(festival_show["DESCRIPTION"])
    assert "Russian original version with English subtitles" in description
    momi_ics = client.get("/venues/museum-of-the-moving-image/calendar/")
    momi_show = _events(momi_ics.content)[0]
    assert "The Red Soul" in str(momi_show["SUMMARY"])
    assert str(momi_show["DTSTART"].dt.tzinfo) == "America/New_York"
