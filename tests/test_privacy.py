"""Private stays private: a page behind a password or login (or below one) is listed nowhere.

Every HTML listing follows one rule, ``listable()`` (programme/models/visibility.py):
live, and no view restriction on the page or above it. Each test restricts one
page and checks that it has gone from a listing while a public sibling stays.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from programme.models import WhatsOnPage
from tests.factories import (
    FilmPageFactory,
    PersonFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    film_index,
    home_page,
    people_index,
    season_index,
    venue_index,
)
from tests.test_blocks import publish_article

pytestmark = pytest.mark.django_db

KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]


def restrict(page, kind=PageViewRestriction.PASSWORD):
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="secret" if kind == PageViewRestriction.PASSWORD else "",
    )


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.mark.parametrize("kind", KINDS)
def test_films_index_leaves_out_a_private_film(client, kind):
    FilmPageFactory(title="Open Film")
    restrict(FilmPageFactory(title="Secret Film"), kind)
    page = html(client, film_index().url)
    assert "Open Film" in page and "Secret Film" not in page


def test_person_page_leaves_out_a_private_film(client):
    people_index()
    person = PersonFactory(name="Jessica Gorter")
    for title in ("Open Film", "Secret Film"):
        film = FilmPageFactory(title=title)
        film.credits.create(role="director", person=person, sort_order=0)
        film.save_revision().publish()
        if title == "Secret Film":
            restrict(film, PageViewRestriction.LOGIN)
    page = html(client, person.get_absolute_url())
    assert "Open Film" in page and "Secret Film" not in page


def test_film_card_block_leaves_out_a_private_film(client):
    public, private = FilmPageFactory(title="Open Film"), FilmPageFactory(title="Secret Film")
    restrict(private)
    article = publish_article(
        [
            ("film_card", {"film": public, "show_next_screening": False}),
            ("film_card", {"film": private, "show_next_screening": False}),
        ]
    )
    page = html(client, article.url)
    assert "Open Film" in page and "Secret Film" not in page


def test_related_films_leave_out_a_private_film(client):
    public, private = FilmPageFactory(title="Open Film"), FilmPageFactory(title="Secret Film")
    restrict(private)
    film = FilmPageFactory(title="The Red Soul")
    film.related_films.create(related=public)
    film.related_films.create(related=private)
    film.save_revision().publish()
    page = html(client, film.url)
    assert "Open Film" in page and "Secret Film" not in page

    article = publish_article([], related_films=[public, private])
    page = html(client, article.url)
    assert "Open Film" in page and "Secret Film" not in page


def test_home_leaves_out_private_films_and_seasons(client):
    public, private = FilmPageFactory(title="Open Film"), FilmPageFactory(title="Secret Film")
    ScreeningFactory(film=public, first_date=in_days(2))
    ScreeningFactory(film=private, first_date=in_days(2))
    restrict(private)
    SeasonPageFactory(title="Open Season")
    restrict(SeasonPageFactory(title="Secret Season"))
    page = html(client, "/")
    assert "Open Film" in page and "Secret Film" not in page
    assert "Open Season" in page and "Secret Season" not in page


def test_a_film_below_a_protected_section_is_listed_nowhere(client):
    people_index()
    person = PersonFactory(name="Jessica Gorter")
    section = film_index()
    film = FilmPageFactory(title="Secret Film", parent=section)
    film.credits.create(role="director", person=person, sort_order=0)
    film.save_revision().publish()
    ScreeningFactory(film=film, first_date=in_days(2))
    restrict(section, PageViewRestriction.LOGIN)
    assert "Secret Film" not in html(client, "/")
    assert "Secret Film" not in html(client, person.get_absolute_url())


def test_seasons_index_and_whats_on_leave_out_a_private_season(client):
    home_page().add_child(instance=WhatsOnPage(title="What's on", slug="whats-on"))
    SeasonPageFactory(title="Open Season")
    restrict(SeasonPageFactory(title="Secret Season"))
    for url in (season_index().url, "/whats-on/"):
        page = html(client, url)
        assert "Open Season" in page and "Secret Season" not in page, url


def test_venues_index_and_whats_on_leave_out_a_private_venue(client):
    home_page().add_child(instance=WhatsOnPage(title="What's on", slug="whats-on"))
    VenuePageFactory(title="Open House")
    restrict(VenuePageFactory(title="Secret House"))
    for url in (venue_index().url, "/whats-on/"):
        page = html(client, url)
        assert "Open House" in page and "Secret House" not in page, url


def test_a_private_venue_is_no_whats_on_filter(client):
    home_page().add_child(instance=WhatsOnPage(title="What's on", slug="whats-on"))
    venue = VenuePageFactory(title="Secret House", slug="secret-house")
    restrict(venue)
    assert "Secret House" not in html(client, "/whats-on/?venue=secret-house")


def test_an_article_leaves_out_private_related_seasons_and_venues(client):
    open_season, secret_season = (
        SeasonPageFactory(title=t) for t in ("Open Season", "Secret Season")
    )
    open_venue, secret_venue = (VenuePageFactory(title=t) for t in ("Open House", "Secret House"))
    restrict(secret_season)
    restrict(secret_venue, PageViewRestriction.LOGIN)
    article = publish_article(
        [],
        related_seasons=[open_season, secret_season],
        related_venues=[open_venue, secret_venue],
    )
    page = html(client, article.url)
    assert "Open Season" in page and "Secret Season" not in page
    assert "Open House" in page and "Secret House" not in page
