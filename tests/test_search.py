"""Public search: what it finds, in what order, and that no input breaks it."""

import datetime
import json
import os
import re

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from programme.models import ArticleIndexPage, ArticlePage, FilmCredit, FilmPage
from search.text import excerpt, fold, highlight, new_folded_words, parse_query
from tests.factories import (
    FilmPageFactory,
    PersonFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    home_page,
    people_index,
)

pytestmark = pytest.mark.django_db


def make_film(title, credits=(), subjects=(), **fields) -> FilmPage:
    """A published film, its credits and subjects indexed as after an editor's publish."""
    film = FilmPageFactory(title=title, **fields)
    film.credits = [FilmCredit(role=role, person=person) for person, role in credits]
    if subjects:
        film.subjects.add(*subjects)
    film.save_revision().publish()
    return FilmPage.objects.get(pk=film.pk)


def make_article(title, **fields) -> ArticlePage:
    index = ArticleIndexPage.objects.first()
    if index is None:
        index = ArticleIndexPage(title="Articles", slug="articles")
        home_page().add_child(instance=index)
    page = ArticlePage(title=title, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def result_titles(response) -> list[str]:
    html = response.content.decode()
    # A person is not linked on a site without a people index.
    titles = re.findall(
        r'<h2 class="search-result__title">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</h2>', html
    )
    return [re.sub(r"</?mark>", "", title) for title in titles]


def result_types(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<p class="search-result__type">(?:Recommended · )?(\w+)</p>', html)


def search(client, query=None, **params):
    if query is not None:
        params["query"] = query
    return client.get("/search/", params)


@pytest.fixture
def catalogue():
    people_index()
    lucia = PersonFactory(name="Lucía Domínguez", sort_name="Domínguez, Lucía")
    komarov = PersonFactory(name="Vladislav Komarov", sort_name="Komarov, Vladislav")
    harbour = make_film(
        "The Harbour at Night",
        original_title="El puerto de noche",
        synopsis="<p>A night watchman and the ships that never leave.</p>",
        credits=[(lucia, "director")],
        countries=["ES", "AR"],
        year=2021,
        subjects=["Labour"],
    )
    comrades = make_film(
        "Dear Comrades!",
        original_title="Дорогие товарищи!",
        english_title="Dear Comrades!",
        synopsis="<p>Novocherkassk, 1962: a strike, and a mother looking for her daughter.</p>",
        credits=[(komarov, "cast")],
        countries=["RU"],
        year=2020,
    )
    stories = make_film(
        "Sea Stories",
        synopsis="<p>Fishermen remember the harbour of their childhood.</p>",
        year=2019,
    )
    return {
        "lucia": lucia,
        "komarov": komarov,
        "harbour": harbour,
        "comrades": comrades,
        "stories": stories,
    }


# -- Text helpers -------------------------------------------------------------------


def test_fold_and_query_parsing():
    assert fold("Lucía Domínguez") == "lucia dominguez"
    assert fold("Дорогие товарищи!") == "dorogie tovarishchi!"
    terms = parse_query('  " OR 1=1 --  AND NEAR( * Domínguez\u200f\x00 🎬 ')
    assert terms.words == ("or", "1", "and", "near", "domínguez")
    assert terms.folded[-1] == "dominguez"
    assert not parse_query("?!* -- 🎬 \u202e")
    assert new_folded_words(["Lucía Domínguez", "Lucia"]) == ["dominguez"]


def test_highlight_escapes_and_marks_accent_insensitively():
    html = highlight("<b>Domínguez</b> & co", ["dominguez"])
    assert html == "&lt;b&gt;<mark>Domínguez</mark>&lt;/b&gt; &amp; co"
    assert "<mark>Комаров</mark>" in highlight("Владислав Комаров", ["komarov"])
    text = "word " * 80 + "the harbour at night " + "word " * 80
    snippet = excerpt([text], ["harbour"])
    assert "<mark>harbour</mark>" in snippet and snippet.startswith("… ")


# -- Finding things -----------------------------------------------------------------


def test_title_match_ranks_before_synopsis_match(client, catalogue):
    titles = result_titles(search(client, "harbour"))
    assert titles[:2] == ["The Harbour at Night", "Sea Stories"]


@pytest.mark.parametrize("query", ["Dominguez", "dominguez", "DOMÍNGUEZ", "Domínguez", "lucia"])
def test_accents_and_case_do_not_matter(client, catalogue, query):
    response = search(client, query)
    assert result_titles(response)[:2] == ["Lucía Domínguez", "The Harbour at Night"]
    assert result_types(response)[:2] == ["Person", "Film"]


def test_accented_query_finds_unaccented_text(client, catalogue):
    PersonFactory(name="Jose Garcia")
    assert result_titles(search(client, "José García")) == ["Jose Garcia"]


def test_person_name_finds_the_person_and_their_films(client, catalogue):
    response = search(client, "komarov")
    assert result_titles(response) == ["Vladislav Komarov", "Dear Comrades!"]
    html = response.content.decode()
    assert 'href="/people/vladislav-komarov/"' in html
    assert "<mark>Komarov</mark> (cast)" in html


@pytest.mark.parametrize(
    "query", ["Дорогие товарищи!", "дорогие товарищи", "dorogie tovarishchi", "Dear Comrades"]
)
def test_film_found_by_original_or_english_title(client, catalogue, query):
    assert result_titles(search(client, query))[0] == "Dear Comrades!"


def test_film_found_by_spanish_original_title(client, catalogue):
    assert result_titles(search(client, "El puerto de noche")) == ["The Harbour at Night"]


def test_film_found_by_country_name_year_and_subject(client, catalogue):
    assert result_titles(search(client, "Argentina")) == ["The Harbour at Night"]
    assert "Dear Comrades!" in result_titles(search(client, "2020"))
    assert result_titles(search(client, "labour")) == ["The Harbour at Night"]


def test_article_found_by_the_title_of_an_embedded_film_or_screening(client, catalogue):
    make_article(
        "Night shifts",
        intro="Our programmer on a quiet revelation.",
        body=[("film_card", {"film": catalogue["harbour"], "show_next_screening": True})],
    )
    screening = ScreeningFactory(film=catalogue["comrades"], programme_title="Strike programme")
    make_article(
        "A programme note",
        body=[("screening", {"screening": screening, "dates_shown": None, "show_prices": True})],
    )
    response = search(client, "puerto", type="article")
    assert result_titles(response) == ["Night shifts"]
    assert result_titles(search(client, "strike programme", type="article")) == ["A programme note"]
    assert result_titles(search(client, "Дорогие", type="article")) == ["A programme note"]


def test_seasons_venues_and_articles_are_found_and_labelled(client, catalogue):
    SeasonPageFactory(title="Spanish Nights", intro="<p>A season of Iberian cinema.</p>")
    VenuePageFactory(title="The Lumière Room", locality="Lyon", description="<p>Old seats.</p>")
    make_article("Notes on Iberian cinema", intro="What the season taught us.")
    response = search(client, "Iberian")
    assert sorted(zip(result_titles(response), result_types(response), strict=True)) == [
        ("Notes on Iberian cinema", "Article"),
        ("Spanish Nights", "Season"),
    ]
    assert result_types(search(client, "lyon")) == ["Venue"]
    assert result_titles(search(client, "lumiere")) == ["The Lumière Room"]


# -- Filters and pages ------------------------------------------------------------------


def test_type_filter(client, catalogue):
    assert result_types(search(client, "komarov")) == ["Person", "Film"]
    assert result_types(search(client, "komarov", type="film")) == ["Film"]
    assert result_types(search(client, "komarov", type="person")) == ["Person"]
    response = client.get("/search/?query=komarov&type=film&type=person")
    assert result_types(response) == ["Person", "Film"]
    assert result_types(search(client, "komarov", type="films")) == ["Film"]


def test_upcoming_filter_keeps_what_has_a_show_ahead(client, catalogue):
    venue = VenuePageFactory(title="Harbour Hall", locality="Cádiz")
    ScreeningFactory(film=catalogue["harbour"], venue=venue)
    ScreeningFactory(
        film=catalogue["stories"],
        venue=venue,
        first_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    everything = result_titles(search(client, "harbour"))
    assert sorted(everything[:2]) == ["Harbour Hall", "The Harbour at Night"]
    assert everything[2:] == ["Sea Stories"]
    upcoming = search(client, "harbour", upcoming="1")
    assert sorted(result_titles(upcoming)) == ["Harbour Hall", "The Harbour at Night"]
    assert result_titles(search(client, "harbour", upcoming="1", type="film")) == [
        "The Harbour at Night"
    ]
    # The filters stay in the form, so they survive the next search.
    html = upcoming.content.decode()
    assert 'name="upcoming" value="1" checked' in html


def test_film_results_show_their_next_screening(client, catalogue):
    venue = VenuePageFactory(title="Cine Doré")
    ScreeningFactory(film=catalogue["harbour"], venue=venue, show_times="20:45")
    html = search(client, "harbour").content.decode()
    assert "Next screening:" in html and "Cine Doré" in html
    assert "No upcoming screenings." in html  # Sea Stories


def test_pagination_keeps_the_query_and_filters(client):
    for n in range(23):
        make_film(f"Lighthouse {n:02d}")
    first = search(client, "lighthouse", type="film")
    assert len(result_titles(first)) == 10
    html = first.content.decode()
    assert "23 results" in html
    next_link = re.search(r'<a href="\?([^"]*)" rel="next">', html).group(1)
    assert sorted(next_link.split("&amp;")) == ["page=2", "query=lighthouse", "type=film"]
    third = search(client, "lighthouse", type="film", page="3")
    assert len(result_titles(third)) == 3
    seen = set()
    for page in ("1", "2", "3"):
        seen.update(result_titles(search(client, "lighthouse", page=page)))
    assert len(seen) == 23


@pytest.mark.parametrize("page", ["999", "-1", "0", "abc", "2.5", "1e9", "%00", "", "9" * 400])
def test_odd_page_numbers_still_show_results(client, catalogue, page):
    response = search(client, "harbour", page=page)
    assert response.status_code == 200
    assert "The Harbour at Night" in result_titles(response)


# -- Bad input ---------------------------------------------------------------------------


BAD_QUERIES = [
    "",
    " ",
    "a" * 2000,
    ("harbour " * 300).strip(),
    "!!!???...",
    "*",
    '" OR 1=1 --',
    "'; DROP TABLE wagtailcore_page; --",
    "harbour AND night",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(harbour night, 2)",
    "harbour*",
    "^harbour",
    "title:harbour",
    '"unbalanced',
    'harbour "night',
    "(((",
    "{title body} : harbour",
    "harbour & night | !x",
    "\u200f\u202eharbour\u202c",
    "🎬🍿",
    "harbour 🎬",
    "\x00",
    "harbour\x00night",
    "%00",
    "\\",
    "𝕳𝖆𝖗𝖇𝖔𝖚𝖗",
    "ＨＡＲＢＯＵＲ",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_break_the_page(client, catalogue, query):
    response = search(client, query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_raw_nul_and_invalid_utf8_in_the_url(client, catalogue):
    for url in [
        "/search/?query=%00",
        "/search/?query=harbour%00",
        "/search/?query=%ff%fe%ED%A0%80",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/search/autocomplete/?q=%00harb").status_code == 200


def test_operators_are_searched_as_words(client, catalogue):
    assert result_titles(search(client, "harbour AND night"))[0] == "The Harbour at Night"
    assert result_titles(search(client, "NEAR(harbour night)"))[0] == "The Harbour at Night"
    assert result_titles(search(client, "harbour*"))[0] == "The Harbour at Night"


def test_fullwidth_and_styled_letters_are_read_as_plain(client, catalogue):
    assert result_titles(search(client, "ＨＡＲＢＯＵＲ"))[0] == "The Harbour at Night"


def test_query_and_content_are_escaped(client):
    make_film("<img src=x onerror=alert(1)> Night", logline="<b>bold</b> night")
    response = search(client, '<script>alert("x")</script> night')
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=" in html and "&gt; <mark>Night</mark></a>" in html
    assert "&lt;b&gt;bold&lt;/b&gt; <mark>night</mark>" in html
    assert "“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; night”" in html


@pytest.mark.parametrize("value", ["films,people", "x", "<script>", "FILM'--", "%00"])
def test_unknown_type_is_a_400_with_a_message(client, catalogue, value):
    response = search(client, "harbour", type=value)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no" in html and "type to filter by" in html
    assert "<script>" not in html
    assert result_titles(response) == []


def test_empty_and_unsearchable_queries_suggest_browsing(client, catalogue):
    html = search(client, "").content.decode()
    assert "search-results" not in html
    html = search(client, "?!").content.decode()
    assert "has no letters or digits to search for" in html
    assert not Query.objects.exists()


def test_no_results_suggests_close_film_titles_and_browse_links(client, catalogue):
    from tests.factories import film_index

    film_index()
    html = search(client, "Comrdes").content.decode()
    assert "Nothing matches" in html
    assert "Did you mean one of these films?" in html and "Dear Comrades!" in html
    assert 'href="/films/"' in html


def test_a_partial_last_word_finds_titles_that_start_with_it(client, catalogue):
    response = search(client, "Dear Com")
    assert result_titles(response) == ["Dear Comrades!"]
    assert "these titles and names start with them" in response.content.decode()
    assert result_titles(search(client, "Domíng")) == ["Lucía Domínguez"]


def test_no_results_with_filters_offers_the_unfiltered_search(client, catalogue):
    html = search(client, "komarov", type="venue").content.decode()
    assert "See 2 results in everything" in html


def test_any_word_fallback_when_no_result_has_them_all(client, catalogue):
    response = search(client, "harbour zeppelin")
    assert result_titles(response)[:1] == ["The Harbour at Night"]
    assert "No result has all of your words" in response.content.decode()


# -- Autocomplete ------------------------------------------------------------------------


def test_autocomplete_json_shape_and_partial_words(client, catalogue):
    response = client.get("/search/autocomplete/", {"q": "harb"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "harb"
    assert data["results"][0] == {
        "title": "The Harbour at Night",
        "url": catalogue["harbour"].url,
        "type": "film",
        "label": "Film",
    }
    lucia = {"title": "Lucía Domínguez", "url": catalogue["lucia"].get_absolute_url()}
    assert lucia in [
        {"title": item["title"], "url": item["url"]}
        for item in client.get("/search/autocomplete/", {"q": "domin"}).json()["results"]
    ]
    titles = [
        item["title"] for item in client.get("/search/autocomplete/?q=дорог").json()["results"]
    ]
    assert titles == ["Dear Comrades!"]
    titles = [
        item["title"] for item in client.get("/search/autocomplete/?q=Dear+Com").json()["results"]
    ]
    assert titles == ["Dear Comrades!"]


@pytest.mark.parametrize("q", ["", "h", "  ", "*", '"', "NEAR(", "%00", "a" * 2000, "🎬"])
def test_autocomplete_bad_input_is_an_empty_or_valid_list(client, catalogue, q):
    response = client.get("/search/autocomplete/", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_autocomplete_does_not_log_queries(client, catalogue):
    client.get("/search/autocomplete/", {"q": "harb"})
    assert not Query.objects.exists()
    search(client, "harbour")
    search(client, "harbour", page="2")
    assert Query.get("harbour").hits == 1


def test_autocomplete_query_count_is_small(client, catalogue, django_assert_max_num_queries):
    client.get("/search/autocomplete/", {"q": "dom"})  # site root paths, content types
    with django_assert_max_num_queries(6):
        assert client.get("/search/autocomplete/", {"q": "harbo"}).status_code == 200


# -- Promotions ---------------------------------------------------------------------------


def test_promoted_result_comes_first(client, catalogue):
    query = Query.get("harbour")
    SearchPromotion.objects.create(query=query, page=catalogue["stories"], sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/harbours",
        external_link_text="Harbours on film",
        sort_order=1,
    )
    response = search(client, "Harbour")
    titles = result_titles(response)
    assert titles[0] == "Sea Stories"
    assert titles.count("Sea Stories") == 1
    html = response.content.decode()
    assert "Recommended · Film" in html and "Harbours on film" in html


def test_unpublished_promoted_page_is_not_shown(client, catalogue):
    SearchPromotion.objects.create(query=Query.get("harbour"), page=catalogue["stories"])
    catalogue["stories"].unpublish()
    assert result_titles(search(client, "harbour")) == ["The Harbour at Night"]


# -- Cost ------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 15])
def test_results_page_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    person = PersonFactory(name="Ida Lantern")
    venue = VenuePageFactory()
    for n in range(count):
        film = make_film(f"Lantern {n}", credits=[(person, "director")])
        ScreeningFactory(film=film, venue=venue)
    make_article("Lantern light", intro="On lanterns.")
    SeasonPageFactory(title="Lantern season")
    search(client, "lantern")  # warm the site-root and content-type caches
    with django_assert_max_num_queries(20):
        response = search(client, "lantern")
    assert response.status_code == 200
    assert len(result_titles(response)) == min(count + 3, 10)


# -- Elasticsearch / OpenSearch (docs/search.md) ----------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="set ELASTICSEARCH_URL (and ELASTICSEARCH_BACKEND) to test against Elasticsearch",
)
def test_elasticsearch_backend_finds_films_and_people(client, settings, catalogue):
    pytest.importorskip("elasticsearch" if "elastic" in _es_backend() else "opensearchpy")
    from django.core.management import call_command

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": _es_backend(),
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": f"film-programme-test-{os.getpid()}-",
            "TIMEOUT": 10,
        }
    }
    call_command("update_index", verbosity=0)
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    try:
        backend.refresh_indexes()
        assert result_titles(search(client, "harbour"))[0] == "The Harbour at Night"
        assert "Lucía Domínguez" in result_titles(search(client, "Dominguez"))
        assert json.loads(client.get("/search/autocomplete/?q=harb").content)["results"]
    finally:
        backend.reset_indexes()


def _es_backend() -> str:
    return os.environ.get("ELASTICSEARCH_BACKEND", "wagtail.search.backends.elasticsearch8")


def test_page_works_without_javascript_and_within_the_csp(client, catalogue):
    response = search(client, "harbour")
    html = response.content.decode()
    # A plain GET form: the query, the type checkboxes and the upcoming box are form fields.
    assert '<form action="/search/" method="get" class="search-form" role="search">' in html
    assert 'name="type" value="film"' in html and 'name="upcoming" value="1"' in html
    # The suggestions script is a file (script-src 'self'); nothing inline.
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in tag for tag in scripts)
    assert 'src="/static/search/autocomplete.js"' in html
    assert "style=" not in html
    assert client.get("/static/search/autocomplete.js").status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/search/", "/search/autocomplete/"])
@pytest.mark.parametrize(
    "query", ['"', "\x00", " ", "*", "AND", "OR OR", 'red "soul', "!?.,;", "x" * 5000]
)
def test_hostile_queries_never_fail(client, url, query):
    FilmPageFactory(title="The Red Soul")
    assert client.get(url, {"query": query}).status_code < 500
