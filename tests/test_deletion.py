"""Deleting what the programme still uses is refused, with a list of where it is used.

Wagtail 8 on its own refuses a delete only when its reference index records a
PROTECT relation to the object itself (and then answers the POST with a
permission error); it lets an index page go whose film has screenings (the
database then refuses: a 500) and a season go with its screenings' links.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from programme.compat import WAGTAIL_8
from programme.models import (
    AccessFlag,
    FilmPage,
    Occurrence,
    Organisation,
    Person,
    PriceTable,
    Screening,
    SeasonPage,
    VenuePage,
)
from programme.permissions import grant_group_permissions
from tests.factories import (
    FilmPageFactory,
    OrganisationFactory,
    PersonFactory,
    PriceTableFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    film_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client):
    grant_group_permissions()
    user = get_user_model().objects.create_user("mo", "mo@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def page_delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def snippet_delete_url(instance):
    return reverse(instance.snippet_viewset.get_url_name("delete"), args=[instance.pk])


def refusal_rows(response):
    """(used by, type, field) for each row of the refusal page's tables."""
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".programme-delete-refused"), "not the refusal page"
    return [
        tuple(cell.get_text(" ", strip=True) for cell in row.find_all("td"))
        for row in soup.select(".programme-delete-refused table tbody tr")
    ]


def assert_refused(client, url, model, pk, expected_rows):
    """GET and POST both answer with the list of uses; nothing is deleted."""
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == (200 if method == client.get else 409)
        html = response.content.decode()
        assert "cannot be deleted" in html
        assert "Nothing has been deleted" in html
        rows = refusal_rows(response)
        for expected in expected_rows:
            assert any(
                all(part in cell for part, cell in zip(expected, row, strict=False)) for row in rows
            ), f"{expected} not in {rows}"
        assert model.objects.filter(pk=pk).exists()
    return response


# --- Pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("client_fixture", ["superuser_client", "moderator_client"])
def test_film_with_screenings_cannot_be_deleted(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    screening = ScreeningFactory(film=FilmPageFactory(title="Rear Window"))
    response = assert_refused(
        client,
        page_delete_url(screening.film),
        FilmPage,
        screening.film.pk,
        [(str(screening), "Screening", "Film")],
    )
    # Each use links to where it can be changed.
    edit_url = reverse("wagtailsnippets_programme_screening:edit", args=[screening.pk])
    assert edit_url in response.content.decode()
    assert Occurrence.objects.filter(screening=screening).exists()


def test_film_shown_as_a_short_cannot_be_deleted(superuser_client):
    short = FilmPageFactory(title="La Jetée")
    screening = ScreeningFactory(short_before=short)
    assert_refused(
        superuser_client,
        page_delete_url(short),
        FilmPage,
        short.pk,
        [(str(screening), "Screening", "Short before")],
    )


def test_film_in_a_programme_of_shorts_cannot_be_deleted(superuser_client):
    short = FilmPageFactory(title="Meshes of the Afternoon")
    screening = ScreeningFactory(programme_title="Shorts 1")
    screening.programme_films.set([short])
    screening.save()
    assert_refused(
        superuser_client,
        page_delete_url(short),
        FilmPage,
        short.pk,
        [(str(screening), "Screening", "Other films in the programme")],
    )


def test_venue_with_screenings_cannot_be_deleted(superuser_client):
    venue = VenuePageFactory(title="Rio Cinema")
    screening = ScreeningFactory(venue=venue)
    assert_refused(
        superuser_client,
        page_delete_url(venue),
        VenuePage,
        venue.pk,
        [(str(screening), "Screening", "Venue")],
    )


def test_season_with_screenings_cannot_be_deleted(superuser_client):
    season = SeasonPageFactory(title="Noir")
    screening = ScreeningFactory(seasons=[season])
    assert_refused(
        superuser_client,
        page_delete_url(season),
        SeasonPage,
        season.pk,
        [(str(screening), "Screening", "Seasons")],
    )
    assert list(screening.seasons.all()) == [season]


def test_festival_whose_strand_has_screenings_cannot_be_deleted(superuser_client):
    festival = SeasonPageFactory(title="Festival", kind="festival")
    strand = SeasonPageFactory(title="Strand", kind="strand", parent=festival)
    screening = ScreeningFactory(seasons=[strand])
    response = assert_refused(
        superuser_client,
        page_delete_url(festival),
        SeasonPage,
        festival.pk,
        [(str(screening), "Screening", "Seasons")],
    )
    assert "below it" in response.content.decode()


def test_index_page_whose_film_has_screenings_cannot_be_deleted(superuser_client):
    # Wagtail checks only the page itself: without the hook this is a database error (500).
    screening = ScreeningFactory(film=FilmPageFactory(title="Vertigo"))
    index = film_index()
    assert_refused(
        superuser_client,
        page_delete_url(index),
        Page,
        index.pk,
        [(str(screening), "Screening", "Film")],
    )
    assert FilmPage.objects.filter(pk=screening.film.pk).exists()


def test_unused_pages_can_still_be_deleted(superuser_client):
    film = FilmPageFactory(title="Unscreened")
    season = SeasonPageFactory(title="Empty season")
    for page in (film, season):
        response = superuser_client.get(page_delete_url(page))
        assert response.status_code == 200
        assert "programme-delete-refused" not in response.content.decode()
        response = superuser_client.post(page_delete_url(page))
        assert response.status_code == 302
        assert not Page.objects.filter(pk=page.pk).exists()


def test_bulk_deleting_used_pages_is_refused(superuser_client):
    season = SeasonPageFactory(title="Bulk season")
    screening = ScreeningFactory(seasons=[season])
    unused = SeasonPageFactory(title="Unused season")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = f"?id={season.pk}&id={unused.pk}"
    response = superuser_client.post(url + query, {})
    assert response.status_code == 409
    assert (str(screening), "Screening", "Seasons") in refusal_rows(response)
    assert SeasonPage.objects.filter(pk__in=[season.pk, unused.pk]).count() == 2


def test_bulk_deleting_a_film_with_screenings_is_refused_by_wagtail(superuser_client):
    # Wagtail 8's bulk delete checks direct PROTECT references itself, before any
    # hook runs, and answers with a permission error: nothing is deleted.
    # Wagtail 7.0 does not check, so our before_bulk_action hook refuses instead.
    screening = ScreeningFactory(film=FilmPageFactory(title="Bulk film"))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = f"?id={screening.film.pk}"
    confirm = superuser_client.get(url + query)
    assert confirm.status_code == 200
    response = superuser_client.post(url + query, {})
    if WAGTAIL_8:
        assert response.status_code in (302, 403)
    else:
        assert response.status_code == 409
        assert (str(screening), "Screening", "Film") in refusal_rows(response)
    assert FilmPage.objects.filter(pk=screening.film.pk).exists()


# --- Snippets ------------------------------------------------------------------------------


def test_price_table_used_as_a_venue_default_cannot_be_deleted(superuser_client):
    table = PriceTableFactory(name="Standard")
    venue = VenuePageFactory(title="Rio Cinema", default_price_table=table)
    response = assert_refused(
        superuser_client,
        snippet_delete_url(table),
        PriceTable,
        table.pk,
        [("Rio Cinema", "Venue", "Default prices")],
    )
    assert reverse("wagtailadmin_pages:edit", args=[venue.pk]) in response.content.decode()


def test_price_table_used_by_a_screening_cannot_be_deleted(superuser_client):
    table = PriceTableFactory(name="Gala")
    screening = ScreeningFactory(price_table=table)
    assert_refused(
        superuser_client,
        snippet_delete_url(table),
        PriceTable,
        table.pk,
        [(str(screening), "Screening", "Prices")],
    )


def test_person_with_credits_cannot_be_deleted(superuser_client):
    person = PersonFactory(name="Chantal Akerman")
    film = FilmPageFactory(title="Jeanne Dielman")
    film.credits.create(role="director", person=person)
    film.save()  # child rows of a page are saved with it
    assert_refused(
        superuser_client,
        snippet_delete_url(person),
        Person,
        person.pk,
        [("Jeanne Dielman", "Film", "Credit → Person")],
    )


@pytest.mark.parametrize("use", ["distributor", "world_sales", "credit", "partner"])
def test_organisation_in_use_cannot_be_deleted(superuser_client, use):
    organisation = OrganisationFactory(name="Curzon")
    if use in ("distributor", "world_sales"):
        film = FilmPageFactory(title="Distributed", **{use: organisation})
        expected = ("Distributed", "Film", "Distributor" if use == "distributor" else "World sales")
    elif use == "credit":
        film = FilmPageFactory(title="Produced")
        film.credits.create(role="production_company", organisation=organisation)
        film.save()
        expected = ("Produced", "Film", "Credit → Company")
    else:
        season = SeasonPageFactory(title="Partnered")
        season.partners.create(organisation=organisation, role="Supported by")
        season.save()
        expected = ("Partnered", "Season", "Partner → Organisation")
    assert_refused(
        superuser_client,
        snippet_delete_url(organisation),
        Organisation,
        organisation.pk,
        [expected],
    )


def test_access_flag_in_use_cannot_be_deleted(superuser_client):
    flag = AccessFlag.objects.get(slug="captioned")
    screening = ScreeningFactory(access_flags=["captioned"])
    assert_refused(
        superuser_client,
        snippet_delete_url(flag),
        AccessFlag,
        flag.pk,
        [(str(screening), "Screening", "Access")],
    )


def test_unused_snippets_can_still_be_deleted(superuser_client):
    table, person, organisation = PriceTableFactory(), PersonFactory(), OrganisationFactory()
    screening = ScreeningFactory(recurrence="RRULE:FREQ=DAILY;COUNT=3")
    for instance in (table, person, organisation, screening):
        response = superuser_client.get(snippet_delete_url(instance))
        assert response.status_code == 200
        assert "programme-delete-refused" not in response.content.decode()
        response = superuser_client.post(snippet_delete_url(instance))
        assert response.status_code == 302
        assert not type(instance).objects.filter(pk=instance.pk).exists()
    # A screening's shows go with it.
    assert not Occurrence.objects.filter(screening_id=screening.pk).exists()


def _article_with_blocks(title, body):
    """An article page whose body chooses programme objects (skipped without articles)."""
    articles = pytest.importorskip("programme.models.articles")
    home = film_index().get_parent()
    index = articles.ArticleIndexPage.objects.child_of(home).first()
    if index is None:
        index = articles.ArticleIndexPage(title="Articles", slug="articles")
        home.add_child(instance=index)
    article = articles.ArticlePage(title=title, slug=title.lower().replace(" ", "-"))
    article.body = json.dumps(body)
    index.add_child(instance=article)
    return article


def test_screening_chosen_in_an_article_cannot_be_deleted(superuser_client):
    # Only Wagtail's reference index knows about content blocks: the database does not.
    screening = ScreeningFactory()
    table = PriceTableFactory(name="Festival prices")
    article = _article_with_blocks(
        "Tonight at the Rio",
        [
            {"type": "screening", "value": {"screening": screening.pk}},
            {"type": "price_table", "value": {"table": table.pk}},
            {
                "type": "rich_text",
                "value": f'<p><a linktype="page" id="{screening.film.pk}">x</a></p>',
            },
        ],
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    for instance, model in [(screening, Screening), (table, PriceTable)]:
        response = assert_refused(
            superuser_client,
            snippet_delete_url(instance),
            model,
            instance.pk,
            [("Tonight at the Rio", "Article", "Body")],
        )
        assert edit_url in response.content.decode()


def test_a_rich_text_link_does_not_stop_a_deletion(superuser_client):
    film = FilmPageFactory(title="Linked film")
    _article_with_blocks(
        "Linking article",
        [{"type": "rich_text", "value": f'<p><a linktype="page" id="{film.pk}">see</a></p>'}],
    )
    response = superuser_client.post(page_delete_url(film))
    assert response.status_code == 302
    assert not FilmPage.objects.filter(pk=film.pk).exists()


def test_bulk_deleting_used_snippets_is_refused(superuser_client):
    used = PriceTableFactory(name="Used")
    ScreeningFactory(price_table=used)
    unused = PriceTableFactory(name="Unused")
    url = reverse("wagtail_bulk_action", args=["programme", "pricetable", "delete"])
    query = f"?id={used.pk}&id={unused.pk}"
    for response in (superuser_client.get(url + query), superuser_client.post(url + query, {})):
        assert response.status_code in (200, 409)
        assert "cannot be deleted" in response.content.decode()
    assert PriceTable.objects.count() == 2


@pytest.mark.skipif(
    not WAGTAIL_8,
    reason="Wagtail 7.0 checks no PROTECT references before deleting a page: there our hooks"
    " are the only refusal (test_film_with_screenings_cannot_be_deleted and others).",
)
def test_the_hooks_are_what_refuses(superuser_client, monkeypatch):
    """Without our hooks Wagtail 8 refuses the direct case itself, but not the index page."""
    for name in ["before_delete_page", "before_delete_snippet", "before_bulk_action"]:
        monkeypatch.setitem(
            hooks._hooks,
            name,
            [
                hook
                for hook in hooks._hooks.get(name, [])
                if not hook[0].__module__.startswith("programme")
            ],
        )
    screening = ScreeningFactory()
    response = superuser_client.post(page_delete_url(screening.film))
    assert response.status_code == 302  # Wagtail's own refusal: a permission error
    assert FilmPage.objects.filter(pk=screening.film.pk).exists()
