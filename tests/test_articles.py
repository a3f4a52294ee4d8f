"""Article pages: the index (order, pages, tags, RSS), the article, tree rules, admin forms."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from programme.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    FilmIndexPage,
    FilmPage,
)
from tests.factories import (
    FilmPageFactory,
    ImageFactory,
    PersonFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    home_page,
    people_index,
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_index(**fields) -> ArticleIndexPage:
    index = ArticleIndexPage(title="Articles", slug="articles", **fields)
    home_page().add_child(instance=index)
    return index


def make_article(index, title, date, tags=(), live=True, **fields) -> ArticlePage:
    page = ArticlePage(title=title, date=date, live=live, **fields)
    index.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision()
    if live:
        page.get_latest_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def titles_in(html: str, titles) -> list[str]:
    """The given titles in the order they appear in the page."""
    found = [(html.find(f">{title}</a>"), title) for title in titles]
    return [title for position, title in sorted(found) if position >= 0]


DAY = datetime.date(2026, 3, 1)
TITLES = [f"Article {n}" for n in range(1, 6)]


@pytest.fixture
def index_with_articles(db):
    index = make_index(per_page=2)
    for n, title in enumerate(TITLES):
        tags = ["Russia"] if n % 2 == 0 else ["Festival"]
        make_article(index, title, DAY + datetime.timedelta(days=n), tags=tags, intro=f"Intro {n}")
    make_article(index, "A draft", DAY + datetime.timedelta(days=30), live=False)
    return index


# -- The index --------------------------------------------------------------------------


def test_index_lists_live_articles_newest_first(client, index_with_articles):
    index_with_articles.per_page = 20
    index_with_articles.save()

    html = client.get(index_with_articles.url).content.decode()

    assert titles_in(html, TITLES) == list(reversed(TITLES))
    assert "A draft" not in html


def test_index_paginates(client, index_with_articles):
    url = index_with_articles.url

    assert titles_in(client.get(url).content.decode(), TITLES) == ["Article 5", "Article 4"]
    second = client.get(url, {"page": 2}).content.decode()
    assert titles_in(second, TITLES) == ["Article 3", "Article 2"]
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert titles_in(client.get(url, {"page": 3}).content.decode(), TITLES) == ["Article 1"]


@pytest.mark.parametrize("bad", ["abc", "9999", "0", "-1", "1.5", "", "%00", "2" * 40])
def test_bad_page_numbers_never_fail(client, index_with_articles, bad):
    response = client.get(index_with_articles.url, {"page": bad})

    assert response.status_code == 200
    assert titles_in(response.content.decode(), TITLES)  # some page of articles, not an error


def test_tag_filter_by_query_and_by_route(client, index_with_articles):
    by_query = client.get(index_with_articles.url, {"tag": "festival"})
    by_route = client.get(index_with_articles.url + "tag/festival/")

    for response in (by_query, by_route):
        assert response.status_code == 200
        html = response.content.decode()
        assert titles_in(html, TITLES) == ["Article 4", "Article 2"]
        assert "tagged “Festival”" in html


def test_tag_route_paginates_and_keeps_the_tag(client, index_with_articles):
    response = client.get(index_with_articles.url + "tag/russia/", {"page": 2})

    assert titles_in(response.content.decode(), TITLES) == ["Article 1"]


def test_unknown_tags(client, index_with_articles):
    assert client.get(index_with_articles.url + "tag/no-such-tag/").status_code == 404
    # A tag that exists, but only on films, is no article tag either.
    film = FilmPageFactory()
    film.subjects.add("Stalin")
    film.save()
    assert client.get(index_with_articles.url + "tag/stalin/").status_code == 404
    response = client.get(index_with_articles.url, {"tag": "no-such-tag"})
    assert response.status_code == 200
    assert titles_in(response.content.decode(), TITLES) == []
    assert "No articles are tagged" in response.content.decode()


def test_tags_in_other_scripts_link_and_filter(client, index_with_articles):
    make_article(index_with_articles, "Кино", DAY + datetime.timedelta(days=9), tags=["Кино"])

    html = client.get(index_with_articles.url).content.decode()
    tag_url = iri_to_uri(f"{index_with_articles.url}tag/кино/")
    assert f'href="{tag_url}"' in html
    response = client.get(tag_url)
    assert response.status_code == 200
    assert titles_in(response.content.decode(), ["Кино", *TITLES]) == ["Кино"]


def test_rss_feed_is_valid_xml_with_the_latest_articles(client, index_with_articles):
    response = client.get(index_with_articles.url + "feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    assert channel.findtext("title") == "Articles"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == list(reversed(TITLES))
    first = items[0]
    newest = ArticlePage.objects.get(title="Article 5")
    assert first.findtext("link") == newest.get_full_url()
    assert first.findtext("link").startswith("http")
    assert first.findtext("description") == "Intro 4"
    assert [c.text for c in first.findall("category")] == ["Russia"]
    assert first.findtext("pubDate")


def test_index_links_its_feed(client, index_with_articles):
    html = client.get(index_with_articles.url).content.decode()

    assert 'type="application/rss+xml"' in html
    assert f'href="{index_with_articles.url}feed/"' in html


# -- The article ------------------------------------------------------------------------


@pytest.mark.django_db
def test_article_page_shows_byline_hero_tags_and_live_related_pages(client):
    index = make_index()
    people_index()
    author = PersonFactory(name="Anna Critic")
    film = FilmPageFactory(title="The Red Soul")
    hidden_film = FilmPageFactory(title="Unreleased Film")
    hidden_film.unpublish()
    season = SeasonPageFactory(title="Putin’s Russia")
    venue = VenuePageFactory(title="Museum of the Moving Image", locality="Queens")
    page = ArticlePage(
        title="The Red Soul in Queens",
        date=datetime.date(2026, 7, 15),
        intro="A documentary about how Russia remembers Stalin returns to New York.",
        hero_image=ImageFactory(),
        hero_alt_text="A woman in a snowy field",
        hero_caption="A still from the film.",
        hero_credit="© Icarus Films",
        body=[("rich_text", "<p>Our own words about the film.</p>")],
        authors=[ArticleAuthor(person=author), ArticleAuthor(name="Guest Writer")],
        related_films=[film, hidden_film],
        related_seasons=[season],
        related_venues=[venue],
    )
    index.add_child(instance=page)
    page.tags.add("Documentary")
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "<h1>The Red Soul in Queens</h1>" in html
    assert "A documentary about how Russia remembers Stalin returns to New York." in html
    assert f'<a href="{author.get_absolute_url()}">Anna Critic</a>, Guest Writer' in html
    assert 'datetime="2026-07-15"' in html
    assert 'alt="A woman in a snowy field"' in html and "© Icarus Films" in html
    assert "Our own words about the film." in html
    assert f'href="{index.url}tag/documentary/"' in html
    assert "The Red Soul" in html and "Unreleased Film" not in html
    assert "Putin’s Russia" in html and "Museum of the Moving Image" in html
    assert 'aria-label="Breadcrumb"' in html


@pytest.mark.django_db
def test_free_text_byline_replaces_the_author_names():
    page = ArticlePage(title="x", byline="By the programme team", authors=[ArticleAuthor(name="A")])

    assert page.byline_text == "By the programme team"


@pytest.mark.django_db
def test_articles_are_searchable_by_title_intro_and_body():
    index = make_index()
    make_article(
        index,
        "Museum night",
        DAY,
        intro="An evening of restorations.",
        body=[("rich_text", "<p>Gorter filmed for years in Petersburg.</p>")],
    )
    make_article(index, "Something else", DAY)

    assert [p.title for p in ArticlePage.objects.live().search("restorations")] == ["Museum night"]
    assert [p.title for p in ArticlePage.objects.live().search("Petersburg")] == ["Museum night"]


# -- The demo article -------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_article_is_built_once_and_carries_the_seed_facts(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    assert ArticleIndexPage.objects.count() == 1
    article = ArticlePage.objects.get()
    assert article.live
    assert [block.block_type for block in article.body].count("screening") == 2

    html = client.get(article.url).content.decode()
    for fact in [
        "The Red Soul",
        "Museum of the Moving Image",
        "Redstone Theater",
        "Putin’s Russia: A 21st Century Film Mosaic",
        "Introduced by Jessica Gorter",
        "US$15",
        "US$11",
        "US$9",
        "Film Lover and Kids Premium",
        "Book tickets",
        "This screening has taken place.",
        "15 July 2018",
        "© Icarus Films",
        "Dutch Film and Television Academy",
        "© Jochem Jurgens",
        "36-01 35 Avenue",
        'alt="DutchCulture USA"',
    ]:
        assert fact in html, fact
    feed = client.get(article.get_parent().url + "feed/").content.decode()
    assert "The Red Soul returns to Queens" in feed


# -- Tree rules and the admin -----------------------------------------------------------


def article_form_data(title: str, slug: str, body: list) -> dict:
    """What the article editor posts, built with Wagtail's form-data helpers."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-07-01",
            "intro": "A standfirst.",
            "byline": "",
            "hero_image": "",
            "hero_alt_text": "",
            "hero_caption": "",
            "hero_credit": "",
            "authors": inline_formset([]),
            "tags": "Russia, Documentary",
            "body": streamfield(body),
        }
    )


class ArticleAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.home = home_page()
        self.index = make_index()
        self.screening = ScreeningFactory(
            first_date=timezone.localdate() + datetime.timedelta(days=3)
        )
        self.article = make_article(
            self.index,
            "Screening tonight",
            DAY,
            tags=["Russia"],
            body=[
                ("heading", {"text": "When", "level": "h2"}),
                (
                    "screening",
                    {"screening": self.screening, "dates_shown": 2, "show_prices": True},
                ),
            ],
        )

    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(FilmIndexPage, ArticlePage)
        self.assertCanNotCreateAt(ArticleIndexPage, FilmPage)
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
        self.assertTrue(ArticlePage.can_create_at(self.index))
        self.assertFalse(ArticlePage.can_create_at(Page.objects.get(depth=1)))

    def test_pages_render_route_edit_and_preview(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRoutable(self.index, "feed/")
        self.assertPageIsRoutable(self.index, "tag/russia/")
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, "feed/")
        self.assertPageIsRenderable(self.article)
        self.assertPageIsEditable(self.index)
        # StreamField forms are drawn by JavaScript, so the edit test is given the post data.
        edit_data = article_form_data(
            "Screening tonight",
            self.article.slug,
            [("screening", {"screening": self.screening.pk, "dates_shown": "", "show_prices": ""})],
        )
        self.assertPageIsEditable(self.article, post_data=edit_data)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.article, post_data=edit_data)

    def test_editor_creates_an_article_with_programme_blocks(self):
        data = article_form_data(
            "Red Soul at the museum",
            "red-soul-at-the-museum",
            [
                ("rich_text", rich_text("<p>Our words.</p>")),
                (
                    "screening",
                    {"screening": self.screening.pk, "dates_shown": "3", "show_prices": "on"},
                ),
                (
                    "call_to_action",
                    {"label": "Tickets", "page": "", "url": "https://tickets.example/"},
                ),
            ],
        )
        self.assertCanCreate(self.index, ArticlePage, data)

        article = ArticlePage.objects.get(slug="red-soul-at-the-museum")
        self.assertTrue(article.live)
        self.assertEqual(
            [block.block_type for block in article.body],
            ["rich_text", "screening", "call_to_action"],
        )
        self.assertEqual(article.body[1].value["screening"], self.screening)
        self.assertEqual(sorted(article.tags.names()), ["Documentary", "Russia"])
