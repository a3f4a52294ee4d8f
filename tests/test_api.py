"""The read-only API: occurrences with filters and errors, page fields, privacy, CORS, methods."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from programme.api.fields import UPCOMING_LIMIT
from programme.models import (
    AccessFlag,
    ArticleIndexPage,
    ArticlePage,
    Occurrence,
    Screening,
    ScreeningLabel,
)
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

DAY = datetime.timedelta(days=1)
SHOWS = "/api/v2/occurrences/"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    # Response caching has its own tests (test_caching.py); here every request is fresh.
    settings.PROGRAMME_PAGE_CACHE = False
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def new_york():
    prices = PriceTableFactory(
        name="Film Forum prices",
        currency="USD",
        rows=[("Adult", "17.00", ""), ("Member", "9.50", "with a card")],
    )
    return VenuePageFactory(
        title="Film Forum",
        slug="film-forum",
        time_zone="America/New_York",
        locality="New York",
        country="US",
        default_price_table=prices,
    )


def get_json(client, url: str, status: int = 200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def shows(client, query: str = "", status: int = 200):
    return get_json(client, SHOWS + query, status=status)


def ids(data) -> list[int]:
    return [item["id"] for item in data["items"]]


def show(film, venue, day: datetime.date, times: str = "19:30", **fields) -> Screening:
    return ScreeningFactory(film=film, venue=venue, first_date=day, show_times=times, **fields)


def occurrence_ids(screening: Screening) -> list[int]:
    return list(screening.occurrences.order_by("start").values_list("pk", flat=True))


# -- One show, in full ----------------------------------------------------------------


def test_a_show_has_times_with_offsets_prices_labels_and_links(client, new_york, today):
    winter = datetime.date(today.year + 1, 1, 15)
    summer = datetime.date(today.year + 1, 7, 15)
    film = FilmPageFactory(title="Stalker", runtime_minutes=161)
    screen = ScreenFactory(venue=new_york, name="Screen 2")
    season = SeasonPageFactory(title="Tarkovsky")
    draft_season = SeasonPageFactory(title="Not yet announced", live=False)
    quiz = ScreeningLabel.objects.create(slug="members", name="Members only")
    screening = show(
        film,
        new_york,
        winter,
        "19:30",
        screen=screen,
        seasons=[season, draft_season],
        access_flags=["captioned"],
        premiere="national",
        q_and_a_with="the restorer",
        language_version="original_subtitled",
        audio_language="ru",
        subtitle_language="en",
        ticket_url="https://tickets.example/stalker",
    )
    screening.labels.add(quiz)
    screening.save()
    summer_screening = show(film, new_york, summer, "19:30")

    data = shows(client, f"?from={winter}")
    assert data["meta"]["total_count"] == 2
    item, later = data["items"]
    [pk] = occurrence_ids(screening)
    assert item["id"] == pk
    # The venue's offset on that date: EST in January, EDT in July.
    assert item["start"] == f"{winter}T19:30:00-05:00"
    assert item["end"] == f"{winter}T22:11:00-05:00"
    assert later["start"] == f"{summer}T19:30:00-04:00"
    assert later["id"] == occurrence_ids(summer_screening)[0]
    assert item["time_zone"] == "America/New_York"
    assert item["business_date"] == winter.isoformat()
    assert item["meta"]["type"] == "programme.Occurrence"
    assert item["meta"]["detail_url"].endswith(f"/api/v2/occurrences/{pk}/")
    assert item["meta"]["html_url"].endswith(f"/films/stalker/#show-{pk}")
    assert item["title"] == "Stalker"
    assert item["film"]["id"] == film.pk
    assert item["film"]["title"] == "Stalker"
    assert item["film"]["url"].endswith("/films/stalker/")
    assert item["film"]["api_url"].endswith(f"/api/v2/pages/{film.pk}/")
    assert item["venue"]["id"] == new_york.pk
    assert item["venue"]["url"].endswith("/venues/film-forum/")
    assert item["screen"]["name"] == "Screen 2"
    assert [season["title"] for season in item["seasons"]] == ["Tarkovsky"]
    assert item["status"] == "scheduled"
    assert item["cancelled"] is False
    assert {label["slug"]: label["name"] for label in item["labels"]} == {
        "premiere": "National premiere",
        "qa": "Q&A with the restorer",
        "members": "Members only",
    }
    assert [flag["slug"] for flag in item["access"]] == ["captioned"]
    assert item["access"][0]["abbreviation"] == "CC"
    assert item["language"] == {
        "version": "original_subtitled",
        "version_name": "Original version with subtitles",
        "audio": "ru",
        "audio_name": "Russian",
        "subtitles": "en",
        "subtitles_name": "English",
        "description": "Russian original version with English subtitles",
    }
    prices = item["prices"]
    assert prices["currency"] == "USD"
    assert prices["from_amount"] == "9.50"
    assert [
        (row["label"], row["amount"], row["currency"], row["conditions"]) for row in prices["rows"]
    ] == [("Adult", "17.00", "USD", ""), ("Member", "9.50", "USD", "with a card")]
    assert "17" in prices["rows"][0]["formatted"] and "$" in prices["rows"][0]["formatted"]
    assert item["ticket_url"] == "https://tickets.example/stalker"
    occurrence = Occurrence.objects.get(pk=pk)
    assert item["ics_url"].endswith(f"{occurrence.screening.film.url}calendar/{pk}/")
    assert later["ticket_url"] is None
    assert later["labels"] == []

    # The show's own address gives the same item.
    assert get_json(client, item["meta"]["detail_url"]) == item
    # And its calendar file is there.
    assert client.get(item["ics_url"]).status_code == 200


def test_a_single_cancelled_show_and_its_note(client, new_york, today):
    screening = show(FilmPageFactory(), new_york, today + DAY, "14:00, 19:30")
    matinee, evening = Occurrence.objects.filter(screening=screening).order_by("start")
    matinee.status_override = "cancelled"
    matinee.note = "Print damaged in transit"
    matinee.save()

    first, second = shows(client)["items"]
    assert (first["status"], first["cancelled"], first["show_note"]) == (
        "cancelled",
        True,
        "Print damaged in transit",
    )
    assert first["screening_status"] == "scheduled"
    assert (second["status"], second["cancelled"]) == ("scheduled", False)
    assert ids(shows(client, "?status=cancelled")) == [matinee.pk]
    assert ids(shows(client, "?status=scheduled")) == [evening.pk]


def test_a_late_show_belongs_to_the_evening_before(client, new_york, today):
    evening = today + 3 * DAY
    screening = show(FilmPageFactory(), new_york, evening, "00:30")
    [pk] = occurrence_ids(screening)
    [item] = shows(client, f"?date={evening}")["items"]
    assert item["id"] == pk
    assert item["start"].startswith(f"{evening + DAY}T00:30:00")
    assert item["business_date"] == evening.isoformat()
    assert shows(client, f"?date={evening + DAY}")["items"] == []


# -- Filters, ordering, pagination ----------------------------------------------------------


@pytest.fixture
def programme(new_york, today):
    """Shows across two venues, films, seasons (one with a strand), labels and languages."""
    london = VenuePageFactory(title="Riverside", slug="riverside")
    screen = ScreenFactory(venue=london, name="Big screen")
    festival = SeasonPageFactory(title="Festival", slug="festival")
    strand = SeasonPageFactory(title="Shorts strand", slug="shorts-strand", parent=festival)
    mirror = FilmPageFactory(title="Mirror", slug="mirror")
    solaris = FilmPageFactory(title="Solaris", slug="solaris")
    short = FilmPageFactory(title="A short", slug="a-short", runtime_minutes=10)
    quiz = ScreeningLabel.objects.create(slug="members", name="Members only")
    screenings = {
        "mirror-nyc": show(mirror, new_york, today + DAY, premiere="world", seasons=[festival]),
        "mirror-london": show(
            mirror,
            london,
            today + 2 * DAY,
            screen=screen,
            access_flags=["captioned", "relaxed"],
            language_version="dubbed",
            seasons=[strand],
        ),
        "solaris-london": show(
            solaris,
            london,
            today + 3 * DAY,
            access_flags=["captioned"],
            language_version="original",
            subtitle_language="fr",
            short_before=short,
        ),
        "solaris-past": show(solaris, london, today - 5 * DAY),
    }
    screenings["solaris-london"].labels.add(quiz)
    screenings["solaris-london"].save()
    return {
        "london": london,
        "screen": screen,
        "festival": festival,
        "strand": strand,
        "mirror": mirror,
        "solaris": solaris,
        **{name: occurrence_ids(screening)[0] for name, screening in screenings.items()},
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["mirror-nyc", "mirror-london", "solaris-london"]),
        ("?order=-start", ["solaris-london", "mirror-london", "mirror-nyc"]),
        ("?venue=riverside", ["mirror-london", "solaris-london"]),
        ("?venue={london.pk}", ["mirror-london", "solaris-london"]),
        ("?screen={screen.pk}", ["mirror-london"]),
        ("?film=mirror", ["mirror-nyc", "mirror-london"]),
        ("?film={solaris.pk}", ["solaris-london"]),
        ("?season=festival", ["mirror-nyc", "mirror-london"]),
        ("?season=shorts-strand", ["mirror-london"]),
        ("?access=captioned", ["mirror-london", "solaris-london"]),
        ("?access=captioned&access=relaxed", ["mirror-london"]),
        ("?label=premiere", ["mirror-nyc"]),
        ("?label=short", ["solaris-london"]),
        ("?label=members", ["solaris-london"]),
        ("?language_version=dubbed", ["mirror-london"]),
        ("?language_version=original_subtitled", ["solaris-london"]),
        ("?subtitles=fr", ["solaris-london"]),
        ("?status=cancelled", []),
        ("?from={past}", ["solaris-past", "mirror-nyc", "mirror-london", "solaris-london"]),
        ("?from={past}&to={past}", ["solaris-past"]),
        ("?to={in2}", ["mirror-nyc", "mirror-london"]),
        ("?date={in3}", ["solaris-london"]),
        ("?from={in2}&venue=riverside&access=captioned", ["mirror-london", "solaris-london"]),
    ],
)
def test_filters(client, programme, today, query, expected):
    query = query.format(
        past=today - 5 * DAY,
        in2=today + 2 * DAY,
        in3=today + 3 * DAY,
        **{key: value for key, value in programme.items() if not isinstance(value, int)},
    )
    assert ids(shows(client, query)) == [programme[name] for name in expected]


def test_pagination_counts_every_match(client, programme, today):
    first = shows(client, "?limit=2")
    assert first["meta"]["total_count"] == 3
    assert ids(first) == [programme["mirror-nyc"], programme["mirror-london"]]
    rest = shows(client, "?limit=2&offset=2")
    assert rest["meta"]["total_count"] == 3
    assert ids(rest) == [programme["solaris-london"]]
    assert shows(client, "?offset=10")["items"] == []


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?date=2026-02-30", ["date", "not a date"]),
        ("?from=tomorrow", ["from", "YYYY-MM-DD"]),
        ("?from=20260101", ["from", "not a date"]),
        ("?from={in3}&to={in2}", ["to", "before from"]),
        ("?date={in2}&from={in2}", ["date", "not both"]),
        ("?from=2999-01-01", ["from", "years away"]),
        ("?venue=nowhere", ["venue", "nowhere"]),
        ("?venue=a%20b", ["venue", "not an id or a slug"]),
        ("?venue=99999999999", ["venue", "no venue"]),
        ("?screen=big", ["screen", "not a screen id"]),
        ("?screen=-1", ["screen", "not a screen id"]),
        ("?screen=999999", ["screen", "no screen"]),
        ("?film=stalker", ["film", "no film"]),
        ("?season=summer", ["season", "no season"]),
        ("?access=wheelchair", ["access", "wheelchair"]),
        ("?label=famous", ["label", "famous"]),
        ("?status=postponed-ish", ["status", "not one of"]),
        ("?language_version=klingon", ["language_version", "not one of"]),
        ("?subtitles=xx", ["subtitles", "ISO 639"]),
        ("?order=title", ["order", "not one of"]),
        ("?limit=101", ["limit", "higher than 100"]),
        ("?limit=ten", ["limit", "positive integer"]),
        ("?offset=-1", ["offset", "positive integer"]),
        ("?offset=99999999999999999999", ["offset", "higher than"]),
        ("?venue=riverside&venue=film-forum", ["venue", "once"]),
        ("?venue=", ["venue", "empty"]),
        ("?fields=title", ["not an operation or a recognised field", "fields"]),
        ("?colour=blue", ["not an operation or a recognised field", "colour"]),
        ("?date=%00", ["date", "not a date"]),
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, programme, today, query, words):
    query = query.format(in2=today + 2 * DAY, in3=today + 3 * DAY)
    message = shows(client, query, status=400)["message"]
    for word in words:
        assert word in message, (query, message)


def test_bad_parameters_on_wagtails_endpoints_are_a_400_too(client, programme):
    for url in [
        "/api/v2/pages/?type=programme.SeasonPage&start_date=soon",
        "/api/v2/pages/?type=programme.VenuePage&latitude=north",
        "/api/v2/pages/?type=programme.Occurrence",
        "/api/v2/pages/?offset=99999999999999999999",
        "/api/v2/pages/?limit=1000",
        "/api/v2/pages/?colour=blue",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/images/?offset=99999999999999999999",
        "/api/v2/documents/?colour=blue",
    ]:
        assert get_json(client, url, status=400)["message"], url
    # Values of the right kind still filter.
    films = get_json(client, "/api/v2/pages/?type=programme.FilmPage&year=2020&order=title")
    assert [item["title"] for item in films["items"]] == ["A short", "Mirror", "Solaris"]


def test_a_show_that_does_not_exist_is_a_json_404(client, programme):
    assert get_json(client, f"{SHOWS}999999/", status=404)["message"]
    assert get_json(client, f"{SHOWS}99999999999999999999999/", status=404)["message"]


# -- Query counts ---------------------------------------------------------------------------


def _programme_of(count: int, venue, today) -> None:
    flags = ["captioned", "relaxed"]
    label = ScreeningLabel.objects.create(slug=f"label-{count}", name="Label")
    for number in range(count):
        screening = show(
            FilmPageFactory(),
            VenuePageFactory() if number % 2 else venue,
            today + (number + 1) * DAY,
            seasons=[SeasonPageFactory()],
            access_flags=flags,
            premiere="local",
            short_before=FilmPageFactory(),
            price_table=PriceTableFactory() if number % 3 else None,
        )
        screening.labels.add(label)
        screening.programme_films.add(FilmPageFactory())
        screening.save()


def test_a_listing_costs_the_same_queries_whatever_its_length(client, new_york, today):
    PageViewRestriction.objects.create(
        page=FilmPageFactory(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    _programme_of(12, new_york, today)
    shows(client)  # the site's root paths are read once, then cached

    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            data = shows(client, query)
        return len(queries), len(data["items"])

    few, few_items = count("?limit=2")
    many, many_items = count("?limit=12")
    filtered, _items = count("?limit=12&venue=film-forum&access=captioned&label=premiere")
    assert (few_items, many_items) == (2, 12)
    assert few == many
    assert filtered <= many + 3  # one lookup per named venue, flag and label
    assert many <= 15


def test_a_film_detail_costs_the_same_queries_whatever_its_credits_stills_and_shows(
    client, new_york, today
):
    def film_with(count: int):
        film = FilmPageFactory()
        for number in range(count):
            film.credits.create(role="cast", person=PersonFactory(), character=f"Part {number}")
            film.quotes.create(text=f"Quote {number}")
            film.awards.create(name=f"Award {number}")
            film.images.create(image=ImageFactory(), credit=f"Still {number}")
        film.save()
        for number in range(count):
            show(film, new_york, today + (number + 1) * DAY, access_flags=["captioned"])
        return film

    def count(film) -> int:
        url = f"/api/v2/pages/{film.pk}/"
        get_json(client, url)  # renditions are made on the first request, then reused
        with CaptureQueriesContext(connection) as queries:
            get_json(client, url)
        return len(queries)

    assert count(film_with(1)) == count(film_with(6))


# -- What is never shown ----------------------------------------------------------------------


@pytest.fixture
def hidden(new_york, today):
    """A public show, and shows of a draft film, at an unpublished venue and of a private film."""
    public_film = FilmPageFactory(title="Public film", slug="public-film")
    draft_film = FilmPageFactory(title="Draft film", slug="draft-film", live=False)
    private_film = FilmPageFactory(title="Private film", slug="private-film")
    PageViewRestriction.objects.create(
        page=private_film, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    closed_venue = VenuePageFactory(title="Closed venue", slug="closed-venue")
    closed_venue.unpublish()
    day = today + DAY
    public = show(public_film, new_york, day, short_before=private_film)
    public_film.related_films.create(related=draft_film)
    public_film.related_films.create(related=private_film)
    public_film.save()
    return {
        "public": public,
        "public_film": public_film,
        "draft": show(draft_film, new_york, day),
        "closed": show(public_film, closed_venue, day),
        "private": show(private_film, new_york, day),
        "draft_film": draft_film,
        "private_film": private_film,
        "closed_venue": closed_venue,
    }


def test_drafts_unpublished_venues_and_private_films_never_leak(client, hidden):
    listing = shows(client)
    assert ids(listing) == occurrence_ids(hidden["public"])
    item = listing["items"][0]
    # The private short is named only as "a short film".
    assert item["short_before"] is None
    assert {label["slug"]: label["name"] for label in item["labels"]} == {
        "short": "Short film before"
    }
    for name in ("draft", "closed", "private"):
        [pk] = occurrence_ids(hidden[name])
        assert get_json(client, f"{SHOWS}{pk}/", status=404)
    for query in ("?film=draft-film", "?film=private-film", "?venue=closed-venue"):
        assert shows(client, query, status=400)["message"]
    for key in ("draft_film", "private_film", "closed_venue"):
        assert get_json(client, f"/api/v2/pages/{hidden[key].pk}/", status=404)

    pages = get_json(client, "/api/v2/pages/?limit=20")
    titles = {page["title"] for page in pages["items"]}
    assert "Public film" in titles
    assert titles.isdisjoint({"Draft film", "Private film", "Closed venue"})

    film = get_json(client, f"/api/v2/pages/{hidden['public_film'].pk}/")
    assert film["related_films"] == []
    assert [show["venue"]["title"] for show in film["upcoming_occurrences"]] == ["Film Forum"]


def test_a_private_section_hides_everything_below_it(client, new_york, today):
    film = FilmPageFactory(title="Under a private index")
    show(film, new_york, today + DAY)
    PageViewRestriction.objects.create(
        page=film.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert shows(client)["items"] == []
    assert get_json(client, f"/api/v2/pages/{film.pk}/", status=404)


def test_an_unlocked_password_does_not_open_the_api(client, hidden):
    private_film = hidden["private_film"]
    restriction = PageViewRestriction.objects.get(page=private_film)
    session = client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    # The site lets this reader in…
    assert client.get(private_film.url).status_code == 200
    # …the API does not.
    assert get_json(client, f"/api/v2/pages/{private_film.pk}/", status=404)
    listing = get_json(client, "/api/v2/pages/?type=programme.FilmPage")
    assert private_film.pk not in ids(listing)
    assert ids(shows(client)) == occurrence_ids(hidden["public"])


# -- Page fields ------------------------------------------------------------------------------


def test_film_fields(client, new_york, today):
    director = PersonFactory(name="Andrei Tarkovsky")
    distributor = OrganisationFactory(name="Curzon", email="films@curzon.example")
    film = FilmPageFactory(
        title="Stalker",
        year=1979,
        countries=["RU"],
        spoken_languages=["ru"],
        runtime_minutes=161,
        synopsis="<p>A guide leads two men into the Zone.</p>",
        distributor=distributor,
    )
    film.credits.create(role="director", person=director, sort_order=0)
    film.credits.create(
        role="cast", credited_name="Alisa Freyndlikh", character="Wife", sort_order=1
    )
    film.credits.create(role="music", credited_name="Eduard Artemyev", is_main=False, sort_order=2)
    film.quotes.create(text="A masterpiece.", publication="Sight and Sound", author="Critic")
    film.awards.create(name="Prize of the Ecumenical Jury", festival="Cannes", year=1980)
    film.images.create(
        image=ImageFactory(file__width=1600, file__height=900),
        caption="The Zone",
        credit="© Mosfilm",
    )
    related = FilmPageFactory(title="Solaris")
    film.related_films.create(related=related)
    film.subjects.add("Science fiction")
    film.save()
    season = SeasonPageFactory(title="Tarkovsky")
    show(film, new_york, today + DAY, seasons=[season])
    for number in range(UPCOMING_LIMIT + 5):
        show(film, new_york, today + (number + 2) * DAY)

    data = get_json(client, f"/api/v2/pages/{film.pk}/")
    assert data["meta"]["type"] == "programme.FilmPage"
    assert (data["year"], data["runtime_minutes"]) == (1979, 161)
    assert data["countries"] == [{"code": "RU", "name": "Russia"}]
    assert data["spoken_languages"] == [{"code": "ru", "name": "Russian"}]
    assert "the Zone" in data["synopsis"]
    assert [(group["role"], group["main"]) for group in data["credits"]] == [
        ("Director", True),
        ("Cast", True),
        ("Music", False),
    ]
    director_credit = data["credits"][0]["credits"][0]
    assert director_credit["name"] == "Andrei Tarkovsky"
    assert director_credit["person"]["id"] == director.pk
    assert director_credit["person"]["name"] == "Andrei Tarkovsky"
    assert data["credits"][1]["credits"][0]["character"] == "Wife"
    assert data["quotes"] == [
        {
            "text": "A masterpiece.",
            "source": "Critic, Sight and Sound",
            "publication": "Sight and Sound",
            "author": "Critic",
            "url": "",
        }
    ]
    assert data["awards"][0]["festival"] == "Cannes"
    assert data["subjects"] == ["Science fiction"]
    assert data["distributor"]["email"] == "films@curzon.example"
    assert data["world_sales"] is None
    [still] = data["stills"]
    assert (still["caption"], still["credit"]) == ("The Zone", "© Mosfilm")
    assert still["large"]["url"].startswith("/media/images/")
    assert (still["card"]["width"], still["card"]["height"]) == (480, 270)
    assert [film["title"] for film in data["related_films"]] == ["Solaris"]
    assert [season["title"] for season in data["seasons"]] == ["Tarkovsky"]
    upcoming = data["upcoming_occurrences"]
    assert len(upcoming) == UPCOMING_LIMIT
    assert upcoming[0]["business_date"] == (today + DAY).isoformat()
    assert upcoming[0]["seasons"][0]["title"] == "Tarkovsky"
    assert [show["start"] for show in upcoming] == sorted(show["start"] for show in upcoming)


def test_season_venue_and_listing_fields(client, new_york, today):
    festival = SeasonPageFactory(title="Festival", kind="festival", intro="<p>Ten days.</p>")
    strand = SeasonPageFactory(title="Strand", kind="strand", parent=festival)
    SeasonPageFactory(title="Draft strand", parent=festival, live=False)
    festival.partners.create(organisation=OrganisationFactory(name="Embassy"), role="Supported by")
    festival.save()
    screen = ScreenFactory(venue=new_york, name="Screen 1", wheelchair_spaces=4)
    in_strand = FilmPageFactory(title="In the strand")
    show(in_strand, new_york, today + DAY, seasons=[strand], screen=screen)

    data = get_json(client, f"/api/v2/pages/{festival.pk}/")
    assert (data["kind"], data["start_date"]) == ("festival", festival.start_date.isoformat())
    assert "Ten days" in data["intro"]
    assert data["partners"][0]["role"] == "Supported by"
    assert data["partners"][0]["organisation"]["name"] == "Embassy"
    assert [film["title"] for film in data["films"]] == ["In the strand"]
    assert [page["title"] for page in data["strands"]] == ["Strand"]
    assert [show["film"]["title"] for show in data["upcoming_occurrences"]] == ["In the strand"]

    venue = get_json(client, f"/api/v2/pages/{new_york.pk}/")
    assert venue["time_zone"] == "America/New_York"
    assert venue["country"] == {"code": "US", "name": "United States of America"}
    assert venue["screens"][0]["wheelchair_spaces"] == 4
    assert set(venue["access"]) >= {"step_free_access", "hearing_loop", "wheelchair_spaces"}
    assert venue["default_prices"]["rows"][1]["amount"] == "9.50"
    assert venue["upcoming_occurrences"][0]["venue"]["id"] == new_york.pk

    # Every field of every page type serialises, in listings too.
    for page_type in ("FilmPage", "SeasonPage", "VenuePage"):
        listing = get_json(client, f"/api/v2/pages/?type=programme.{page_type}&fields=*")
        assert listing["items"], page_type


def test_article_blocks_carry_their_objects_not_ids(client, new_york, today):
    film = FilmPageFactory(title="Mirror")
    draft = FilmPageFactory(title="Draft", live=False)
    prices = PriceTableFactory(name="Members", rows=[("Member", "0", ""), ("Guest", "5.5", "")])
    screening = show(film, new_york, today + DAY, "14:00, 19:30")
    hidden_screening = show(draft, new_york, today + DAY)
    private_venue = VenuePageFactory(title="Members' club")
    PageViewRestriction.objects.create(page=private_venue, restriction_type="login")
    show(film, private_venue, today + DAY, "09:00")  # earlier, where the API cannot say
    index = ArticleIndexPage(title="Journal", slug="journal")
    home_page().add_child(instance=index)
    article = ArticlePage(
        title="Mirror returns",
        date=today,
        intro="A new restoration.",
        body=[
            ("screening", {"screening": screening, "dates_shown": 1, "show_prices": True}),
            ("screening", {"screening": hidden_screening, "dates_shown": None}),
            ("film_card", {"film": film, "show_next_screening": True}),
            ("film_card", {"film": draft, "show_next_screening": True}),
            ("price_table", {"table": prices, "caption": ""}),
        ],
    )
    index.add_child(instance=article)
    article.related_films.add(film, draft)
    article.save_revision().publish()

    data = get_json(client, f"/api/v2/pages/{article.pk}/")
    assert data["intro"] == "A new restoration."
    assert [film["title"] for film in data["related_films"]] == ["Mirror"]
    first, second, card, hidden_card, table = (block["value"] for block in data["body"])
    assert first["screening"]["film"]["title"] == "Mirror"
    assert first["screening"]["venue"]["id"] == new_york.pk
    assert first["screening"]["prices"]["currency"] == "USD"
    assert [item["id"] for item in first["upcoming"]] == occurrence_ids(screening)[:1]
    assert first["upcoming"][0]["start"].endswith(("-05:00", "-04:00"))
    assert first["more_dates"] is True
    assert second["screening"] is None and second["upcoming"] == []
    assert card["film"]["title"] == "Mirror"
    assert card["next_show"]["id"] == occurrence_ids(screening)[0]
    assert hidden_card["film"] is None and hidden_card["next_show"] is None
    assert [(row["label"], row["amount"]) for row in table["table"]["rows"]] == [
        ("Member", "0.00"),
        ("Guest", "5.50"),
    ]
    assert table["table"]["rows"][0]["formatted"] == "Free"


# -- Read-only, and CORS ----------------------------------------------------------------------


def test_the_api_only_reads(client, programme):
    occurrence = Occurrence.objects.first()
    urls = [SHOWS, f"{SHOWS}{occurrence.pk}/", "/api/v2/pages/", "/api/v2/openapi.json"]
    for url in urls:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, data={}, content_type="application/json")
            assert response.status_code == 405, (method, url)
        assert client.head(url).status_code == 200
    assert Occurrence.objects.filter(pk=occurrence.pk).exists()


def test_cors_follows_the_setting_and_stays_on_the_api(client, settings, programme):
    settings.CORS_ALLOWED_ORIGINS = ["https://boxoffice.example"]
    origin = {"HTTP_ORIGIN": "https://boxoffice.example"}
    response = client.get(SHOWS, **origin)
    assert response["Access-Control-Allow-Origin"] == "https://boxoffice.example"
    preflight = client.options(
        SHOWS, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", HTTP_ORIGIN="https://boxoffice.example"
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://boxoffice.example"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # Another origin, and pages outside /api/, get no CORS headers.
    other = client.get(SHOWS, HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other
    film_page = client.get(programme["mirror"].url, **origin)
    assert film_page.status_code == 200
    assert "Access-Control-Allow-Origin" not in film_page


def test_the_openapi_document_describes_the_occurrences_parameters(client):
    document = get_json(client, "/api/v2/openapi.json")
    assert document["openapi"].startswith("3.")
    listing = document["paths"]["/api/v2/occurrences/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert names >= {"date", "from", "to", "venue", "screen", "film", "season", "access"}
    assert names >= {"label", "status", "language_version", "order", "limit", "offset"}
    assert set(listing["responses"]) == {"200", "400"}
    assert "/api/v2/occurrences/{id}/" in document["paths"]
    assert document["components"]["schemas"]["Occurrence"]["properties"]["prices"]


def test_images_of_private_collections_stay_private(client):
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Press kit")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="press"
    )
    public_image = ImageFactory(title="Public still")
    private_image = ImageFactory(title="Embargoed still", collection=private)
    session = client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    listing = get_json(client, "/api/v2/images/")
    assert ids(listing) == [public_image.pk]
    assert get_json(client, f"/api/v2/images/{private_image.pk}/", status=404)


def test_prices_keep_their_currency_and_decimals(client, today):
    venue = VenuePageFactory(
        time_zone="Europe/Berlin",
        default_price_table=PriceTableFactory(currency="EUR", rows=[("Normal", "8.5", "")]),
    )
    show(FilmPageFactory(), venue, today + DAY)
    row = shows(client)["items"][0]["prices"]["rows"][0]
    assert (row["amount"], row["currency"]) == ("8.50", "EUR")
    assert Decimal(row["amount"]) == Decimal("8.5")
    assert "€" in row["formatted"]


def test_access_flags_are_the_rows_editors_add(client, new_york, today):
    AccessFlag.objects.create(slug="autism-friendly", name="Autism-friendly")
    screening = show(FilmPageFactory(), new_york, today + DAY, access_flags=["autism-friendly"])
    assert ids(shows(client, "?access=autism-friendly")) == occurrence_ids(screening)


# -- hostile search queries -----------------------------------------------------------------

SEARCH_ENDPOINTS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]
#: Each is sanitised to its words: a 200, and nothing found when it has none.
HOSTILE_SEARCHES = ['"', " ", "!?.,;", "*", "AND", "OR OR", 'red "soul', "(", "x" * 5000]


@pytest.mark.parametrize("endpoint", SEARCH_ENDPOINTS)
@pytest.mark.parametrize("search", HOSTILE_SEARCHES)
def test_hostile_search_queries_are_sanitised(client, endpoint, search):
    FilmPageFactory(title="The Red Soul")
    response = client.get(endpoint, {"search": search})
    assert response.status_code == 200, response.content
    if not any(character.isalnum() for character in search):
        assert response.json()["items"] == []


def test_a_search_for_words_among_punctuation_finds_them(client):
    film = FilmPageFactory(title="The Red Soul")
    response = client.get("/api/v2/pages/", {"search": 'red "soul'})
    assert [item["id"] for item in response.json()["items"]] == [film.pk]


@pytest.mark.parametrize("endpoint", SEARCH_ENDPOINTS)
@pytest.mark.parametrize(
    "query", [{"search": "red\x00"}, {"search": "red", "search_operator": "xor"}]
)
def test_search_refuses_null_characters_and_unknown_operators(client, endpoint, query):
    response = client.get(endpoint, query)
    assert response.status_code == 400
    assert response.json()["message"]
