"""Cached public responses: served to anonymous readers, never stale, never shared with editors.

Each invalidation test warms the pages first, makes one change the way the
admin does (``save()`` on a snippet, publishing a revision of a page) and then
checks that exactly the pages showing the change are rendered again, with the
new content, while an unrelated page is still served from the cache.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from programme.caching import middleware, store
from programme.caching.dependencies import page_cache_tags
from programme.caching.middleware import CACHE_STATUS_HEADER
from programme.choices import ScreeningStatus
from programme.compat import WAGTAIL_8
from programme.models import ArticleIndexPage, ArticlePage, Occurrence, PriceRow
from tests.factories import (
    FilmPageFactory,
    PersonFactory,
    PriceTableFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    home_page,
    people_index,
)

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def cache_status(client, url) -> str:
    return get(client, url).get(CACHE_STATUS_HEADER, "")


def warm(client, *urls):
    for url in urls:
        get(client, url)
        assert cache_status(client, url) == "hit", url


@pytest.fixture
def programme(db):
    """Two films at two venues; one screening in a season and embedded in an article."""
    prices = PriceTableFactory(rows=[("Full", Decimal("15.00"), ""), ("Members", "9.00", "")])
    venue = VenuePageFactory(title="Riverside", default_price_table=prices)
    other_venue = VenuePageFactory(title="Elsewhere")
    film = FilmPageFactory(title="The Red Soul")
    other_film = FilmPageFactory(title="Unrelated Film")
    season = SeasonPageFactory(title="Russia Now")
    screening = ScreeningFactory(film=film, venue=venue, first_date=TOMORROW, seasons=[season])
    ScreeningFactory(film=other_film, venue=other_venue, first_date=TOMORROW)
    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page().add_child(instance=index)
    article = ArticlePage(
        title="Back in Queens",
        slug="back-in-queens",
        date=timezone.localdate(),
        body=[
            ("screening", {"screening": screening, "dates_shown": 2, "show_prices": True}),
            ("price_table", {"table": prices, "caption": ""}),
        ],
    )
    index.add_child(instance=article)
    return {
        "venue": venue,
        "other_venue": other_venue,
        "film": film,
        "other_film": other_film,
        "season": season,
        "screening": screening,
        "prices": prices,
        "article": article,
    }


def urls(programme, *names):
    return [programme[name].url for name in names]


# -- serving --------------------------------------------------------------------------------


def test_second_anonymous_request_is_served_without_queries(client, programme):
    url = programme["film"].url
    first = get(client, url)
    assert first[CACHE_STATUS_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(client, url)
    assert second[CACHE_STATUS_HEADER] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_public_responses_carry_validators_and_answer_304(client, programme):
    url = programme["film"].url
    response = get(client, url)
    assert "public" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert response["ETag"]
    assert response["Last-Modified"]
    not_modified = client.get(url, headers={"if-none-match": response["ETag"]})
    assert not_modified.status_code == 304
    assert not not_modified.content
    since = client.get(url, headers={"if-modified-since": response["Last-Modified"]})
    assert since.status_code == 304


def test_etag_changes_when_the_page_changes(client, programme):
    url = programme["film"].url
    etag = get(client, url)["ETag"]
    screening = programme["screening"]
    screening.status = ScreeningStatus.SOLD_OUT
    screening.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_editors_are_never_served_from_the_cache(client, admin_client, programme):
    url = programme["film"].url
    warm(client, url)
    response = admin_client.get(url)
    assert CACHE_STATUS_HEADER not in response
    assert "private" in response["Cache-Control"]
    # The userbar is an editor's own: it must not reach the shared copy either.
    assert b"wagtail-userbar" in response.content
    assert b"wagtail-userbar" not in get(client, url).content


def test_a_draft_does_not_reach_readers(client, programme):
    film = programme["film"]
    warm(client, film.url)
    film.title = "Draft title"
    film.save_revision()
    assert b"Draft title" not in get(client, film.url).content


def test_password_protected_pages_are_never_stored(client, programme):
    film = programme["film"]
    PageViewRestriction.objects.create(
        page=film, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    client.get(film.url)
    response = client.get(film.url)
    assert CACHE_STATUS_HEADER not in response
    assert b"password" in response.content.lower()
    assert "public" not in response.get("Cache-Control", "")


def test_bad_input_is_not_cached(client, programme):
    assert client.get("/no-such-page/").status_code == 404
    assert CACHE_STATUS_HEADER not in client.get("/no-such-page/")


def test_caching_can_be_switched_off(client, settings, programme):
    settings.PROGRAMME_PAGE_CACHE = False
    url = programme["film"].url
    get(client, url)
    assert CACHE_STATUS_HEADER not in get(client, url)


# -- invalidation ---------------------------------------------------------------------------


def test_screening_status_reaches_every_page_showing_it_and_only_those(client, programme):
    showing = urls(programme, "film", "venue", "season", "article")
    unrelated = urls(programme, "other_film", "other_venue")
    season_feed = programme["season"].calendar_url
    warm(client, *showing, *unrelated, season_feed)

    screening = programme["screening"]
    screening.status = ScreeningStatus.SOLD_OUT
    screening.save()

    for url in showing:
        response = get(client, url)
        assert response[CACHE_STATUS_HEADER] == "miss", url
        assert b"Sold out" in response.content, url
    for url in unrelated:
        assert cache_status(client, url) == "hit", url
    assert cache_status(client, season_feed) == "miss"


def test_one_cancelled_show_reaches_the_pages(client, programme):
    warm(client, *urls(programme, "film", "article"))
    show = Occurrence.objects.filter(screening=programme["screening"]).first()
    show.status_override = ScreeningStatus.CANCELLED
    show.note = "Projector repairs"
    show.save()
    for url in urls(programme, "film", "article"):
        assert b"Projector repairs" in get(client, url).content, url


def test_screening_moved_to_another_film_leaves_the_old_film_page(client, programme):
    warm(client, *urls(programme, "film", "other_film"))
    screening = programme["screening"]
    screening.film = programme["other_film"]
    screening.save()
    assert cache_status(client, programme["film"].url) == "miss"
    assert cache_status(client, programme["other_film"].url) == "miss"


def test_new_season_membership_reaches_the_season_page(
    client, programme, django_capture_on_commit_callbacks
):
    new_season = SeasonPageFactory(title="Winter Nights")
    warm(client, new_season.url)
    screening = programme["screening"]
    with django_capture_on_commit_callbacks(execute=True):
        screening.seasons.add(new_season)
        screening.save()
    assert b"The Red Soul" in get(client, new_season.url).content


def test_price_change_reaches_venue_article_and_film(client, programme):
    warm(client, *urls(programme, "venue", "article", "film", "other_venue"))
    row = PriceRow.objects.get(table=programme["prices"], label="Full")
    row.amount = Decimal("17.50")
    row.save()
    programme["prices"].save()
    for url in urls(programme, "venue", "article", "film"):
        assert "17.50" in get(client, url).content.decode(), url
    assert cache_status(client, programme["other_venue"].url) == "hit"


def test_person_rename_reaches_the_films_crediting_them(client, programme):
    people_index()
    film = programme["film"]
    person = PersonFactory(name="Jessica Gorter")
    film.credits.create(role="director", person=person, sort_order=0)
    film.save_revision().publish()
    warm(client, film.url, programme["other_film"].url, person.get_absolute_url())
    person.name = "Jessica Gorter-Smit"
    person.save()
    assert b"Jessica Gorter-Smit" in get(client, film.url).content
    assert b"Jessica Gorter-Smit" in get(client, person.get_absolute_url()).content
    assert cache_status(client, programme["other_film"].url) == "hit"


def test_publishing_a_film_reaches_venue_season_and_article(client, programme):
    film = programme["film"]
    warm(client, *urls(programme, "venue", "season", "article", "other_venue"))
    film.title = "The Red Soul (restored)"
    film.save_revision().publish()
    for url in urls(programme, "venue", "season", "article"):
        assert b"The Red Soul (restored)" in get(client, url).content, url
    assert cache_status(client, programme["other_venue"].url) == "hit"


def test_unpublishing_a_film_removes_it_everywhere(client, programme):
    film = programme["film"]
    warm(client, film.url, programme["venue"].url)
    film.unpublish()
    assert client.get(film.url).status_code == 404
    assert b"The Red Soul" not in get(client, programme["venue"].url).content


def test_listings_go_with_any_change(client, programme):
    warm(client, "/")
    screening = programme["screening"]
    screening.note = "Bring a cushion"
    screening.save()
    assert cache_status(client, "/") == "miss"


def test_moving_a_page_invalidates_everything(client, programme):
    warm(client, *urls(programme, "other_film", "venue"))
    season = programme["season"]
    season.move(home_page(), pos="last-child")
    assert cache_status(client, programme["other_film"].url) == "miss"
    assert cache_status(client, programme["venue"].url) == "miss"


def test_entries_expire_when_the_next_show_ends(programme):
    now = timezone.now()
    next_end = Occurrence.objects.filter(end__gt=now).order_by("end").first().end
    assert middleware.next_programme_change(now) <= next_end
    later = Occurrence.objects.create(
        screening=programme["screening"],
        start=now + datetime.timedelta(minutes=5),
        end=now + datetime.timedelta(minutes=10),
        business_date=timezone.localdate(),
    )
    assert middleware.next_programme_change(now) == later.end


def test_an_evicted_tag_never_revalidates_old_entries(programme):
    tokens = store.current_tokens(["page:1"])
    store.cache().delete(store.TAG_KEY_PREFIX + "page:1")
    assert store.current_tokens(["page:1"]) != tokens


# -- frontend cache (CDN) --------------------------------------------------------------------


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that keeps the URLs it was asked to purge."""

    purged: list[str] = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        self.purged.append(url)


def test_changes_purge_the_detail_pages_from_a_configured_cdn(
    client, settings, programme, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged.clear()
    response = get(client, programme["film"].url)
    assert "s-maxage" in response["Cache-Control"]
    assert "s-maxage" not in get(client, "/")["Cache-Control"]
    screening = programme["screening"]
    with django_capture_on_commit_callbacks(execute=True):
        screening.status = ScreeningStatus.CANCELLED
        screening.save()
    purged = " ".join(RecordingBackend.purged)
    for page in (programme["film"], programme["venue"], programme["article"]):
        assert page.get_full_url() in purged
    assert programme["other_film"].get_full_url() not in purged


# -- query budgets ----------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


#: Queries for an uncached render of each demo page, measured after a first render
#: made its image renditions. They are fixed: tests/test_pages.py shows that they
#: do not grow with the programme, and the benchmark prints them at festival scale.
#: The issue's target is 15; pages above it say so in bench/RESULTS.md.
QUERY_BUDGETS = {
    "home": 17,
    "whats-on-today": 13,
    "whats-on-week": 14,
    "film-index": 11,
    "film-the-red-soul": 29,
    "film-dear-comrades": 28,
    "venue-index": 9,
    "venue-museum-of-the-moving-image": 19,
    "venue-riverside-picture-house": 20,
    "season-index": 9,
    "season-putins-russia": 28,
    "season-autumn-frames": 20,
    # Routes of the people index now: +6 for Wagtail's serving, as every page here pays
    # (the site, the home and people index pages found and made specific, view restrictions).
    "person-jessica-gorter": 12,
    "person-andrei-konchalovsky": 11,
    "article-index": 16,
    "article": 38,
    "search": 14,
    "not-found": 4,
}
#: Wagtail 7.0 spends one query more on two of them, in its own code: its database
#: search backend reads the index entries apart from the pages it then loads, and its
#: redirect middleware looks a missing path up a second time, decoded, even when
#: decoding leaves it unchanged.
WAGTAIL_7_EXTRA_QUERIES = {"search": 1, "not-found": 1}


def query_budget(page_id: str) -> int:
    extra = 0 if WAGTAIL_8 else WAGTAIL_7_EXTRA_QUERIES.get(page_id, 0)
    return QUERY_BUDGETS[page_id] + extra


def test_every_public_page_type_renders_in_its_query_budget(client, settings, demo):
    from tests.reader_pages import READER_PAGES

    settings.PROGRAMME_PAGE_CACHE = False
    counts = {}
    for page in READER_PAGES:
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        assert response.status_code == page.status, page.path
        counts[page.id] = len(queries)
    over = {page: n for page, n in counts.items() if n > query_budget(page)}
    assert over == {}, counts


def test_warm_pages_need_no_queries(client, demo):
    from tests.reader_pages import READER_PAGES

    for page in READER_PAGES:
        if page.status != 200:
            continue
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        assert response[CACHE_STATUS_HEADER] == "hit", page.path
        assert len(queries) == 0, page.path


def test_a_page_hosting_a_screening_follows_it(client, programme):
    from tests.test_extension import make_event

    event = make_event([programme["screening"]], title="Quiz night")
    # Only its own tag: the screening's change has to find it through the host lookup.
    assert page_cache_tags(event) == [store.page_tag(event.pk)]
    warm(client, event.url, programme["other_film"].url)
    screening = programme["screening"]
    screening.status = ScreeningStatus.SOLD_OUT
    screening.save()
    assert b"Sold out" in get(client, event.url).content
    assert cache_status(client, programme["other_film"].url) == "hit"


def test_api_listings_are_cached_and_follow_any_change(client, programme):
    url = "/api/v2/occurrences/?limit=5"
    warm(client, url)
    screening = programme["screening"]
    screening.status = ScreeningStatus.SOLD_OUT
    screening.save()
    response = get(client, url)
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert "sold_out" in response.content.decode().replace("-", "_")


def test_deleting_a_live_page_invalidates_the_pages_showing_it(client, programme):
    related = FilmPageFactory(title="A Film Without Screenings")
    programme["film"].related_films.create(related=related)
    programme["film"].save_revision().publish()
    warm(client, programme["film"].url)
    related.delete()
    assert cache_status(client, programme["film"].url) == "miss"


def test_shows_keep_djangos_fast_delete():
    from django.db import router
    from django.db.models.deletion import Collector

    collector = Collector(using=router.db_for_write(Occurrence))
    assert collector.can_fast_delete(Occurrence.objects.all())


def test_whats_on_filter_choices_follow_new_venues(client, programme):
    whats_on = "/whats-on/"
    from programme.models import WhatsOnPage

    home_page().add_child(instance=WhatsOnPage(title="What's on", slug="whats-on"))
    assert b"Riverside" in get(client, whats_on).content
    VenuePageFactory(title="Brand New Screen Room")
    assert b"Brand New Screen Room" in get(client, whats_on).content


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_making_a_film_private_reaches_every_response_showing_it(
    client, programme, kind, django_capture_on_commit_callbacks
):
    from tests.factories import whats_on_page

    people_index()
    film = programme["film"]
    person = PersonFactory(name="Jessica Gorter")
    film.credits.create(role="director", person=person, sort_order=0)
    film.save_revision().publish()
    whats_on = whats_on_page()
    showing = [
        film.url,
        film.get_parent().url,  # the films index
        whats_on.url,
        whats_on.url + "calendar/",
        programme["venue"].url,
        programme["venue"].calendar_url,
        programme["season"].calendar_url,
        person.get_absolute_url(),
        f"/api/v2/pages/{film.pk}/",
        f"/api/v2/occurrences/?film={film.pk}",
        "/",
    ]
    warm(client, *showing)

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=film, restriction_type=kind, password="secret" if kind == "password" else ""
        )
    still_shown = []
    for url in showing:
        response = client.get(url)
        assert response.get(CACHE_STATUS_HEADER) != "hit", url
        if url.startswith("/api/v2/pages/"):
            assert response.status_code == 404, url
        elif url != film.url and b"The Red Soul" in response.content:
            still_shown.append(url)
    assert still_shown == []

    # Lifting it again brings the film back at once.
    warm(client, film.get_parent().url)
    restriction.delete()
    response = get(client, film.get_parent().url)
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert b"The Red Soul" in response.content
