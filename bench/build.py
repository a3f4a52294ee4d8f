"""A deterministic synthetic programme, built fast, for the benchmark.

Everything random comes from one seeded ``random.Random`` and dates are offsets
from ``today``, so one seed and one day give the same titles, dates and rules.

Speed: rows without a tree (people, screenings, shows, credits, through tables)
are written with ``bulk_create``. Pages need treebeard paths, so they are saved
one by one, but with their paths computed here rather than read back per page
(``add_children``), without revisions or log entries, and with search indexing
and the reference index switched off while the build runs. Shows are expanded
with the app's own ``Screening.expand`` and written in bulk, exactly the rows
``Occurrence.objects.regenerate`` would store. The search index is built once at
the end through the backend's rebuild API.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import ClassVar

import recurrence
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from tqdm import tqdm
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import HomePage
from programme import models as m
from programme_demo.images import placeholder_image

from .words import (
    ADJECTIVES,
    ARTICLE_TAGS,
    CITIES,
    COUNTRIES,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    LATE_SHOW,
    NOUNS,
    ORIGINAL_TITLES,
    PLACES,
    SENTENCES,
    SHOW_TIMES,
    SUBJECTS,
)

DEFAULT_SEED = 20240607
#: The shows of a built programme run from this many days before today…
DAYS_BEFORE = 31
#: …to this many days after: 18 months in all.
DAYS_AFTER = 517
#: What the runner measures: fixed sizes, whatever the scale.
SHOWCASE_FILM_SHOWS = 60
SHOWCASE_SEASON_FILMS = 100
SHOWCASE_ARTICLE_SCREENINGS = 5
#: Renditions the public templates ask for, made during the build so the first
#: measured request does not resize images.
RENDITION_SPECS = (
    "fill-480x270",
    "fill-640x360",
    "fill-1200x630",
    "width-640",
    "width-960",
    "width-1200",
)


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a build makes. ``Sizes.for_scale(1)`` is the default programme."""

    films: int = 2000
    people: int = 300
    organisations: int = 30
    price_tables: int = 12
    venues: int = 40
    screens_per_venue: int = 2
    seasons: int = 60
    screenings: int = 20000
    recurring: int = 2000
    articles: int = 500

    #: Below these the showcase objects cannot be built.
    MINIMUM: ClassVar[dict[str, int]] = {
        "films": SHOWCASE_SEASON_FILMS + 10,
        "people": 20,
        "organisations": 5,
        "price_tables": 3,
        "venues": 2,
        "seasons": 4,
        "screenings": 2 * SHOWCASE_SEASON_FILMS,
        "recurring": 5,
        "articles": 3,
    }

    @classmethod
    def for_scale(cls, scale: float) -> "Sizes":
        if not scale > 0:
            raise ValueError("The scale must be a positive number, e.g. 1 or 0.1.")
        default = cls()
        sizes = {}
        for item in fields(cls):
            value = getattr(default, item.name)
            if item.name in cls.MINIMUM:
                value = max(cls.MINIMUM[item.name], round(value * scale))
            sizes[item.name] = value
        return cls(**sizes)

    @property
    def screens(self) -> int:
        return self.venues * self.screens_per_venue

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "screens": self.screens}


def _paragraphs(rng: random.Random, count: int) -> str:
    return "".join("<p>" + " ".join(rng.sample(SENTENCES, 3)) + "</p>" for _ in range(count))


def _utc_midnight(day: datetime.date) -> datetime.datetime:
    """Rule dates as django-recurrence stores them once Screening.save() has pinned them."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


# -- speed: pages without per-page look-ups, and no indexing while building ---------------


@contextmanager
def quiet_signals() -> Iterator[None]:
    """No search indexing and no reference-index updates per saved object.

    The search index is built once at the end (``build_search_index``); the
    reference index (the admin's "usage" counts) is not needed by public pages.
    """
    indexed = [
        model for model in get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    for model in indexed:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in indexed:
            post_save.connect(post_save_signal_handler, sender=model)


def add_children(
    parent: Page, pages: Sequence[Page], *, now: datetime.datetime, progress: bool = False
) -> None:
    """Save new live pages as the last children of ``parent``, in order.

    What treebeard's ``add_child`` does per page (find the last child, count the
    parent's children, validate), done once for the whole list: paths follow the
    parent's last child, and the parent's ``numchild`` is updated in one query.
    Pages are saved without validation, revisions or log entries; the caller
    gives each a unique slug.
    """
    if not pages:
        return
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = parent.depth + 1
    label = f"pages under {parent.title}"
    for offset, page in enumerate(tqdm(pages, desc=label, disable=not progress, leave=False)):
        page.depth = depth
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page._cached_parent_obj = parent  # Page.save() reads it for the url_path.
        page.save(clean=False, log_action=None)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


def build_search_index(progress: bool = True) -> int:
    """Index every searchable object once, through the default backend's rebuild API."""
    backend = get_search_backend()
    count = 0
    by_index: dict = {}
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        by_index.setdefault(index, []).append(model)
    for index, models in by_index.items():
        rebuilder = backend.rebuilder_class(index)
        index = rebuilder.start()
        for model in models:
            index.add_model(model)
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            total = objects.count()
            if not total:
                continue
            bar = tqdm(total=total, desc=f"index {model.__name__}", disable=not progress)
            for start in range(0, total, 1000):
                chunk = list(objects[start : start + 1000])
                index.add_items(model, chunk)
                bar.update(len(chunk))
                count += len(chunk)
            bar.close()
        rebuilder.finish()
    return count


# -- the builder --------------------------------------------------------------------------


class ProgrammeBuilder:
    """Builds a programme of ``sizes`` into an empty site; ``build()`` returns the manifest."""

    def __init__(
        self,
        sizes: Sizes,
        *,
        seed: int = DEFAULT_SEED,
        today: datetime.date | None = None,
        progress: bool = True,
        renditions: bool = True,
        log: Callable[[str], None] = print,
    ):
        self.sizes = sizes
        self.make_renditions = renditions
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.now = timezone.now()
        self.progress = progress
        self.log = log
        self.timings: dict[str, float] = {}
        self._slugs: set[tuple[int, str]] = set()

    # -- helpers ------------------------------------------------------------------------

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - started, 2)
        self.log(f"  {name}: {self.timings[name]:.1f} s")

    def bar(self, iterable, desc: str, total: int | None = None):
        return tqdm(iterable, desc=desc, total=total, disable=not self.progress, leave=False)

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    def unique_slug(self, parent_key: int, text: str) -> str:
        base = slugify(text, allow_unicode=True)[:70] or "page"
        slug, n = base, 2
        while (parent_key, slug) in self._slugs:
            slug, n = f"{base}-{n}", n + 1
        self._slugs.add((parent_key, slug))
        return slug

    def title(self) -> str:
        rng = self.rng
        adjective, noun, other = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(NOUNS)
        return rng.choice(
            (
                f"The {adjective} {noun}",
                f"{adjective} {noun}",
                f"A {noun} in {rng.choice(PLACES)}",
                f"{noun}s of {rng.choice(PLACES)}",
                f"The {noun} and the {other}",
                f"After the {noun}",
            )
        )

    # -- the build ----------------------------------------------------------------------

    def build(self) -> dict:
        """Build everything in one transaction, then the search index; return the manifest."""
        started = time.perf_counter()
        with transaction.atomic(), quiet_signals():
            home = self.prepare_site()
            with self.phase("images"):
                self.images = [
                    placeholder_image(f"Bench still {n + 1}", self.colour(), (1200, 675))
                    for n in range(12)
                ]
            with self.phase("index pages"):
                indexes = self.index_pages(home)
            with self.phase("people, organisations, prices"):
                organisations = self.organisations()
                people = self.people()
                prices = self.price_tables()
            with self.phase("venues"):
                venues, screens = self.venues(indexes["venues"], prices)
            with self.phase("films"):
                films = self.films(indexes["films"], people, organisations)
            with self.phase("seasons"):
                seasons = self.seasons(indexes["seasons"], organisations)
            with self.phase("screenings"):
                screenings, showcase = self.screenings(films, venues, screens, seasons, prices)
            with self.phase("occurrences"):
                shows = self.occurrences(screenings)
            with self.phase("articles"):
                articles = self.articles(indexes["articles"], people, films, screenings, showcase)
        with self.phase("search index"):
            indexed = build_search_index(self.progress)
        if self.make_renditions:
            with self.phase("renditions"):
                for image in self.images:
                    image.get_renditions(*RENDITION_SPECS)
        total = round(time.perf_counter() - started, 2)
        return self.manifest(
            indexes, films, venues, seasons, showcase, articles, people, shows, indexed, total
        )

    def colour(self) -> tuple[int, int, int]:
        return tuple(self.rng.randrange(20, 160) for _ in range(3))

    def prepare_site(self) -> HomePage:
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        if not isinstance(home, HomePage) or home.get_children().exists():
            raise RuntimeError(
                "The benchmark builds into a fresh database whose site root is an empty HomePage."
            )
        site.site_name = "Bench Cinemas"
        site.save()
        home.title = home.draft_title = "Bench Cinemas"
        home.intro = "<p>A synthetic programme for the benchmark.</p>"
        home.save(clean=False, log_action=None)
        return home

    def index_pages(self, home: HomePage) -> dict[str, Page]:
        pages = {
            "films": m.FilmIndexPage(title="Films", slug="films", intro="<p>Every film.</p>"),
            "venues": m.VenueIndexPage(title="Venues", slug="venues"),
            "seasons": m.SeasonIndexPage(title="Seasons", slug="seasons"),
            "articles": m.ArticleIndexPage(title="Articles", slug="articles"),
            "whats_on": m.WhatsOnPage(title="What’s on", slug="whats-on"),
        }
        add_children(home, list(pages.values()), now=self.now)
        return pages

    def organisations(self) -> list[m.Organisation]:
        kinds = ["distributor", "world_sales", "production_company", "partner"]
        rows = [
            m.Organisation(
                name=f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)} Films {n + 1}",
                kind=kinds[n % len(kinds)],
                website=f"https://org{n + 1}.example/",
            )
            for n in range(self.sizes.organisations)
        ]
        return m.Organisation.objects.bulk_create(rows)

    def people(self) -> list[m.Person]:
        names = self.rng.sample(
            [(first, last) for first in FIRST_NAMES for last in LAST_NAMES], self.sizes.people
        )
        rows = [
            m.Person(
                name=f"{first} {last}",
                sort_name=f"{last}, {first}",
                slug=slugify(f"{first} {last}", allow_unicode=True),
                birth_year=self.rng.randrange(1930, 2000),
                bio=_paragraphs(self.rng, 1),
            )
            for first, last in names
        ]
        return m.Person.objects.bulk_create(rows, batch_size=500)

    def price_tables(self) -> list[m.PriceTable]:
        currencies = ("GBP", "EUR", "USD")
        tables = m.PriceTable.objects.bulk_create(
            [
                m.PriceTable(
                    name=f"Prices {n + 1}",
                    currency=currencies[n % len(currencies)],
                    footnote="Members go free." if n % 4 == 0 else "",
                )
                for n in range(self.sizes.price_tables)
            ]
        )
        rows = []
        for table in tables:
            full = Decimal(self.rng.randrange(8, 16))
            for order, (label, amount, conditions) in enumerate(
                [
                    ("Full price", full, ""),
                    ("Concessions", full - 3, "students, over-60s"),
                    ("Under 16", full - 5, ""),
                    ("Companion", Decimal("0"), "with an Access card"),
                ]
            ):
                rows.append(
                    m.PriceRow(
                        table=table,
                        sort_order=order,
                        label=label,
                        amount=amount,
                        conditions=conditions,
                    )
                )
        m.PriceRow.objects.bulk_create(rows)
        return tables

    def venues(self, index: Page, prices) -> tuple[list[m.VenuePage], dict[int, list[m.Screen]]]:
        venues = []
        for n in range(self.sizes.venues):
            locality, country, zone = CITIES[n % len(CITIES)]
            title = f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)} Picture House"
            venues.append(
                m.VenuePage(
                    title=title,
                    slug=self.unique_slug(index.pk, title),
                    street_address=f"{n + 1} Wharf Lane",
                    locality=locality,
                    postal_code=f"B{n + 1:03d}",
                    country=country,
                    time_zone=zone,
                    latitude=Decimal("51.5") + Decimal(n) / 100,
                    longitude=Decimal("-0.1") + Decimal(n) / 100,
                    website=f"https://venue{n + 1}.example/",
                    box_office_phone=f"+44 20 7946 {n:04d}",
                    default_price_table=self.rng.choice(prices),
                    image=self.rng.choice(self.images),
                    step_free_access=self.rng.random() < 0.8,
                    hearing_loop=self.rng.random() < 0.6,
                    wheelchair_spaces=self.rng.randrange(0, 8),
                    description=_paragraphs(self.rng, 2),
                )
            )
        add_children(index, venues, now=self.now)
        screens = m.Screen.objects.bulk_create(
            [
                m.Screen(
                    venue=venue,
                    sort_order=number,
                    name=f"Screen {number + 1}",
                    capacity=self.rng.randrange(40, 400),
                    wheelchair_spaces=self.rng.randrange(1, 6),
                )
                for venue in venues
                for number in range(self.sizes.screens_per_venue)
            ]
        )
        by_venue: dict[int, list[m.Screen]] = {}
        for screen in screens:
            by_venue.setdefault(screen.venue_id, []).append(screen)
        return venues, by_venue

    def films(self, index: Page, people, organisations) -> list[m.FilmPage]:
        rng = self.rng
        distributors = [org for org in organisations if org.kind == "distributor"] or organisations
        films = []
        for _n in range(self.sizes.films):
            title = self.title()
            short = rng.random() < 0.05
            films.append(
                m.FilmPage(
                    title=title,
                    slug=self.unique_slug(index.pk, title),
                    original_title=rng.choice(ORIGINAL_TITLES) if rng.random() < 0.2 else "",
                    logline=rng.choice(SENTENCES),
                    year=rng.randrange(1920, 2026),
                    countries=rng.sample(COUNTRIES, rng.randrange(1, 3)),
                    runtime_minutes=rng.randrange(8, 25) if short else rng.randrange(75, 170),
                    spoken_languages=rng.sample(LANGUAGES, rng.randrange(1, 3)),
                    certificate=rng.choice(["", "U", "PG", "12A", "15", "18"]),
                    projection_format=rng.choice(["dcp", "dcp_4k", "35mm", "digital"]),
                    synopsis=_paragraphs(rng, rng.randrange(1, 4)),
                    poster=rng.choice(self.images) if rng.random() < 0.9 else None,
                    poster_credit="© Bench Distribution",
                    distributor=rng.choice(distributors),
                )
            )
        add_children(index, films, now=self.now, progress=self.progress)
        self.film_children(films, people)
        return films

    def film_children(self, films: list[m.FilmPage], people: list[m.Person]) -> None:
        rng = self.rng
        crew_roles = ["screenplay", "cinematography", "editing", "music", "producer"]
        credits, quotes, awards, related, stills, subjects = [], [], [], [], [], []
        tags = [Tag.objects.get_or_create(name=name)[0] for name in SUBJECTS]
        for film in films:
            roles = [("director", True)] + [(role, True) for role in crew_roles]
            roles += [("cast", True)] * rng.randrange(2, 6) + [("sound", False)]
            for order, (role, main) in enumerate(roles):
                credits.append(
                    m.FilmCredit(
                        film_id=film.pk,
                        sort_order=order,
                        role=role,
                        person=rng.choice(people),
                        is_main=main,
                        character=f"{rng.choice(NOUNS)} keeper" if role == "cast" else "",
                    )
                )
            for order in range(rng.randrange(0, 3)):
                quotes.append(
                    m.FilmQuote(
                        film_id=film.pk,
                        sort_order=order,
                        text=rng.choice(SENTENCES),
                        publication=f"The {rng.choice(PLACES)} Review",
                    )
                )
            if rng.random() < 0.2:
                awards.append(
                    m.FilmAward(
                        film_id=film.pk,
                        name="Jury Prize",
                        festival=f"{rng.choice(PLACES)} Film Festival",
                        year=film.year,
                    )
                )
            for order, other in enumerate(rng.sample(films, rng.randrange(0, 3))):
                if other.pk != film.pk:
                    related.append(m.RelatedFilm(film_id=film.pk, sort_order=order, related=other))
            if rng.random() < 0.3:
                stills.append(
                    m.FilmImage(
                        film_id=film.pk,
                        sort_order=0,
                        image=rng.choice(self.images),
                        caption=rng.choice(SENTENCES),
                    )
                )
            for tag in rng.sample(tags, rng.randrange(1, 4)):
                subjects.append(m.FilmSubject(content_object_id=film.pk, tag=tag))
        for model, rows in [
            (m.FilmCredit, credits),
            (m.FilmQuote, quotes),
            (m.FilmAward, awards),
            (m.RelatedFilm, related),
            (m.FilmImage, stills),
            (m.FilmSubject, subjects),
        ]:
            model.objects.bulk_create(rows, batch_size=1000)

    def seasons(self, index: Page, organisations) -> dict:
        """A showcase festival with two strands, then seasons and series across the months."""
        rng = self.rng
        festival = m.SeasonPage(
            title="Bench International Film Festival",
            slug="bench-international-film-festival",
            kind="festival",
            start_date=self.day(7),
            end_date=self.day(16),
            intro=_paragraphs(rng, 1),
            hero_image=self.images[0],
        )
        others = []
        for _n in range(self.sizes.seasons - 3):
            title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}s: a season"
            start = rng.randrange(-DAYS_BEFORE, DAYS_AFTER - 30)
            others.append(
                m.SeasonPage(
                    title=title,
                    slug=self.unique_slug(index.pk, title),
                    kind=rng.choice(["season", "series", "festival"]),
                    start_date=self.day(start),
                    end_date=self.day(start + rng.randrange(14, 90)),
                    intro=_paragraphs(rng, 1),
                    hero_image=rng.choice(self.images),
                )
            )
        add_children(index, [festival, *others], now=self.now)
        strands = [
            m.SeasonPage(
                title=title,
                slug=slugify(title),
                kind="strand",
                start_date=festival.start_date,
                end_date=festival.end_date,
                intro=_paragraphs(rng, 1),
            )
            for title in ("New Voices", "Restored Classics")
        ]
        add_children(festival, strands, now=self.now)
        partners = [
            m.SeasonPartner(season=season, sort_order=0, organisation=rng.choice(organisations))
            for season in [festival, *others]
            if rng.random() < 0.5
        ]
        m.SeasonPartner.objects.bulk_create(partners)
        return {"festival": festival, "strands": strands, "others": others}

    def screenings(self, films, venues, screens, seasons, prices):
        """Every screening: the showcase ones first, then singles and recurring runs at random."""
        rng = self.rng
        flags = list(m.AccessFlag.objects.order_by("slug"))
        rows: list[m.Screening] = []
        season_links: list[tuple[int, m.SeasonPage]] = []  # (row index, season)

        def add(film, venue, first_date, show_times, rule=None, **labels) -> int:
            screen = rng.choice(screens[venue.pk])
            rows.append(
                m.Screening(
                    film=film,
                    venue=venue,
                    screen=screen,
                    first_date=first_date,
                    show_times=show_times,
                    recurrence=rule,
                    ticket_url=f"https://tickets.example/{venue.slug}/{len(rows) + 1}",
                    external_id=f"bench-{len(rows) + 1}",
                    **labels,
                )
            )
            return len(rows) - 1

        # The showcase film: a daily run with two shows a day at the first venue.
        showcase_days = SHOWCASE_FILM_SHOWS // 2
        showcase_run = add(
            films[0],
            venues[0],
            self.day(1),
            "14:00, 20:00",
            recurrence.Recurrence(
                rrules=[
                    recurrence.Rule(recurrence.DAILY, until=_utc_midnight(self.day(showcase_days)))
                ]
            ),
            introduced_by="The programme team",
        )
        # The showcase festival: 100 films, one or two shows each over its ten days.
        festival, strands = seasons["festival"], seasons["strands"]
        festival_rows = []
        for film in films[:SHOWCASE_SEASON_FILMS]:
            for _ in range(rng.choice((1, 1, 2))):
                index = add(
                    film,
                    rng.choice(venues),
                    self.day(rng.randrange(7, 17)),
                    rng.choice(SHOW_TIMES),
                    premiere=rng.choice(["", "", "national", "world"]),
                    q_and_a_with="The director" if rng.random() < 0.2 else "",
                )
                festival_rows.append(index)
                season_links.append((index, festival))
                if rng.random() < 0.3:
                    season_links.append((index, rng.choice(strands)))

        recurring_left = self.sizes.recurring - 1
        singles_left = self.sizes.screenings - len(rows) - recurring_left
        if singles_left < 0:
            raise ValueError("Too few screenings for the showcase season and recurring runs.")
        other_seasons = seasons["others"]
        shorts = [film for film in films if (film.runtime_minutes or 0) < 30]
        kinds = ["single"] * singles_left + ["recurring"] * recurring_left
        rng.shuffle(kinds)
        for kind in self.bar(kinds, "screenings"):
            film, venue = rng.choice(films), rng.choice(venues)
            labels = self.labels(film, shorts, prices)
            if kind == "single":
                offset = rng.randrange(-DAYS_BEFORE, DAYS_AFTER)
                times = (
                    rng.sample(SHOW_TIMES, 2) if rng.random() < 0.3 else [rng.choice(SHOW_TIMES)]
                )
                if rng.random() < 0.03:
                    times = [LATE_SHOW]
                index = add(film, venue, self.day(offset), ", ".join(sorted(times)), **labels)
            else:
                offset, times, rule = self.run()
                index = add(film, venue, self.day(offset), times, rule, **labels)
            if rng.random() < 0.35:
                day = self.day(offset)
                candidates = [s for s in other_seasons if s.start_date <= day <= s.end_date]
                if candidates:
                    season_links.append((index, rng.choice(candidates)))

        for start in range(0, len(rows), 2000):
            m.Screening.objects.bulk_create(rows[start : start + 2000])
        m.Screening.seasons.through.objects.bulk_create(
            [
                m.Screening.seasons.through(screening_id=rows[index].pk, seasonpage_id=season.pk)
                for index, season in season_links
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        access = []
        for screening in rows:
            if rng.random() < 0.1:
                for flag in rng.sample(flags, rng.randrange(1, 3)):
                    access.append(
                        m.Screening.access_flags.through(
                            screening_id=screening.pk, accessflag_id=flag.pk
                        )
                    )
        m.Screening.access_flags.through.objects.bulk_create(access, batch_size=2000)
        showcase = {
            "run": rows[showcase_run],
            "festival": [rows[index] for index in festival_rows],
        }
        return rows, showcase

    def run(self) -> tuple[int, str, recurrence.Recurrence]:
        """A recurring screening's first day, show times and bounded rule.

        A daily run of one to four weeks, a weekly slot on one to three days for
        eight to eighteen months (starting in the first half of the programme, so
        most of it falls inside), or a monthly slot.
        """
        rng = self.rng
        kind = rng.random()
        if kind < 0.4:
            offset = rng.randrange(-DAYS_BEFORE, DAYS_AFTER - 7)
            days = rng.randrange(7, 29)
            times = sorted(rng.sample(SHOW_TIMES, rng.choice((1, 2))))
            until = min(offset + days, DAYS_AFTER)
            rule = recurrence.Rule(recurrence.DAILY, until=_utc_midnight(self.day(until)))
        elif kind < 0.9:
            offset = rng.randrange(-DAYS_BEFORE, DAYS_AFTER // 2)
            weekdays = rng.sample(range(7), rng.randrange(1, 4))
            times = [rng.choice(SHOW_TIMES)]
            until = min(offset + rng.randrange(240, 548), DAYS_AFTER)
            rule = recurrence.Rule(
                recurrence.WEEKLY,
                byday=[recurrence.to_weekday(day) for day in weekdays],
                until=_utc_midnight(self.day(until)),
            )
        else:
            offset = rng.randrange(-DAYS_BEFORE, DAYS_AFTER - 180)
            times = [rng.choice(SHOW_TIMES)]
            rule = recurrence.Rule(recurrence.MONTHLY, count=rng.randrange(6, 19))
        return offset, ", ".join(times), recurrence.Recurrence(rrules=[rule])

    def labels(self, film, shorts, prices) -> dict:
        rng = self.rng
        labels = {}
        roll = rng.random()
        if roll < 0.05:
            labels["premiere"] = rng.choice(["world", "national", "local"])
        elif roll < 0.08:
            labels["q_and_a_with"] = "The director"
        elif roll < 0.12:
            labels["introduced_by"] = "A programmer"
        elif roll < 0.14:
            labels["live_or_encore"] = rng.choice(["live", "encore"])
        if shorts and rng.random() < 0.03:
            labels["short_before"] = rng.choice(shorts)
        if rng.random() < 0.4:
            labels["language_version"] = "original_subtitled"
            labels["audio_language"] = (film.spoken_languages or ["fr"])[0]
            labels["subtitle_language"] = "en"
        status = rng.random()
        if status < 0.03:
            labels["status"] = "sold_out"
        elif status < 0.04:
            labels["status"] = "cancelled"
        if rng.random() < 0.1:
            labels["price_table"] = rng.choice(prices)
        return labels

    def occurrences(self, screenings: list[m.Screening]) -> int:
        """Each screening's shows, exactly as Occurrence.objects.regenerate would store them."""
        batch, total = [], 0
        for screening in self.bar(screenings, "occurrences"):
            for show in screening.expand():
                batch.append(
                    m.Occurrence(
                        screening_id=screening.pk,
                        start=show.start.astimezone(datetime.UTC),
                        end=show.end,
                        business_date=show.business_date,
                        status=screening.status,
                    )
                )
            if len(batch) >= 5000:
                m.Occurrence.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        m.Occurrence.objects.bulk_create(batch)
        return total + len(batch)

    def articles(self, index, people, films, screenings, showcase) -> dict:
        rng = self.rng
        tags = [Tag.objects.get_or_create(name=name)[0] for name in ARTICLE_TAGS]
        upcoming = [s for s in screenings if s.first_date >= self.today]
        showcase_blocks = [
            showcase["run"],
            *showcase["festival"][: SHOWCASE_ARTICLE_SCREENINGS - 1],
        ]
        articles = []
        for n in range(self.sizes.articles):
            if n == 0:
                title = "Five screenings not to miss this month"
                chosen = showcase_blocks
            else:
                title = self.title()
                chosen = rng.sample(upcoming, rng.randrange(1, SHOWCASE_ARTICLE_SCREENINGS + 1))
            body = [("rich_text", _paragraphs(rng, 2))]
            for screening in chosen:
                body.append(
                    ("screening", {"screening": screening, "dates_shown": 3, "show_prices": True})
                )
                body.append(("rich_text", _paragraphs(rng, 1)))
            body.append(("film_card", {"film": chosen[0].film, "show_next_screening": True}))
            articles.append(
                m.ArticlePage(
                    title=title,
                    slug=self.unique_slug(index.pk, title),
                    date=self.day(-rng.randrange(0, 700)) if n else self.today,
                    intro=rng.choice(SENTENCES),
                    hero_image=rng.choice(self.images),
                    hero_alt_text="A still from the film",
                    body=body,
                )
            )
        add_children(index, articles, now=self.now, progress=self.progress)
        authors, tagged, related = [], [], []
        for article in articles:
            authors.append(
                m.ArticleAuthor(article=article, sort_order=0, person=rng.choice(people))
            )
            for tag in rng.sample(tags, rng.randrange(1, 3)):
                tagged.append(m.ArticleTag(content_object=article, tag=tag))
            related.append(
                m.ArticlePage.related_films.through(
                    articlepage_id=article.pk, filmpage_id=rng.choice(films).pk
                )
            )
        m.ArticleAuthor.objects.bulk_create(authors, batch_size=1000)
        m.ArticleTag.objects.bulk_create(tagged, batch_size=1000)
        m.ArticlePage.related_films.through.objects.bulk_create(
            related, batch_size=1000, ignore_conflicts=True
        )
        return {"showcase": articles[0], "count": len(articles)}

    # -- what the runner measures -------------------------------------------------------

    def manifest(
        self, indexes, films, venues, seasons, showcase, articles, people, shows, indexed, total
    ) -> dict:
        festival = seasons["festival"]
        film = films[0]
        busy_day = self.day(3)
        whats_on = indexes["whats_on"].get_url()
        flag = m.AccessFlag.objects.order_by("slug").first()
        day, week = busy_day.isoformat(), busy_day.isoformat()
        api = "/api/v2/pages/?type=programme.FilmPage&limit=20"
        person = people[0]
        pages = {
            "home": "/",
            "whats_on_day": f"{whats_on}?date={day}",
            "whats_on_day_filtered": f"{whats_on}?date={day}&venue={venues[0].slug}"
            + (f"&access={flag.slug}" if flag else ""),
            "whats_on_week": f"{whats_on}?week={week}",
            "whats_on_week_filtered": f"{whats_on}?week={week}&season={festival.slug}"
            "&language=original_subtitled",
            "film": films[0].get_url(),
            "season": festival.get_url(),
            "venue": venues[0].get_url(),
            "article": articles["showcase"].get_url(),
            "search": "/search/?query=harbour",
            "season_ical": festival.get_url() + festival.reverse_subpage("calendar"),
            "api_films": api,
        }
        return {
            "seed": self.seed,
            "today": self.today.isoformat(),
            "built_at": timezone.now().isoformat(timespec="seconds"),
            "sizes": self.sizes.as_dict(),
            "counts": {
                "films": len(films),
                "venues": len(venues),
                "seasons": 3 + len(seasons["others"]),
                "articles": articles["count"],
                "occurrences": shows,
                "indexed_objects": indexed,
            },
            "showcase": {
                "film": film.title,
                "film_shows": SHOWCASE_FILM_SHOWS,
                "season": festival.title,
                "season_films": SHOWCASE_SEASON_FILMS,
                "article": articles["showcase"].title,
                "article_screenings": SHOWCASE_ARTICLE_SCREENINGS,
            },
            "pages": pages,
            "search_queries": [
                "harbour",
                "silent river",
                "lisbon",
                "dominguez",
                "Domínguez",
                "the last lighthouse",
                person.name,
                "ночной",
                "jury prize",
                "zzqxv",
            ],
            "timings": {**self.timings, "total": total},
        }
