"""Person pages and calendar feeds as routes of the programme's pages; old addresses redirect."""

import pytest
from django.test import override_settings
from icalendar import Calendar

from programme.caching.middleware import CACHE_STATUS_HEADER
from programme.models import FilmCredit, PeopleIndexPage
from tests.factories import (
    FilmPageFactory,
    PersonFactory,
    ScreeningFactory,
    SeasonPageFactory,
    people_index,
    whats_on_page,
)

pytestmark = pytest.mark.django_db

WITHOUT_PROGRAMME_URLS = override_settings(ROOT_URLCONF="tests.urls_without_programme")


def credited_film(person):
    film = FilmPageFactory(title="The Red Soul")
    film.credits = [FilmCredit(role="director", person=person)]
    film.save_revision().publish()
    return film


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).events


# -- people ----------------------------------------------------------------------------------


def test_person_page_is_a_route_of_the_people_index(client):
    index = people_index()
    person = PersonFactory(name="Jessica Gorter", slug="jessica-gorter")
    credited_film(person)
    assert person.get_absolute_url() == "/people/jessica-gorter/"
    assert person.get_absolute_url() == index.url + index.reverse_subpage(
        "person", kwargs={"slug": person.slug}
    )
    html = client.get("/people/jessica-gorter/").content.decode()
    assert "<h1>Jessica Gorter</h1>" in html and "The Red Soul" in html
    assert client.get("/people/nobody/").status_code == 404


def test_people_index_lists_people_by_sort_name_a_page_at_a_time(client, monkeypatch):
    people_index()
    PersonFactory(name="Zoe Adams", sort_name="Adams, Zoe")
    PersonFactory(name="Anna Young", sort_name="Young, Anna")
    PersonFactory(name="Bo Middle", sort_name="Middle, Bo")
    monkeypatch.setattr(PeopleIndexPage, "per_page", 2)
    html = client.get("/people/").content.decode()
    assert html.index("Zoe Adams") < html.index("Bo Middle")
    assert "Anna Young" not in html
    assert 'href="/people/zoe-adams/"' in html
    assert "Anna Young" in client.get("/people/?page=2").content.decode()


@WITHOUT_PROGRAMME_URLS
def test_film_with_credited_person_needs_no_programme_urls(client):
    people_index()
    film = credited_film(PersonFactory(name="Jessica Gorter", slug="jessica-gorter"))
    html = client.get(film.url).content.decode()
    assert '<a href="/people/jessica-gorter/">Jessica Gorter</a>' in html
    assert "Jessica Gorter" in client.get("/people/jessica-gorter/").content.decode()


@WITHOUT_PROGRAMME_URLS
def test_without_a_people_index_people_are_named_not_linked(client):
    person = PersonFactory(name="Jessica Gorter", slug="jessica-gorter")
    film = credited_film(person)
    assert person.get_absolute_url() == ""
    response = client.get(film.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jessica Gorter" in html and "/people/" not in html
    api = client.get(f"/api/v2/pages/{film.pk}/")
    assert api.status_code == 200
    assert "Jessica Gorter" in api.content.decode() and "/people/" not in api.content.decode()


def test_person_links_follow_the_people_index(client):
    person = PersonFactory(slug="jo")
    assert person.get_absolute_url() == ""
    index = people_index()
    index.save_revision().publish()
    assert person.get_absolute_url() == "/people/jo/"
    index.slug = "who"
    index.save_revision().publish()
    assert person.get_absolute_url() == "/who/jo/"
    index.unpublish()
    assert person.get_absolute_url() == ""


def test_person_links_cost_no_query_once_the_index_is_known(django_assert_num_queries):
    people_index()
    person = PersonFactory(slug="jo")
    person.get_absolute_url()
    with django_assert_num_queries(0):
        assert person.get_absolute_url() == "/people/jo/"


def test_person_page_is_cached_and_goes_with_the_person(client):
    people_index()
    person = PersonFactory(name="Jo Director")
    url = person.get_absolute_url()
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    person.name = "Jo Renamed"
    person.save()
    response = client.get(url)
    assert response[CACHE_STATUS_HEADER] == "miss" and b"Jo Renamed" in response.content


# -- calendar feeds --------------------------------------------------------------------------


def test_each_feed_route_carries_its_shows(client):
    season = SeasonPageFactory()
    in_season = ScreeningFactory(seasons=[season])
    other = ScreeningFactory()
    film, venue = in_season.film, in_season.venue
    whats_on = whats_on_page()

    assert film.calendar_url == f"{film.url}calendar/"
    for page, expected in [(film, in_season), (venue, in_season), (season, in_season)]:
        [event] = events(client.get(page.calendar_url))
        assert str(event["SUMMARY"]) == expected.film.title, page
    assert len(events(client.get(whats_on.url + "calendar/"))) == 2

    show = other.occurrences.get()
    assert show.calendar_url == f"{other.film.url}calendar/{show.pk}/"
    response = client.get(show.calendar_url)
    assert response["Content-Disposition"].startswith("attachment;")
    [event] = events(response)
    assert str(event["SUMMARY"]) == other.film.title
    # A show is found only under its own film.
    assert client.get(f"{film.url}calendar/{show.pk}/").status_code == 404


def test_feed_of_an_unpublished_page_is_404(client):
    screening = ScreeningFactory()
    film_feed = screening.film.calendar_url
    screening.film.unpublish()
    assert client.get(film_feed).status_code == 404


@pytest.mark.parametrize("kind", ["film", "venue", "season"])
def test_feeds_are_cached_and_go_with_their_page(client, kind):
    season = SeasonPageFactory()
    screening = ScreeningFactory(seasons=[season])
    page = {"film": screening.film, "venue": screening.venue, "season": season}[kind]
    url = page.calendar_url
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    screening.note = "Changed"
    screening.save()
    assert client.get(url)[CACHE_STATUS_HEADER] == "miss"


def test_a_show_download_goes_with_any_programme_change(client):
    screening = ScreeningFactory()
    url = screening.occurrences.get().calendar_url
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    ScreeningFactory()  # elsewhere in the programme: the old view's behaviour, kept
    assert client.get(url)[CACHE_STATUS_HEADER] == "miss"


def test_without_a_whats_on_page_there_is_no_programme_feed_link(client):
    screening = ScreeningFactory()
    html = client.get(screening.film.url).content.decode()
    assert f'href="{screening.film.url}calendar/' in html  # the show's own file still is


# -- the old addresses -----------------------------------------------------------------------


def test_old_addresses_redirect_permanently_to_the_routes(client):
    people_index()
    person = PersonFactory(slug="jo")
    season = SeasonPageFactory(slug="autumn")
    screening = ScreeningFactory(seasons=[season])
    film, venue = screening.film, screening.venue
    show = screening.occurrences.get()
    whats_on = whats_on_page()
    redirects = {
        f"/programme/ics/show/{show.pk}.ics": show.calendar_url,
        f"/programme/ics/film/{film.pk}.ics": film.calendar_url,
        f"/programme/ics/film/{film.slug}.ics": film.calendar_url,
        f"/programme/ics/venue/{venue.slug}.ics": venue.calendar_url,
        f"/programme/ics/season/{season.pk}.ics": season.calendar_url,
        "/programme/ics/programme.ics": whats_on.url + "calendar/",
    }
    for old, new in redirects.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert client.get(new).status_code == 200, new
    # The people index sits where the old route did: Wagtail answers, no loop.
    response = client.get("/people/jo/")
    assert response.status_code == 200 and person.name in response.content.decode()


def test_old_person_address_redirects_to_a_moved_people_index(client):
    index = people_index()
    index.slug = "who"
    index.save_revision().publish()
    PersonFactory(slug="jo")
    response = client.get("/people/jo/")
    assert (response.status_code, response["Location"]) == (301, "/who/jo/")
    assert client.get("/people/nobody/").status_code == 404


def test_old_addresses_are_404_without_a_target(client):
    PersonFactory(slug="jo")
    assert client.get("/people/jo/").status_code == 404  # no people index
    assert client.get("/programme/ics/programme.ics").status_code == 404  # no what's on page
    assert client.get("/programme/ics/film/nothing.ics").status_code == 404
