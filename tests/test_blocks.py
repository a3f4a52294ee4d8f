"""Programme StreamField blocks: each renders, and programme blocks read live data."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.models import Embed
from wagtail.models import ReferenceIndex

from programme.blocks import ProgrammeStreamBlock, screening_context
from programme.models import ArticleIndexPage, ArticlePage, FilmCredit, Screening
from tests.factories import (
    FilmPageFactory,
    ImageFactory,
    OrganisationFactory,
    PersonFactory,
    PriceTableFactory,
    ScreenFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TRAILER = "https://www.youtube.com/watch?v=trailer123"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def article_index() -> ArticleIndexPage:
    home = home_page()
    index = ArticleIndexPage.objects.child_of(home).first()
    if index is None:
        index = ArticleIndexPage(title="Articles", slug="articles")
        home.add_child(instance=index)
    return index


def publish_article(body, title="Tonight at the museum", **fields) -> ArticlePage:
    page = ArticlePage(title=title, body=body, **fields)
    article_index().add_child(instance=page)
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def read(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def screening():
    venue = VenuePageFactory(title="Museum of the Moving Image", locality="Queens")
    screen = ScreenFactory(venue=venue, name="Redstone Theater")
    film = FilmPageFactory(title="The Red Soul", year=2017)
    prices = PriceTableFactory(
        name="Museum tickets",
        currency="USD",
        rows=[("Regular", "15", ""), ("Youth", "9", "ages 3–17")],
    )
    season = SeasonPageFactory(title="Putin’s Russia")
    return ScreeningFactory(
        film=film,
        venue=venue,
        screen=screen,
        first_date=in_days(2),
        show_times="14:00",
        price_table=prices,
        ticket_url="https://tickets.example/red-soul",
        introduced_by="Jessica Gorter",
        seasons=[season],
        access_flags=["audio-described"],
    )


def screening_block(screening, **options):
    return (
        "screening",
        {"screening": screening, "dates_shown": None, "show_prices": True, **options},
    )


# -- The screening block ------------------------------------------------------------------


def test_screening_block_renders_dates_venue_labels_prices_and_tickets(client, screening):
    html = read(client, publish_article([screening_block(screening)]))

    assert "The Red Soul" in html
    assert "Museum of the Moving Image" in html
    assert "Redstone Theater" in html
    assert "Putin’s Russia" in html
    assert "Introduced by Jessica Gorter" in html
    assert '<abbr title="Audio described">AD</abbr>' in html
    assert "14:00" in html
    assert "Regular" in html and "US$15" in html
    assert 'href="https://tickets.example/red-soul"' in html
    assert "Book tickets" in html


def test_screening_block_shows_edits_to_the_screening_without_republishing(client, screening):
    article = publish_article([screening_block(screening)])
    revisions = article.revisions.count()
    assert "14:00" in read(client, article)

    new_venue = VenuePageFactory(title="Riverside Picture House", locality="London")
    new_screen = ScreenFactory(venue=new_venue, name="Screen 2")
    new_film = FilmPageFactory(title="Dear Comrades!")
    new_prices = PriceTableFactory(
        name="Riverside standard", currency="GBP", rows=[("Concessions", "7.50", "")]
    )
    screening = Screening.objects.get(pk=screening.pk)
    screening.venue, screening.screen, screening.film = new_venue, new_screen, new_film
    screening.show_times = "21:15"
    screening.price_table = new_prices
    screening.save()

    html = read(client, article)
    assert article.revisions.count() == revisions  # nobody republished the article
    assert "Dear Comrades!" in html and "The Red Soul" not in html
    assert "Riverside Picture House" in html and "Screen 2" in html
    assert "Museum of the Moving Image" not in html
    assert "21:15" in html and "14:00" not in html
    assert "Concessions" in html and "£7.50" in html and "US$15" not in html

    # Editing the price table itself shows too.
    row = new_prices.rows.get()
    row.amount = Decimal("8.00")
    row.save()
    assert "£8" in read(client, article)


def test_screening_block_uses_the_venue_prices_when_the_screening_has_none(client, screening):
    venue_prices = PriceTableFactory(name="House prices", rows=[("Standard", "11", "")])
    screening.venue.default_price_table = venue_prices
    screening.venue.save()
    screening.price_table = None
    screening.save()

    html = read(client, publish_article([screening_block(screening)]))

    assert "Standard" in html and "£11" in html


def test_cancelled_screening_shows_its_status_and_message_and_no_ticket_link(client, screening):
    screening.status = "cancelled"
    screening.status_message = "The print did not arrive; tickets are refunded."
    screening.save()

    html = read(client, publish_article([screening_block(screening)]))

    assert "Cancelled" in html
    assert "The print did not arrive; tickets are refunded." in html
    assert "Book tickets" not in html
    assert "block-screening--cancelled" in html


def test_sold_out_screening_shows_its_status_and_no_ticket_link(client, screening):
    article = publish_article([screening_block(screening)])
    assert "Book tickets" in read(client, article)

    screening.status = "sold_out"
    screening.status_message = "Returns at the door from 13:30."
    screening.save()

    html = read(client, article)
    assert "Sold out" in html
    assert "Returns at the door from 13:30." in html
    assert "Book tickets" not in html


def test_one_cancelled_show_is_marked_on_its_own_date(client, screening):
    screening.show_times = "14:00, 19:30"
    screening.save()
    evening = screening.occurrences.order_by("start").last()
    evening.status_override = "cancelled"
    evening.note = "The evening show is off."
    evening.save()

    html = read(client, publish_article([screening_block(screening)]))

    assert "show-date--cancelled" in html
    assert "The evening show is off." in html
    assert "Book tickets" in html  # the afternoon show can still be booked


def test_screening_lists_as_many_dates_as_asked(client, screening):
    screening.show_times = "11:00, 14:00, 17:00, 20:00"
    screening.save()

    html = read(client, publish_article([screening_block(screening, dates_shown=2)]))

    assert html.count('class="show-date ') == 2
    assert "All dates for The Red Soul" in html


def test_past_screening_renders_as_taken_place_with_its_last_date(client):
    venue = VenuePageFactory(
        title="Museum of the Moving Image", time_zone="America/New_York", country="US"
    )
    screening = ScreeningFactory(
        venue=venue,
        film=FilmPageFactory(title="The Red Soul"),
        first_date=datetime.date(2018, 7, 15),
        show_times="14:00",
        ticket_url="https://tickets.example/old",
    )
    assert screening.occurrences.count() == 1

    html = read(client, publish_article([screening_block(screening)]))

    assert "This screening has taken place." in html
    assert "15 July 2018" in html and "14:00" in html
    assert "Book tickets" not in html
    assert "block-screening--past" in html


def test_deleted_screening_renders_nothing_and_no_error(client, screening):
    article = publish_article(
        [("rich_text", "<p>Before the screening.</p>"), screening_block(screening)]
    )
    Screening.objects.filter(pk=screening.pk).delete()

    html = read(client, article)

    assert "Before the screening." in html
    assert "The Red Soul" not in html
    assert "block-screening" not in html
    assert "Editors only" not in html


def test_screening_of_an_unpublished_film_is_hidden(client, screening):
    article = publish_article([screening_block(screening)])
    screening.film.unpublish()

    html = read(client, article)

    assert "block-screening" not in html


def test_missing_screening_is_explained_in_preview_only(rf, screening):
    block = ProgrammeStreamBlock().child_blocks["screening"]
    value = block.to_python({"screening": 999999, "dates_shown": None, "show_prices": True})
    assert value["screening"] is None

    request = rf.get("/")
    request.is_preview = True
    assert "Editors only" in block.render(value, {"request": request})
    request.is_preview = False
    assert block.render(value, {"request": request}).strip() == ""


def test_screening_context_without_any_dates():
    screening = ScreeningFactory(first_date=in_days(2))
    screening.occurrences.all().delete()

    context = screening_context(screening, None)

    assert context["upcoming"] == []
    assert context["has_taken_place"] is False
    assert context["bookable"] is False


def test_query_count_does_not_grow_with_shows_per_screening(
    client, settings, django_assert_max_num_queries
):
    settings.PROGRAMME_PAGE_CACHE = False  # count the render, not a cache hit
    """Five screening blocks: the same queries whether each has one show or five."""
    venue = VenuePageFactory()
    screen = ScreenFactory(venue=venue)
    screenings = [
        ScreeningFactory(
            venue=venue,
            screen=screen,
            first_date=in_days(1),
            show_times="19:30",
            price_table=PriceTableFactory(),
            ticket_url="https://tickets.example/",
            access_flags=["audio-described", "captioned"],
            seasons=[SeasonPageFactory()],
        )
        for _ in range(5)
    ]
    article = publish_article([screening_block(s, dates_shown=5) for s in screenings])

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            html = read(client, article)
        return len(queries), html

    read(client, article)  # warm the site-root cache, as any earlier request would
    one_show, html = count_queries()
    assert html.count('class="show-date ') == 5

    for screening in screenings:
        screening.show_times = "11:00, 13:00, 15:00, 17:00, 19:30"
        screening.save()
    five_shows, html = count_queries()
    assert html.count('class="show-date ') == 25

    assert five_shows == one_show
    with django_assert_max_num_queries(30):
        read(client, article)


# -- The other blocks ---------------------------------------------------------------------


@pytest.fixture
def cached_trailer():
    """The trailer's oEmbed answer, stored as Wagtail caches it: tests never go online."""
    return Embed.objects.create(
        url=TRAILER,
        hash=get_embed_hash(TRAILER),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/trailer123" title="Trailer">'
        "</iframe>",
        title="The Red Soul trailer",
        provider_name="YouTube",
    )


def test_every_block_renders_on_an_article(client, screening, cached_trailer):
    director = PersonFactory(
        name="Jessica Gorter",
        bio="<p>Trained as a documentary director in Amsterdam.</p>",
        portrait=ImageFactory(),
        portrait_credit="© Jochem Jurgens",
    )
    film = screening.film
    film.poster = ImageFactory()
    film.poster_credit = "© Icarus Films"
    film.countries = ["NL"]
    film.runtime_minutes = 97
    film.credits = [FilmCredit(role="director", person=director)]
    film.save_revision().publish()
    venue = screening.venue
    venue.street_address = "36-01 35 Avenue"
    venue.description = "<p>A museum of film, television and digital media.</p>"
    venue.save_revision().publish()
    partner = OrganisationFactory(
        name="DutchCulture USA", website="https://dutchculture.example/", logo=ImageFactory()
    )
    plain_partner = OrganisationFactory(name="Reel Friends Society")
    season = screening.seasons.get()

    article = publish_article(
        [
            ("rich_text", '<p>An evening with <a href="https://example.org/">Gorter</a>.</p>'),
            ("heading", {"text": "About the film", "level": "h3"}),
            (
                "image",
                {
                    "image": {
                        "image": ImageFactory(),
                        "alt_text": "A father and daughter in a forest",
                        "decorative": False,
                    },
                    "caption": "Searching for a burial site.",
                    "credit": "© Icarus Films",
                },
            ),
            (
                "quote",
                {
                    "kind": "press",
                    "text": "A careful portrait of a divided country.",
                    "attribution": "A critic",
                    "source": "The Film Weekly",
                    "url": "https://example.org/review",
                },
            ),
            ("embed", {"video": TRAILER, "title": "Trailer", "caption": ""}),
            screening_block(screening),
            ("film_card", {"film": film, "show_next_screening": True}),
            ("price_table", {"table": screening.price_table, "caption": "Tickets at the museum"}),
            ("venue", {"venue": venue, "show_description": True}),
            ("person", {"person": director, "role": "Director", "show_portrait": True}),
            (
                "call_to_action",
                {"label": "Order your tickets", "page": None, "url": "https://t.example/"},
            ),
            ("call_to_action", {"label": "The whole season", "page": season, "url": ""}),
            (
                "partner_logos",
                {"heading": "Supported by", "organisations": [partner, plain_partner]},
            ),
        ]
    )

    html = read(client, article)

    assert 'An evening with <a href="https://example.org/">Gorter</a>.' in html
    assert '<h3 class="block-heading">About the film</h3>' in html
    assert 'alt="A father and daughter in a forest"' in html
    assert "Searching for a burial site." in html and "© Icarus Films" in html
    assert "<cite>The Film Weekly</cite>" in html and "A careful portrait" in html
    assert "youtube-nocookie.com/embed/trailer123" in html and f'href="{TRAILER}"' in html
    # Film card: picture credit, facts, director and next screening.
    assert "Directed by" in html and "Jessica Gorter" in html
    assert "Netherlands 2017 · 97 min" in html
    assert "Next screening:" in html
    # Price table with the editor's caption.
    assert "<caption>Tickets at the museum</caption>" in html
    # Venue, person, buttons, partners.
    assert "36-01 35 Avenue" in html and "A museum of film, television and digital media." in html
    assert "Trained as a documentary director in Amsterdam." in html
    assert "© Jochem Jurgens" in html and "Director" in html
    assert 'href="https://t.example/"' in html and "Order your tickets" in html
    assert f'href="{season.url}"' in html and "The whole season" in html
    assert 'alt="DutchCulture USA"' in html and 'href="https://dutchculture.example/"' in html
    assert "Reel Friends Society" in html


def test_embed_that_cannot_be_fetched_still_links_to_the_video(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise EmbedNotFoundException

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", unreachable)

    html = read(
        client, publish_article([("embed", {"video": TRAILER, "title": "", "caption": ""})])
    )

    assert "<iframe" not in html
    assert f'href="{TRAILER}"' in html


def test_film_card_without_poster_uses_a_still_and_hides_unpublished_films(client):
    from programme.models import FilmImage

    film = FilmPageFactory(title="The Harbour at Night")
    film.images = [FilmImage(image=ImageFactory(), caption="Cranes", credit="© Harbour Films")]
    film.save_revision().publish()
    article = publish_article([("film_card", {"film": film, "show_next_screening": True})])

    html = read(client, article)
    assert "© Harbour Films" in html
    assert "No screenings are scheduled at the moment." in html

    film.unpublish()
    assert "The Harbour at Night" not in read(client, article)


def test_blocks_with_deleted_snippets_render_nothing(client):
    person = PersonFactory(name="Someone Gone")
    partner = OrganisationFactory(name="Gone Partner")
    prices = PriceTableFactory(name="Gone prices")
    article = publish_article(
        [
            ("person", {"person": person, "role": "", "show_portrait": True}),
            ("partner_logos", {"heading": "Thanks", "organisations": [partner]}),
            ("price_table", {"table": prices, "caption": ""}),
        ]
    )
    person.delete()
    partner.delete()
    prices.delete()

    html = read(client, article)

    assert "Someone Gone" not in html and "Gone Partner" not in html and "Gone prices" not in html
    assert "block-partners" not in html


def test_call_to_action_needs_exactly_one_destination():
    block = ProgrammeStreamBlock().child_blocks["call_to_action"]
    season = SeasonPageFactory()

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Go", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"label": "Go", "page": season.pk, "url": "https://x.example/"})
        )
    assert block.clean(block.to_python({"label": "Go", "page": None, "url": "https://x.example/"}))


def test_heading_levels():
    block = ProgrammeStreamBlock().child_blocks["heading"]
    for level in ("h2", "h3", "h4"):
        html = block.render(block.to_python({"text": "Dates", "level": level}))
        assert f'<{level} class="block-heading">Dates</{level}>' in html


def test_every_block_declares_icon_template_and_description():
    for name, block in ProgrammeStreamBlock().child_blocks.items():
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.meta.template == f"programme/blocks/{name}.html", name
        assert block.meta.description, name


def test_stream_loads_chosen_objects_in_bulk(screening, django_assert_max_num_queries):
    """Choosers fetch every chosen screening and its relations in a fixed number of queries."""
    others = [
        ScreeningFactory(venue=screening.venue, price_table=PriceTableFactory()) for _ in range(4)
    ]
    stream_block = ProgrammeStreamBlock()
    raw = [
        {"type": "screening", "value": {"screening": s.pk, "dates_shown": 1, "show_prices": True}}
        for s in [screening, *others]
    ]
    value = StreamValue(stream_block, raw, is_lazy=True)

    with django_assert_max_num_queries(6):
        chosen = [child.value["screening"] for child in value]
        for item in chosen:
            list(item.access_flags.all())
            list(item.seasons.all())
            list(item.effective_price_table.rows.all())
            assert item.film.title and item.venue.title
    assert len(chosen) == 5


# -- Admin: where a screening is used -----------------------------------------------------


def test_screening_usage_lists_articles_that_embed_it(admin_client, screening):
    article = publish_article([screening_block(screening)], title="The Red Soul in Queens")

    references = ReferenceIndex.get_references_to(screening)
    assert article.pk in {int(ref.object_id) for ref in references}

    url = reverse(Screening.snippet_viewset.get_url_name("usage"), args=[screening.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "The Red Soul in Queens" in response.content.decode()
