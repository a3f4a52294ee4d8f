"""The demo programme.

Facts (titles, names, roles, dates, prices, phone numbers) come from the three
seed documents in ``shared/seeds``; every sentence is our own. Upcoming dates
are computed from today so the site never looks empty, and every object is
found by a stable key first, so a second run updates instead of duplicating.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

import recurrence
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from programme import models as m

from .images import placeholder_image


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


class DemoBuilder:
    def __init__(self, log: Callable[[str], None] = print, today: datetime.date | None = None):
        self.log = log
        self.today = today or timezone.localdate()

    # -- helpers ---------------------------------------------------------------

    def upsert_page(self, parent: Page, model, slug: str, **fields):
        """Create or update a published child page; child rows are passed as lists."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, **{k: v for k, v in fields.items() if not isinstance(v, list)})
            parent.add_child(instance=page)
        for name, value in fields.items():
            if name == "subjects":
                page.subjects.set(value)
            elif name == "screens":
                # Keep existing screens (and the screenings pointing at them) by name.
                existing = {screen.name: screen for screen in page.screens.all()}
                rows = []
                for screen in value:
                    row = existing.get(screen.name, screen)
                    row.capacity, row.wheelchair_spaces = screen.capacity, screen.wheelchair_spaces
                    row.access_notes = screen.access_notes
                    rows.append(row)
                page.screens = rows
            else:
                setattr(page, name, value)
        page.save_revision().publish()
        return model.objects.get(pk=page.pk)

    def days_ahead(self, days: int, weekday: int | None = None) -> datetime.date:
        day = self.today + datetime.timedelta(days=days)
        if weekday is not None:
            day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        return day

    def person(self, name: str, sort_name: str = "", **fields) -> m.Person:
        person, _ = m.Person.objects.update_or_create(
            name=name, defaults={"sort_name": sort_name or name, **fields}
        )
        return person

    def organisation(self, name: str, **fields) -> m.Organisation:
        organisation, _ = m.Organisation.objects.update_or_create(name=name, defaults=fields)
        return organisation

    def price_table(self, name: str, currency: str, rows, footnote: str = "") -> m.PriceTable:
        table, _ = m.PriceTable.objects.get_or_create(name=name, defaults={"currency": currency})
        table.currency = currency
        table.footnote = footnote
        table.rows = [
            m.PriceRow(label=label, amount=Decimal(amount), conditions=conditions)
            for label, amount, conditions in rows
        ]
        table.save()
        return table

    def screening(self, key: str, *, seasons=(), access=(), programme_films=(), **fields):
        screening = m.Screening.objects.filter(external_id=key).first() or m.Screening(
            external_id=key
        )
        for name, value in fields.items():
            setattr(screening, name, value)
        screening.full_clean(exclude=["seasons", "access_flags", "programme_films"])
        screening.seasons = list(seasons)
        screening.access_flags = list(m.AccessFlag.objects.filter(slug__in=access))
        screening.programme_films = list(programme_films)
        screening.save()
        return screening

    def credits(self, rows) -> list[m.FilmCredit]:
        credits = []
        for row in rows:
            role, who, *rest = row
            options = rest[0] if rest else {}
            credit = m.FilmCredit(role=role, is_main=options.get("main", True))
            if isinstance(who, m.Organisation):
                credit.organisation = who
            else:
                credit.person = who
            credit.suffix = options.get("suffix", "")
            credit.character = options.get("character", "")
            credit.role_label = options.get("label", "")
            credits.append(credit)
        return credits

    # -- the programme -----------------------------------------------------------

    def build(self, *, parent: Page | None = None, set_site_name: bool = False) -> str:
        """Build under ``parent`` (the default Site's root page if not given).

        The host's own pages and Site are left alone unless ``set_site_name`` asks
        for the demo cinema's name and introduction on them.
        """
        site = Site.objects.get(is_default_site=True)
        home = (parent or site.root_page).specific
        if set_site_name:
            site.site_name = "Northlight Cinemas"
            site.save()
            home.title = "Northlight Cinemas"
            if hasattr(home, "intro"):
                home.intro = _p(
                    "Documentaries, restorations and festival discoveries across our partner "
                    "screens in London, New York and Wiesbaden."
                )
            home.save_revision().publish()

        films = self.upsert_page(
            home,
            m.FilmIndexPage,
            "films",
            title="Films",
            intro=_p("Every film in the current programme, with its credits and screenings."),
        )
        venues = self.upsert_page(
            home,
            m.VenueIndexPage,
            "venues",
            title="Venues",
            intro=_p("Where to find us, how to get in and what tickets cost."),
        )
        seasons = self.upsert_page(
            home,
            m.SeasonIndexPage,
            "seasons",
            title="Seasons",
            intro=_p("Curated series, festivals and their strands."),
        )

        # Person pages are routes of this page: /people/<slug>/.
        self.upsert_page(home, m.PeopleIndexPage, "people", title="People")
        people = self.build_people()
        orgs = self.build_organisations()
        prices = self.build_prices()
        venue = self.build_venues(venues, prices)
        film = self.build_films(films, people, orgs)
        season = self.build_seasons(seasons, orgs)
        count = self.build_screenings(film, venue, season, prices)
        self.build_articles(home, people, orgs, prices, venue, film, season)
        self.build_page_bodies(people, season)
        self.build_whats_on(home)
        return (
            f"{m.FilmPage.objects.count()} films, {m.VenuePage.objects.count()} venues, "
            f"{m.SeasonPage.objects.count()} seasons, {count} screenings, "
            f"{m.Occurrence.objects.count()} shows"
        )

    def build_page_bodies(self, people, seasons) -> None:
        """Content blocks on a season page: a guest, and the screening they attend."""
        qa = m.Screening.objects.get(external_id="demo-red-soul-riverside-qa")
        season = m.SeasonPage.objects.get(pk=seasons["putin"].pk)
        season.body = [
            ("heading", {"text": "Meet the film-makers", "level": "h2"}),
            (
                "rich_text",
                RichText(
                    "<p>The director and her co-writer travel to London for one evening "
                    "of the series, to talk about making a film from many voices.</p>"
                ),
            ),
            ("person", {"person": people["gorter"], "role": "Director", "show_portrait": True}),
            ("screening", {"screening": qa, "dates_shown": None, "show_prices": True}),
        ]
        season.save_revision().publish()

    def build_people(self) -> dict[str, m.Person]:
        p = {}
        p["gorter"] = self.person(
            "Jessica Gorter",
            "Gorter, Jessica",
            bio=_p(
                "A Dutch documentary maker who studied directing and editing at the Dutch "
                "Film and Television Academy in Amsterdam.",
                "She first went to St. Petersburg soon after the Soviet Union fell apart and "
                "has kept returning to Russia ever since, filming how its people live with "
                "their history.",
            ),
            portrait=placeholder_image("Jessica Gorter", (70, 70, 90), (600, 750)),
            portrait_credit="© Jochem Jurgens",
            filmography_note="Selected filmography",
        )
        p["gorter"].filmography = [
            m.FilmographyEntry(title="900 Days"),
            m.FilmographyEntry(title="The Red Soul"),
        ]
        p["gorter"].save()
        p["van_der_winden"] = self.person("Marieke van der Winden", "Winden, Marieke van der")
        p["van_den_engel"] = self.person("Frank van den Engel", "Engel, Frank van den")
        for key, name, sort in [
            ("snoep", "Sander Snoep", "Snoep, Sander"),
            ("van_empel", "Erik van Empel", "Empel, Erik van"),
            ("danniel", "Danniel Danniel", "Danniel, Danniel"),
            ("roelofs", "Bobbie Roelofs", "Roelofs, Bobbie"),
            ("zuydervelt", "Rutger Zuydervelt", "Zuydervelt, Rutger"),
            ("belorukov", "Ilia Belorukov", "Belorukov, Ilia"),
            ("aquarius", "René Aquarius", "Aquarius, René"),
            ("kiseleva", "Elena Kiseleva", "Kiseleva, Elena"),
            ("naidenov", "Andrey Naidenov", "Naidenov, Andrey"),
            ("taraskin", "Sergei Taraskin", "Taraskin, Sergei"),
            ("maciejewska", "Karolina Maciejewska", "Maciejewska, Karolina"),
            ("usmanov", "Alisher Usmanov", "Usmanov, Alisher"),
            ("vysotskaya", "Julia Vysotskaya", "Vysotskaya, Julia"),
            ("komarov", "Vladislav Komarov", "Komarov, Vladislav"),
            ("gusev", "Andrei Gusev", "Gusev, Andrei"),
            ("erlish", "Sergei Erlish", "Erlish, Sergei"),
            ("burova", "Yulia Burova", "Burova, Yulia"),
            ("domínguez", "Lucía Domínguez", "Domínguez, Lucía"),
            ("okafor", "Adaeze Okafor", "Okafor, Adaeze"),
        ]:
            p[key] = self.person(name, sort)
        p["konchalovsky"] = self.person(
            "Andrei Konchalovsky",
            "Konchalovsky, Andrei",
            birth_year=1937,
            birth_place="Moscow",
            bio=_p(
                "Writer, producer and director whose career runs from a prize-winning first "
                "short at Venice in 1962 through theatre, television and feature films.",
                "Venice has honoured him three times with a Silver Lion: the Grand Jury "
                "Prize for <i>House of Fools</i> (2002) and Best Direction for <i>The "
                "Postman’s White Nights</i> (2014) and <i>Paradise</i> (2016). His films "
                "have also competed at Cannes and San Sebastián.",
            ),
            filmography_note="Filmography (selection)",
        )
        p["konchalovsky"].filmography = [
            m.FilmographyEntry(year=year, title=title)
            for year, title in [
                (1985, "Runaway Train"),
                (2002, "House of Fools"),
                (2014, "The Postman’s White Nights"),
                (2016, "Paradise"),
                (2019, "Sin"),
                (2020, "Dear Comrades!"),
            ]
        ]
        p["konchalovsky"].save()
        return p

    def build_organisations(self) -> dict[str, m.Organisation]:
        return {
            "icarus": self.organisation(
                "Icarus Films",
                kind="distributor",
                website="https://icarusfilms.com/",
                email="bookings@icarus.example",
            ),
            "boutique": self.organisation(
                "Films Boutique", kind="world_sales", phone="+49 30 69537850"
            ),
            "studios": self.organisation("Andrei Konchalovsky Studios", kind="production_company"),
            "dutchculture": self.organisation(
                "DutchCulture USA",
                kind="partner",
                logo=placeholder_image("DutchCulture USA logo", (230, 90, 20), (480, 160)),
            ),
            "reel": self.organisation("Reel Friends Society", kind="partner"),
        }

    def build_prices(self) -> dict[str, m.PriceTable]:
        return {
            "momi": self.price_table(
                "Museum of the Moving Image – film tickets",
                "USD",
                [
                    ("Regular", "15", ""),
                    ("Seniors and students", "11", ""),
                    ("Youth", "9", "ages 3–17"),
                    ("Children under 3", "0", ""),
                ],
                footnote=(
                    "Museum members at the Film Lover and Kids Premium levels and above go free."
                ),
            ),
            "riverside": self.price_table(
                "Riverside Picture House – standard",
                "GBP",
                [
                    ("Full price", "12.50", ""),
                    ("Concessions", "9.50", "students, over-60s, jobseekers"),
                    ("Under 16", "6", ""),
                    ("Companion of a disabled visitor", "0", "with an Access card"),
                ],
            ),
            "relaxed": self.price_table(
                "Riverside Picture House – relaxed and baby screenings",
                "GBP",
                [("All tickets", "6", ""), ("Babies under one", "0", "")],
            ),
            "caligari": self.price_table(
                "Caligari FilmBühne – festival",
                "EUR",
                [("Regular", "9", ""), ("Reduced", "7", "students and pensioners")],
                footnote="Festival passes are valid for every screening.",
            ),
        }

    def build_venues(self, index, prices) -> dict[str, m.VenuePage]:
        v = {}
        v["momi"] = self.upsert_page(
            index,
            m.VenuePage,
            "museum-of-the-moving-image",
            title="Museum of the Moving Image",
            street_address="36-01 35 Avenue",
            locality="Queens",
            region="NY",
            postal_code="11106",
            country="US",
            time_zone="America/New_York",
            latitude=Decimal("40.756300"),
            longitude=Decimal("-73.923900"),
            website="https://movingimage.org/",
            default_price_table=prices["momi"],
            step_free_access=True,
            hearing_loop=True,
            wheelchair_spaces=6,
            accessible_toilet=True,
            description=_p(
                "A museum in Astoria devoted to film, television and digital media: "
                "how they are made, shown and remembered.",
                "Its cinema shows several hundred films a year, from restored classics "
                "with live accompaniment to new work fresh from the festival circuit, "
                "alongside long-running series such as First Look and See It Big!.",
            ),
            screens=[m.Screen(name="Redstone Theater", capacity=264, wheelchair_spaces=6)],
        )

        v["caligari"] = self.upsert_page(
            index,
            m.VenuePage,
            "caligari-filmbuhne",
            title="Caligari FilmBühne",
            street_address="Marktplatz 9",
            locality="Wiesbaden",
            postal_code="65183",
            country="DE",
            time_zone="Europe/Berlin",
            default_price_table=prices["caligari"],
            step_free_access=False,
            assistance="Staff help visitors up the entrance steps; ask at the box office.",
            description=_p("A 1920s picture palace in the old town, now a municipal cinema."),
        )
        v["riverside"] = self.upsert_page(
            index,
            m.VenuePage,
            "riverside-picture-house",
            title="Riverside Picture House",
            street_address="12 Wharf Lane",
            locality="London",
            postal_code="SE1 9ZZ",
            country="GB",
            time_zone="Europe/London",
            latitude=Decimal("51.507400"),
            longitude=Decimal("-0.099000"),
            box_office_phone="+44 20 7946 0000",
            box_office_email="boxoffice@riverside.example",
            default_price_table=prices["riverside"],
            step_free_access=True,
            hearing_loop=True,
            wheelchair_spaces=4,
            accessible_toilet=True,
            assistance="Assistance dogs are welcome; a companion goes free with an Access card.",
            description=_p(
                "Two screens in a converted warehouse by the river, with a café that stays "
                "open for the last show."
            ),
            screens=[
                m.Screen(name="Screen 1", capacity=180, wheelchair_spaces=3),
                m.Screen(
                    name="Screen 2", capacity=64, wheelchair_spaces=1, access_notes="Lift access"
                ),
            ],
        )
        return v

    def build_films(self, index, people, orgs) -> dict[str, m.FilmPage]:
        f = {}
        f["red_soul"] = self.upsert_page(
            index,
            m.FilmPage,
            "the-red-soul",
            title="The Red Soul",
            logline="Two lives swept up in Russia’s unfinished argument about Stalin.",
            countries=["NL"],
            spoken_languages=["ru"],
            projection_format="dcp",
            epigraph=(
                "The Soviet state has vanished, yet the person it shaped lives on and "
                "carries it forward."
            ),
            epigraph_author="after Svetlana Alexievich",
            epigraph_source="Nobel Prize for Literature, 2015",
            synopsis=_p(
                "Was Joseph Stalin the statesman who won the war and built a superpower, or "
                "the tyrant behind millions of deaths? In today’s Russia the question is "
                "still open, and many answer it with pride.",
                "Gorter gathers people of every generation who talk frankly about hunger, "
                "fear and loyalty. Nostalgia and grief often sit side by side in one "
                "person, and nobody was ever tried for what happened.",
                "Portrait by portrait, the film shows a past that has not passed: it shapes "
                "how Russians see themselves and the future they expect.",
            ),
            poster=placeholder_image("The Red Soul", (120, 20, 30)),
            poster_credit="© Icarus Films",
            distributor=orgs["icarus"],
            subjects=[
                "History",
                "History (Cold War Era)",
                "Historiography",
                "Politics",
                "Russia",
                "Soviet Union",
                "Stalin",
            ],
            credits=self.credits(
                [
                    ("director", people["gorter"]),
                    ("screenplay", people["gorter"]),
                    ("screenplay", people["van_der_winden"]),
                    ("cinematography", people["gorter"]),
                    ("producer", people["van_den_engel"]),
                    ("cinematography", people["snoep"], {"main": False, "suffix": "NSC"}),
                    ("cinematography", people["van_empel"], {"main": False, "suffix": "NSC"}),
                    ("cinematography", people["gorter"], {"main": False}),
                    ("editing", people["danniel"], {"main": False}),
                    ("editing", people["roelofs"], {"main": False}),
                    ("music", people["zuydervelt"], {"main": False}),
                    ("music", people["belorukov"], {"main": False, "label": "Music, with"}),
                    ("music", people["aquarius"], {"main": False, "label": "Music, with"}),
                ]
            ),
            quotes=[
                m.FilmQuote(
                    text="Timely and beautifully made: a careful look at every shade of "
                    "Russian political feeling.",
                    publication="The Hollywood Reporter (paraphrased)",
                ),
                m.FilmQuote(
                    text="Asks ordinary Russians whether Stalin saved or wrecked their country, "
                    "and the answers are moving and revealing.",
                    publication="Filmuforia (paraphrased)",
                ),
                m.FilmQuote(
                    text="Intimate portraits of young and old facing a violent inheritance.",
                    publication="Cineuropa (paraphrased)",
                ),
                m.FilmQuote(
                    text="Less about the terror itself than about how people live with its "
                    "memory, as in her earlier 900 Days.",
                    publication="Filmkrant (paraphrased)",
                ),
            ],
            images=[
                m.FilmImage(
                    image=placeholder_image("The Red Soul – forest", (40, 60, 40)),
                    caption="A father and daughter search the forest for a burial site.",
                    credit="© Icarus Films",
                ),
                m.FilmImage(
                    image=placeholder_image("The Red Soul – sisters", (60, 40, 60)),
                    caption="Two sisters remember the day their mother was taken.",
                    credit="© Icarus Films",
                ),
            ],
        )
        f["dear_comrades"] = self.upsert_page(
            index,
            m.FilmPage,
            "dear-comrades",
            title="Dear Comrades!",
            original_title="Дорогие товарищи!",
            english_title="Dear Comrades!",
            logline="A loyal Party official’s faith cracks when a strike reaches her own home.",
            year=2020,
            countries=["RU"],
            runtime_minutes=120,
            spoken_languages=["ru"],
            projection_format="dcp",
            synopsis=_p(
                "Southern Russia, 1962. Lyudmila has given her life to the Party since the "
                "war. When workers at the town’s factory walk out and her daughter joins "
                "them, the official line and her love for her child pull in opposite "
                "directions, and the certainties of a lifetime give way."
            ),
            quotes=[
                m.FilmQuote(
                    text="A gripping, humane drama whose betrayed ideals speak far beyond "
                    "1960s Russia.",
                    publication="Festival catalogue (paraphrased)",
                )
            ],
            awards=[
                m.FilmAward(
                    name="Special Jury Prize",
                    festival="Venice International Film Festival",
                    country="IT",
                    year=2020,
                )
            ],
            world_sales=orgs["boutique"],
            poster=placeholder_image("Dear Comrades!", (30, 30, 30)),
            credits=self.credits(
                [
                    ("director", people["konchalovsky"]),
                    ("screenplay", people["konchalovsky"]),
                    ("screenplay", people["kiseleva"]),
                    ("cinematography", people["naidenov"], {"label": "DoP"}),
                    ("editing", people["taraskin"]),
                    ("editing", people["maciejewska"]),
                    ("production_company", orgs["studios"]),
                    ("producer", people["usmanov"]),
                    ("producer", people["konchalovsky"]),
                    ("cast", people["vysotskaya"], {"character": "Lyudmila"}),
                    ("cast", people["komarov"]),
                    ("cast", people["gusev"]),
                    ("cast", people["erlish"]),
                    ("cast", people["burova"]),
                ]
            ),
        )
        f["short"] = self.upsert_page(
            index,
            m.FilmPage,
            "paper-boats",
            title="Paper Boats",
            logline="A ten-minute animated short about a flooded street and a brave fleet.",
            year=2021,
            countries=["DE"],
            runtime_minutes=10,
            spoken_languages=[],
            synopsis=_p("Children turn a flooded street into an ocean, one folded boat at a time."),
        )
        f["harbour"] = self.upsert_page(
            index,
            m.FilmPage,
            "the-harbour-at-night",
            title="The Harbour at Night",
            original_title="El puerto de noche",
            english_title="The Harbour at Night",
            logline="A night-shift crane operator and a stowaway share one long winter.",
            year=2024,
            countries=["ES", "PT"],
            runtime_minutes=104,
            runtime_note="plus a recorded introduction",
            spoken_languages=["es", "pt"],
            certificate="15",
            projection_format="dcp",
            synopsis=_p(
                "Marta works the cranes in Vigo while the city sleeps. When she finds a boy "
                "hiding between containers, she has one winter to decide whose rules matter."
            ),
            poster=placeholder_image("The Harbour at Night", (20, 50, 90)),
            credits=self.credits(
                [
                    ("director", people["domínguez"]),
                    ("screenplay", people["domínguez"]),
                    ("cinematography", people["okafor"]),
                ]
            ),
        )
        f["silent"] = self.upsert_page(
            index,
            m.FilmPage,
            "the-lighthouse-keepers",
            title="The Lighthouse Keepers",
            year=1927,
            countries=["GB"],
            runtime_minutes=78,
            projection_format="35mm",
            logline="A silent melodrama on a storm-battered rock, with live piano.",
            synopsis=_p(
                "Two keepers, one lamp and a winter storm: a restored silent drama shown "
                "from a 35mm print with a pianist in the pit."
            ),
            poster=placeholder_image("The Lighthouse Keepers", (90, 80, 50)),
        )
        for film, other in [("red_soul", "dear_comrades"), ("dear_comrades", "red_soul")]:
            if not f[film].related_films.filter(related=f[other]).exists():
                f[film].related_films = [m.RelatedFilm(related=f[other])]
                f[film].save_revision().publish()
        m.FilmographyEntry.objects.filter(title="The Red Soul").update(film=f["red_soul"])
        m.FilmographyEntry.objects.filter(title="Dear Comrades!").update(film=f["dear_comrades"])
        return f

    def build_seasons(self, index, orgs) -> dict[str, m.SeasonPage]:
        s = {}
        s["putin"] = self.upsert_page(
            index,
            m.SeasonPage,
            "putins-russia",
            title="Putin’s Russia: A 21st Century Film Mosaic",
            kind="series",
            start_date=self.days_ahead(-10),
            end_date=self.days_ahead(40),
            intro=_p(
                "A series of recent documentaries and dramas about how Russians remember, "
                "argue and live under the present government."
            ),
            hero_image=placeholder_image("Film Mosaic", (100, 20, 20)),
            partners=[m.SeasonPartner(organisation=orgs["dutchculture"], role="Supported by")],
        )
        s["festival"] = self.upsert_page(
            index,
            m.SeasonPage,
            "autumn-frames",
            title="Autumn Frames Festival",
            kind="festival",
            start_date=self.days_ahead(14),
            end_date=self.days_ahead(24),
            intro=_p(
                "Ten days of new international cinema in Wiesbaden, with local premieres, "
                "guests and late shows."
            ),
            partners=[m.SeasonPartner(organisation=orgs["reel"], role="Media partner")],
        )
        s["strand"] = self.upsert_page(
            s["festival"],
            m.SeasonPage,
            "history-lessons",
            title="History Lessons",
            kind="strand",
            start_date=self.days_ahead(14),
            end_date=self.days_ahead(24),
            intro=_p("Films that reopen the twentieth century."),
        )
        s["silent"] = self.upsert_page(
            index,
            m.SeasonPage,
            "silent-tuesdays",
            title="Silent Tuesdays",
            kind="series",
            start_date=self.days_ahead(-30),
            intro=_p("Silent classics with live music on the fourth Tuesday of the month."),
        )
        return s

    def build_screenings(self, f, v, s, prices) -> int:
        momi_screen = v["momi"].screens.first()
        riverside_1 = v["riverside"].screens.get(name="Screen 1")
        riverside_2 = v["riverside"].screens.get(name="Screen 2")
        keys = []

        def add(key, **fields):
            keys.append(key)
            return self.screening(key, **fields)

        add(
            "demo-red-soul-momi-2018",
            film=f["red_soul"],
            venue=v["momi"],
            screen=momi_screen,
            first_date=datetime.date(2018, 7, 15),
            show_times="14:00",
            ticket_url="https://movingimage.org/",
            seasons=[s["putin"]],
        )
        add(
            "demo-red-soul-momi-upcoming",
            film=f["red_soul"],
            venue=v["momi"],
            screen=momi_screen,
            first_date=self.days_ahead(3, weekday=6),
            show_times="14:00",
            ticket_url="https://movingimage.org/",
            introduced_by="Jessica Gorter",
            language_version="original_subtitled",
            audio_language="ru",
            subtitle_language="en",
            seasons=[s["putin"]],
        )
        add(
            "demo-dear-comrades-caligari-2021",
            film=f["dear_comrades"],
            venue=v["caligari"],
            first_date=datetime.date(2021, 11, 19),
            show_times="22:00",
            premiere="local",
            language_version="original_subtitled",
            audio_language="ru",
            subtitle_language="en",
            short_before=f["short"],
        )
        add(
            "demo-dear-comrades-festival",
            film=f["dear_comrades"],
            venue=v["caligari"],
            first_date=self.days_ahead(15),
            show_times="22:00",
            premiere="local",
            language_version="original_subtitled",
            audio_language="ru",
            subtitle_language="en",
            short_before=f["short"],
            seasons=[s["festival"], s["strand"], s["putin"]],
            ticket_url="https://tickets.example/caligari",
        )
        add(
            "demo-harbour-riverside-run",
            film=f["harbour"],
            venue=v["riverside"],
            screen=riverside_1,
            first_date=self.days_ahead(0),
            show_times="14:00, 19:30",
            recurrence=recurrence.Recurrence(
                rrules=[
                    recurrence.Rule(
                        recurrence.DAILY,
                        until=datetime.datetime.combine(self.days_ahead(13), datetime.time()),
                    )
                ],
                exrules=[recurrence.Rule(recurrence.WEEKLY, byday=[recurrence.TUESDAY])],
            ),
            language_version="original_subtitled",
            audio_language="es",
            subtitle_language="en",
            ticket_url="https://tickets.example/riverside",
            runtime_override=112,
        )
        add(
            "demo-harbour-riverside-late",
            film=f["harbour"],
            venue=v["riverside"],
            screen=riverside_2,
            first_date=self.days_ahead(4, weekday=4),
            show_times="00:30",
            recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=3)]),
            note="Late show: the café stays open.",
            language_version="original_subtitled",
            audio_language="es",
            subtitle_language="en",
            ticket_url="https://tickets.example/riverside",
        )
        add(
            "demo-harbour-relaxed",
            film=f["harbour"],
            venue=v["riverside"],
            screen=riverside_2,
            first_date=self.days_ahead(2, weekday=5),
            show_times="11:00",
            price_table=prices["relaxed"],
            access=["relaxed", "captioned", "audio-described"],
            language_version="original_subtitled",
            audio_language="es",
            subtitle_language="en",
            ticket_url="https://tickets.example/riverside",
        )
        add(
            "demo-harbour-baby",
            film=f["harbour"],
            venue=v["riverside"],
            screen=riverside_2,
            first_date=self.days_ahead(5, weekday=2),
            show_times="10:30",
            price_table=prices["relaxed"],
            access=["parent-and-baby"],
            status="sold_out",
            ticket_url="https://tickets.example/riverside",
        )
        add(
            "demo-silent-tuesdays",
            film=f["silent"],
            venue=v["riverside"],
            screen=riverside_1,
            first_date=self.days_ahead(-30),
            show_times="19:00",
            recurrence=recurrence.Recurrence(
                rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.TUESDAY(4)])],
                exrules=[recurrence.Rule(recurrence.DAILY, bymonth=[4])],
            ),
            live_or_encore="live",
            note="With live piano accompaniment.",
            access=["dementia-friendly"],
            seasons=[s["silent"]],
            ticket_url="https://tickets.example/riverside",
        )
        add(
            "demo-red-soul-riverside-qa",
            film=f["red_soul"],
            venue=v["riverside"],
            screen=riverside_1,
            first_date=self.days_ahead(9),
            show_times="18:15",
            q_and_a_with="Jessica Gorter and Marieke van der Winden",
            premiere="national",
            seasons=[s["putin"]],
            ticket_url="https://tickets.example/riverside",
        )
        cancelled = add(
            "demo-dear-comrades-riverside",
            film=f["dear_comrades"],
            venue=v["riverside"],
            screen=riverside_2,
            first_date=self.days_ahead(6),
            show_times="20:45",
            recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.DAILY, count=3)]),
            seasons=[s["putin"]],
            ticket_url="https://tickets.example/riverside",
        )
        # One night of a run cancelled on its own, as an editor would in the calendar.
        second_night = cancelled.occurrences.order_by("start")[1]
        second_night.status_override = "cancelled"
        second_night.note = "This show is cancelled; tickets are refunded automatically."
        second_night.save()
        return len(keys)

    def build_articles(self, home, people, orgs, prices, venue, film, season) -> m.ArticlePage:
        """An article index and one article composed like a museum's screening announcement.

        Facts (names, titles, dates, prices) come from the seed; the sentences are
        ours. The screening, price, person, venue and partner blocks read their
        snippets and pages when the article is shown, so it stays current.
        """
        index = self.upsert_page(
            home,
            m.ArticleIndexPage,
            "articles",
            title="Articles",
            intro=_p("Previews, interviews and notes from the people who plan the programme."),
        )
        upcoming = m.Screening.objects.get(external_id="demo-red-soul-momi-upcoming")
        first_run = m.Screening.objects.get(external_id="demo-red-soul-momi-2018")
        red_soul, momi, series = film["red_soul"], venue["momi"], season["putin"]

        def still(title: str, alt_text: str) -> dict:
            image = placeholder_image(title, (40, 40, 40))
            return {"image": image, "alt_text": alt_text, "decorative": False}

        body = [
            (
                "rich_text",
                _p(
                    f"<i>The Red Soul</i> is back at the {momi.title} in Queens. Jessica "
                    "Gorter’s documentary listens to Russians of every age as they argue "
                    "over Joseph Stalin: hero of the war to some, the man behind the camps "
                    "to others, and for many a bit of both.",
                    "Gorter introduces the afternoon show herself. The dates, prices and "
                    "ticket link below come straight from the museum’s listing, so they "
                    "change here the moment the museum changes them.",
                ),
            ),
            ("screening", {"screening": upcoming, "dates_shown": 3, "show_prices": False}),
            ("price_table", {"table": prices["momi"], "caption": "Tickets at the museum"}),
            (
                "call_to_action",
                {"label": "Book at the museum", "page": None, "url": "https://movingimage.org/"},
            ),
            (
                "rich_text",
                _p(
                    "The film is part of the museum’s series "
                    f'<a linktype="page" id="{series.pk}">{series.title}</a>, which brings '
                    "together recent films about how people in Russia live with the present "
                    "and remember the past."
                ),
            ),
            (
                "image",
                {
                    "image": still(
                        "The Red Soul – forest", "A man and a girl walking between tall pines"
                    ),
                    "caption": "Walking the forest where the dead were never named.",
                    "credit": "© Icarus Films",
                },
            ),
            ("heading", {"text": "A past that is still being argued over", "level": "h2"}),
            (
                "rich_text",
                _p(
                    "The purges reached into almost every household Gorter visits, yet "
                    "people seldom talk about them. A father takes his daughter "
                    "into the woods to look for unmarked graves; two elderly sisters "
                    "recall the morning their mother was taken away, and still choose "
                    "their words with care.",
                    "Around them, Stalin’s portrait is coming back into fashion. Gorter "
                    "does not lecture: she lets pride, grief and denial sit side by side, "
                    "and leaves the audience to weigh what a country owes its victims.",
                ),
            ),
            (
                "image",
                {
                    "image": still(
                        "The Red Soul – sisters", "Two elderly women sitting at a kitchen table"
                    ),
                    "caption": "Two sisters share what they can remember.",
                    "credit": "© Icarus Films",
                },
            ),
            ("film_card", {"film": red_soul, "show_next_screening": True}),
            ("person", {"person": people["gorter"], "role": "Director", "show_portrait": True}),
            (
                "rich_text",
                _p(
                    "This is not the film’s first visit to Astoria: the museum showed it on "
                    "Sunday 15 July 2018 at 2pm, in the same series."
                ),
            ),
            ("screening", {"screening": first_run, "dates_shown": 1, "show_prices": False}),
            ("venue", {"venue": momi, "show_description": True}),
            (
                "partner_logos",
                {"heading": "Supported by", "organisations": [orgs["dutchculture"]]},
            ),
        ]

        slug = "the-red-soul-back-in-queens"
        article = m.ArticlePage.objects.child_of(index).filter(slug=slug).first()
        if article is None:
            article = m.ArticlePage(slug=slug, title="The Red Soul")
            index.add_child(instance=article)
        article.title = "The Red Soul returns to Queens"
        article.date = self.days_ahead(-2)
        article.byline = "By the Northlight programme team"
        article.intro = (
            "Jessica Gorter’s film about Russia and the memory of Stalin screens again at "
            "the Museum of the Moving Image, introduced by the director."
        )
        article.hero_image = red_soul.poster
        article.hero_alt_text = "The title card of The Red Soul"
        article.hero_caption = ""
        article.hero_credit = "© Icarus Films"
        article.body = body
        article.related_films = [red_soul]
        article.related_seasons = [series]
        article.related_venues = [momi]
        article.tags.set(["Documentary", "Russia", "New York"])
        article.save_revision().publish()
        self.log(f"Article: {article.title}")
        return article

    def build_whats_on(self, home) -> m.WhatsOnPage:
        """The programme by day, with its filters and calendar feeds, at /whats-on/."""
        page = self.upsert_page(
            home,
            m.WhatsOnPage,
            "whats-on",
            title="What’s on",
            intro=_p(
                "Every screening at every venue, day by day. Choose a date, a venue, a season "
                "or the access you need, or add the whole programme to your calendar."
            ),
        )
        self.log(f"What’s on: {page.url}")
        return page
