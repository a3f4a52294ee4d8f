"""Reader pages: tree rules, rendering, and query counts that do not grow with data."""

import datetime

import pytest
import recurrence

from home.models import HomePage
from programme.models import (
    FilmIndexPage,
    FilmPage,
    SeasonIndexPage,
    SeasonPage,
    VenueIndexPage,
    VenuePage,
)
from tests.factories import (
    FilmPageFactory,
    PersonFactory,
    PriceTableFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    people_index,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "child, allowed_parents",
    [
        (FilmPage, {FilmIndexPage}),
        (VenuePage, {VenueIndexPage}),
        (SeasonPage, {SeasonIndexPage, SeasonPage}),
        (FilmIndexPage, {HomePage}),
    ],
)
def test_page_tree_rules(child, allowed_parents):
    candidates = [
        HomePage,
        FilmIndexPage,
        VenueIndexPage,
        SeasonIndexPage,
        VenuePage,
        FilmPage,
        SeasonPage,
    ]
    for parent in candidates:
        allowed = child in parent.allowed_subpage_models()
        assert allowed == (parent in allowed_parents), (child, parent)


def run(days: int, times: str = "14:00, 19:30") -> recurrence.Recurrence:
    until = datetime.datetime.combine(
        datetime.date.today() + datetime.timedelta(days=days), datetime.time()
    )
    return recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.DAILY, until=until)])


def build_film_with_shows(days: int) -> FilmPage:
    film = FilmPageFactory()
    prices = PriceTableFactory(rows=[("Full", "10", ""), ("Concession", "7.50", "")])
    season = SeasonPageFactory()
    for venue in [VenuePageFactory(), VenuePageFactory()]:
        ScreeningFactory(
            film=film,
            venue=venue,
            first_date=datetime.date.today() + datetime.timedelta(days=1),
            recurrence=run(days),
            price_table=prices,
            seasons=[season],
            access_flags=["relaxed", "captioned"],
            ticket_url="https://tickets.example/",
        )
    return film


@pytest.mark.parametrize("days", [1, 20])
def test_film_page_query_count_is_fixed(client, django_assert_max_num_queries, days):
    film = build_film_with_shows(days)
    with django_assert_max_num_queries(40):
        response = client.get(film.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="show show--scheduled"') == 2 * days


@pytest.mark.parametrize("days", [1, 20])
def test_venue_and_season_query_counts_are_fixed(client, django_assert_max_num_queries, days):
    film = build_film_with_shows(days)
    venue = film.screenings.first().venue
    season = film.screenings.first().seasons.first()
    with django_assert_max_num_queries(40):
        assert client.get(venue.url).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(season.url).status_code == 200


def test_film_page_shows_credits_in_editor_order_grouped_by_role(client):
    film = FilmPageFactory(title="Order Test")
    first, second = PersonFactory(name="Ann First"), PersonFactory(name="Bob Second")
    from programme.models import FilmCredit

    film.credits = [
        FilmCredit(role="screenplay", person=second),
        FilmCredit(role="director", person=first),
        FilmCredit(role="screenplay", person=first),
    ]
    film.save_revision().publish()
    html = client.get(film.url).content.decode()
    credits = html[html.index('id="credits-heading"') :]
    assert credits.index("Screenplay") < credits.index("Director")
    screenplay = credits[credits.index("Screenplay") : credits.index("Director")]
    assert screenplay.index("Bob Second") < screenplay.index("Ann First")


def test_cancelled_and_sold_out_shows_say_so(client):
    screening = ScreeningFactory(status="sold_out", status_message="Returns at the door")
    html = client.get(screening.film.url).content.decode()
    assert "Sold out" in html and "Returns at the door" in html
    screening.status = "cancelled"
    screening.save()
    html = client.get(screening.film.url).content.decode()
    assert "Cancelled" in html
    assert "Tickets" not in html


def test_person_page_gathers_films(client):
    people_index()
    person = PersonFactory(name="Jo Director")
    from programme.models import FilmCredit

    for title in ["Alpha", "Beta"]:
        film = FilmPageFactory(title=title)
        film.credits = [FilmCredit(role="director", person=person)]
        film.save_revision().publish()
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Alpha" in html and "Beta" in html and "Director" in html


def test_unknown_person_is_404(client):
    people_index()
    assert client.get("/people/nobody/").status_code == 404


@pytest.mark.parametrize("path", ["films", "home"])
def test_film_card_lists_do_not_query_per_film(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ImageFactory, film_index

    def count_queries() -> int:
        url = film_index().url if path == "films" else "/"
        client.get(url)  # renditions are created on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_film():
        # The home page lists films showing this week; the index lists every film.
        ScreeningFactory(film=FilmPageFactory(poster=ImageFactory()))

    add_film()
    few = count_queries()
    for _ in range(6):
        add_film()
    assert count_queries() == few


@pytest.mark.parametrize("page_kind", ["film", "season", "venue"])
def test_page_body_blocks_render_live_screenings(client, page_kind):
    screening = ScreeningFactory(ticket_url="https://tickets.example/body")
    page = {
        "film": screening.film,
        "venue": screening.venue,
        "season": SeasonPageFactory(),
    }[page_kind]
    page.body = [("screening", {"screening": screening, "dates_shown": None, "show_prices": True})]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    body = html[html.index('class="page-body"') :]
    assert "https://tickets.example/body" in body

    screening.status = "sold_out"
    screening.save()
    body = client.get(page.url).content.decode()
    body = body[body.index('class="page-body"') :]
    assert "Sold out" in body


def test_home_leads_with_today_then_seasons_articles_and_films(client):
    from django.utils import timezone

    from programme.models.whats_on import current_business_date

    today = current_business_date()
    later = (timezone.localtime() + datetime.timedelta(hours=1)).time()
    if later.hour < 5 or later < timezone.localtime().time():
        pytest.skip("too close to the end of the programme day to schedule a show today")
    tonight = ScreeningFactory(
        first_date=today, show_times=later.strftime("%H:%M"), film=FilmPageFactory(title="Tonight")
    )
    ScreeningFactory(
        first_date=today + datetime.timedelta(days=3), film=FilmPageFactory(title="Later This Week")
    )
    FilmPageFactory(title="Not Showing")
    html = client.get("/").content.decode()
    today_section = html[html.index('id="home-today"') : html.index("</section>")]
    assert "Tonight" in today_section and "Later This Week" not in today_section
    assert tonight.venue.title in today_section
    films = html[html.index('id="home-films"') :]
    assert "Later This Week" in films and "Not Showing" not in films


def test_long_runs_list_the_next_shows_and_point_to_the_feed(client):
    from django.utils import timezone

    film = FilmPageFactory(title="Long Run")
    venue = VenuePageFactory(title="Long Run House")
    ScreeningFactory(
        film=film,
        venue=venue,
        first_date=timezone.localdate() + datetime.timedelta(days=1),
        show_times="11:00, 14:00, 17:00, 20:00",
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.DAILY, count=40)]),
    )
    film_html = client.get(film.url).content.decode()
    assert film_html.count('<li class="show ') == FilmPage.listed_shows
    assert f'href="{film.url}calendar/"' in film_html
    venue_html = client.get(venue.url).content.decode()
    assert venue_html.count('<li class="show ') == VenuePage.listed_shows
    assert f'href="{venue.url}calendar/"' in venue_html
