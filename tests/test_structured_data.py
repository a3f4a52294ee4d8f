"""JSON-LD, Open Graph and robots.txt: what search engines and calendars read."""

import datetime
import json
import re

import pytest

from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def of_type(items, kind):
    return [item for item in items if item["@type"] == kind]


def test_film_page_has_movie_and_screening_events(client):
    venue = VenuePageFactory(title="Riverside", time_zone="Europe/London", postal_code="SE1")
    season = SeasonPageFactory(title="Autumn Frames")
    film = FilmPageFactory(title="Dear Comrades!", runtime_minutes=120)
    prices = PriceTableFactory(rows=[("Regular", "9", ""), ("Reduced", "7", "students")])
    day = datetime.date(2030, 7, 1)
    ScreeningFactory(
        film=film,
        venue=venue,
        first_date=day,
        show_times="22:00",
        price_table=prices,
        seasons=[season],
        audio_language="ru",
        subtitle_language="en",
        ticket_url="https://tickets.example/1",
    )
    cancelled = ScreeningFactory(film=film, venue=venue, first_date=day, show_times="18:00")
    cancelled.status = "cancelled"
    cancelled.save()

    items = json_ld(client.get(film.url).content.decode())
    assert of_type(items, "BreadcrumbList")[0]["itemListElement"][-1]["name"] == "Dear Comrades!"
    movie = of_type(items, "Movie")[0]
    assert movie["duration"] == "PT120M"
    events = sorted(of_type(items, "ScreeningEvent"), key=lambda e: e["startDate"])
    assert [e["startDate"] for e in events] == [
        "2030-07-01T18:00:00+01:00",
        "2030-07-01T22:00:00+01:00",
    ]
    assert events[0]["eventStatus"] == "https://schema.org/EventCancelled"
    late = events[1]
    assert late["eventStatus"] == "https://schema.org/EventScheduled"
    assert late["endDate"] == "2030-07-02T00:00:00+01:00"
    assert late["location"]["@type"] == "MovieTheater"
    assert late["location"]["address"]["postalCode"] == "SE1"
    assert late["workPresented"]["name"] == "Dear Comrades!"
    assert late["inLanguage"] == "ru" and late["subtitleLanguage"] == "en"
    assert [(o["price"], o["priceCurrency"]) for o in late["offers"]] == [
        ("9.00", "GBP"),
        ("7.00", "GBP"),
    ]
    assert late["offers"][0]["availability"] == "https://schema.org/InStock"
    assert late["offers"][0]["url"] == "https://tickets.example/1"
    assert late["superEvent"][0]["name"] == "Autumn Frames"


def test_sold_out_offers_say_so(client):
    screening = ScreeningFactory(price_table=PriceTableFactory(), status="sold_out")
    items = json_ld(client.get(screening.film.url).content.decode())
    event = of_type(items, "ScreeningEvent")[0]
    assert event["offers"][0]["availability"] == "https://schema.org/SoldOut"


def test_venue_and_season_types(client):
    screening = ScreeningFactory(seasons=[SeasonPageFactory(title="Silent Tuesdays")])
    venue_items = json_ld(client.get(screening.venue.url).content.decode())
    assert of_type(venue_items, "MovieTheater")[0]["address"]["addressCountry"] == "GB"
    season = screening.seasons.get()
    season_items = json_ld(client.get(season.url).content.decode())
    series = of_type(season_items, "EventSeries")[0]
    assert series["name"] == "Silent Tuesdays"
    assert series["subEvent"][0]["@type"] == "ScreeningEvent"


def test_json_ld_cannot_close_its_script_element(client):
    film = FilmPageFactory(title="</script><script>alert(1)</script>")
    html = client.get(film.url).content.decode()
    assert "<script>alert(1)" not in html
    assert of_type(json_ld(html), "Movie")[0]["name"] == "</script><script>alert(1)</script>"


def test_open_graph_and_canonical(client):
    film = FilmPageFactory(title="The Red Soul", search_description="A film about memory.")
    html = client.get(film.url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{film.url}">' in html
    assert '<meta property="og:type" content="video.movie">' in html
    assert '<meta property="og:description" content="A film about memory.">' in html


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.parametrize("films", [1, 8])
def test_venue_structured_data_does_not_query_per_film(
    client, django_assert_max_num_queries, films
):
    venue = VenuePageFactory()
    for _ in range(films):
        ScreeningFactory(venue=venue)
    with django_assert_max_num_queries(30):
        assert client.get(venue.url).status_code == 200
