"""Importing and exporting the programme: formats, dry runs, problems with lines, idempotency."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from programme.interchange import (
    InterchangeError,
    Source,
    export_csv,
    export_json,
    import_programme,
)
from programme.models import (
    FilmCredit,
    FilmPage,
    Occurrence,
    Organisation,
    Person,
    Screening,
    ScreeningLabel,
)
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreenFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    film_index,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "interchange"
CSV_FILES = ["people.csv", "films.csv", "screenings.csv"]


@pytest.fixture
def places():
    """What imports refer to but do not create: venues, screens, a season, prices, a label."""
    film_index()
    riverside = VenuePageFactory(
        title="Riverside Picture House", slug="riverside-picture-house", external_id="v-riverside"
    )
    caligari = VenuePageFactory(
        title="Caligari FilmBühne",
        slug="caligari-filmbuhne",
        external_id="v-caligari",
        country="DE",
        time_zone="Europe/Berlin",
    )
    ScreenFactory(venue=riverside, name="Screen 1")
    ScreenFactory(venue=riverside, name="Screen 2")
    season = SeasonPageFactory(title="Putin’s Russia", slug="putins-russia")
    PriceTableFactory(name="Riverside standard")
    ScreeningLabel.objects.get_or_create(slug="quiz", defaults={"name": "Film quiz"})
    return {"riverside": riverside, "caligari": caligari, "season": season}


def source(name: str, **kwargs) -> Source:
    return Source(name=name, content=(DATA / name).read_bytes(), **kwargs)


def run(*names: str, **kwargs):
    return import_programme([source(name) for name in names], **kwargs)


def problems_of(*names: str, **kwargs) -> list[str]:
    with pytest.raises(InterchangeError) as caught:
        run(*names, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def counts(report) -> dict:
    return {kind: dict(count) for kind, count in report.counts().items()}


def snapshot() -> tuple:
    return (
        Person.objects.count(),
        FilmPage.objects.count(),
        FilmCredit.objects.count(),
        Screening.objects.count(),
        Occurrence.objects.count(),
        Organisation.objects.count(),
        Revision.objects.count(),
    )


# -- happy paths -------------------------------------------------------------------------


def test_distributor_catalogue_in_json(places):
    report = run("catalogue.json")

    assert counts(report) == {
        "people": {"create": 5},
        "films": {"create": 2},
        "screenings": {"create": 2},
    }
    comrades = FilmPage.objects.get(external_id="f-dear-comrades")
    assert comrades.live and comrades.revisions.count() == 1
    assert comrades.get_parent().specific_class.__name__ == "FilmIndexPage"
    assert (comrades.year, comrades.runtime_minutes, comrades.original_title) == (
        2020,
        120,
        "Дорогие товарищи!",
    )
    assert [country.code for country in comrades.countries] == ["RU"]
    assert comrades.spoken_languages == ["ru"]
    assert comrades.world_sales.name == "Films Boutique"
    assert comrades.world_sales.kind == "world_sales"
    credits = [
        (c.role, c.name_as_credited, c.role_display, c.character) for c in comrades.credits.all()
    ]
    assert credits == [
        ("director", "Andrei Konchalovsky", "Director", ""),
        ("screenplay", "Andrei Konchalovsky", "Screenplay", ""),
        ("screenplay", "Elena Kiseleva", "Screenplay", ""),
        ("cinematography", "Andrey Naidenov", "DoP", ""),
        ("production_company", "Andrei Konchalovsky Studios", "Production company", ""),
        ("cast", "Julia Vysotskaya", "Cast", "Lyudmila"),
    ]
    assert comrades.credits.get(role="cast").person.external_id == "p-vysotskaya"
    award = comrades.awards.get()
    assert (award.name, award.festival, award.country.code, award.year) == (
        "Special Jury Prize",
        "Venice International Film Festival",
        "IT",
        2020,
    )

    red_soul = FilmPage.objects.get(external_id="f-red-soul")
    assert red_soul.projection_format == "dcp"
    assert red_soul.distributor.name == "Icarus Films"
    assert sorted(tag.name for tag in red_soul.subjects.all()) == [
        "History",
        "History (Cold War Era)",
        "Stalin",
    ]
    snoep = red_soul.credits.get(person__external_id="p-snoep")
    assert (snoep.suffix, snoep.is_main) == ("NSC", False)
    assert red_soul.quotes.get().publication == "The Hollywood Reporter (paraphrased)"
    assert [item.related.external_id for item in red_soul.related_films.all()] == [
        "f-dear-comrades"
    ]

    gorter = Person.objects.get(external_id="p-gorter")
    assert gorter.bio.startswith("<p>A Dutch documentary maker") and gorter.bio.count("<p>") == 2
    assert [(e.title, e.film_id) for e in gorter.filmography.all()] == [
        ("900 Days", None),
        ("The Red Soul", red_soul.pk),
    ]
    assert Person.objects.get(external_id="p-konchalovsky").birth_year == 1937

    run_ = Screening.objects.get(external_id="s-red-soul-riverside")
    assert run_.screen.name == "Screen 1"
    assert [season.slug for season in run_.seasons.all()] == ["putins-russia"]
    assert sorted(run_.access_flags.values_list("slug", flat=True)) == [
        "audio-described",
        "captioned",
    ]
    assert run_.price_table.name == "Riverside standard"
    # Three weekly dates, two times each: the shows exist without anyone saving the screening.
    assert run_.occurrences.count() == 6
    caligari = Screening.objects.get(external_id="s-comrades-caligari")
    assert (caligari.premiere, caligari.venue, caligari.occurrences.count()) == (
        "local",
        places["caligari"],
        1,
    )


def test_festival_programme_in_csv(places):
    report = run(*CSV_FILES)

    assert counts(report) == {
        "people": {"create": 2},
        "films": {"create": 1},
        "screenings": {"create": 2},
    }
    harbour = FilmPage.objects.get(external_id="f-harbour")
    assert sorted(country.code for country in harbour.countries) == ["ES", "PT"]
    assert harbour.spoken_languages == ["es", "pt"]
    assert (harbour.runtime_minutes, harbour.certificate) == (104, "15")
    credits = [
        (c.role, c.person.external_id if c.person_id else None, c.name_as_credited, c.character)
        for c in harbour.credits.all()
    ]
    assert credits == [
        ("director", "p-dominguez", "Lucía Domínguez", ""),
        ("screenplay", "p-dominguez", "Lucía Domínguez", ""),
        # A name in the cell finds the person of that name in the same import.
        ("cinematography", "p-okafor", "Adaeze Okafor", ""),
        ("cast", None, "Marta Ruiz", "Marta"),
    ]
    award = harbour.awards.get()
    assert (award.name, award.festival, award.nomination) == ("Golden Shell", "San Sebastián", True)

    run_ = Screening.objects.get(external_id="s-harbour-run")
    assert run_.status == "sold_out"  # Written as its label, "Sold out".
    assert run_.show_times == "14:00, 19:30"
    assert [label.slug for label in run_.labels.all()] == ["quiz"]
    # 1–7 March minus the 4th: six days, two shows each, all sold out.
    assert run_.occurrences.count() == 12
    assert set(run_.occurrences.values_list("status", flat=True)) == {"sold_out"}
    late = Screening.objects.get(external_id="s-harbour-late")
    assert late.venue == places["riverside"]  # By the venue's external ID.
    show = late.occurrences.get()
    assert show.business_date == datetime.date(2030, 3, 2)
    assert show.local_start.date() == datetime.date(2030, 3, 3)
    assert Person.objects.get(external_id="p-dominguez").bio == (
        "<p>Born in Vigo; studied at the ECAM in Madrid.</p>"
    )


# -- dry run and idempotency ---------------------------------------------------------------


def test_dry_run_reports_and_writes_nothing(places):
    before = snapshot()
    report = run("catalogue.json", dry_run=True)
    assert report.dry_run
    assert counts(report)["films"] == {"create": 2}
    assert snapshot() == before


def test_dry_run_lists_each_changed_field(places):
    run("catalogue.json")
    document = json.loads((DATA / "catalogue.json").read_text())
    document["films"][1]["runtime_minutes"] = 121
    document["films"][1]["countries"] = ["RU", "de"]
    document["screenings"][0]["times"] = "21:00"
    before = snapshot()

    report = import_programme([Source("changed.json", json.dumps(document).encode())], dry_run=True)

    assert snapshot() == before
    assert counts(report) == {
        "people": {"unchanged": 5},
        "films": {"unchanged": 1, "update": 1},
        "screenings": {"unchanged": 1, "update": 1},
    }
    film, screening = report.changed()
    assert [(c.column, c.old, c.new) for c in film.changes] == [
        ("countries", "RU", "RU | de"),
        ("runtime_minutes", "120", "121"),
    ]
    assert [(c.column, c.old, c.new) for c in screening.changes] == [("times", "22:00", "21:00")]


@pytest.mark.parametrize("files", [["catalogue.json"], CSV_FILES], ids=["json", "csv"])
def test_importing_twice_changes_nothing(places, files):
    run(*files)
    before = snapshot()
    shows = set(Occurrence.objects.values_list("pk", flat=True))

    report = run(*files)

    assert {kind: set(count) for kind, count in counts(report).items()} == {
        "people": {"unchanged"},
        "films": {"unchanged"},
        "screenings": {"unchanged"},
    }
    assert snapshot() == before  # No duplicate, no new revision.
    assert set(Occurrence.objects.values_list("pk", flat=True)) == shows


def test_a_changed_value_publishes_a_new_revision_and_moves_the_shows(places):
    run("catalogue.json")
    film = FilmPage.objects.get(external_id="f-dear-comrades")
    show = Occurrence.objects.get(screening__external_id="s-comrades-caligari")
    assert show.end - show.start == datetime.timedelta(minutes=120)
    film.logline = "An editor's draft"
    film.save_revision()  # Not published.
    document = json.loads((DATA / "catalogue.json").read_text())
    document["films"][1]["runtime_minutes"] = 135

    report = import_programme([Source("changed.json", json.dumps(document).encode())])

    assert counts(report)["films"] == {"unchanged": 1, "update": 1}
    film.refresh_from_db()
    assert film.runtime_minutes == 135 and film.revisions.count() == 3
    assert film.live_revision == film.latest_revision
    assert not film.has_unpublished_changes and film.logline == ""
    assert report.notes == [
        "film “Dear Comrades!” [f-dear-comrades] (changed.json:1): the draft an editor had not "
        "published was replaced."
    ]
    show = Occurrence.objects.get(screening__external_id="s-comrades-caligari")
    assert show.end - show.start == datetime.timedelta(minutes=135)


def test_records_made_in_the_admin_are_matched_by_slug_and_take_the_external_id(places):
    film = FilmPageFactory(title="The Harbour at Night", slug="the-harbour-at-night")

    report = run("people.csv", "films.csv")

    [record] = [record for record in report.changed() if record.schema.kind == "films"]
    assert record.action == "update"
    assert ("external_id", "(blank)", "f-harbour") in [
        (change.column, change.old, change.new) for change in record.changes
    ]
    film.refresh_from_db()
    assert film.external_id == "f-harbour" and FilmPage.objects.count() == 1
    assert counts(run("people.csv", "films.csv"))["films"] == {"unchanged": 1}


def test_two_records_for_one_film_are_refused(places):
    FilmPageFactory(title="Paper Boats", slug="paper-boats")
    document = {"films": [{"title": "Paper Boats"}, {"slug": "paper-boats", "title": "Boats"}]}

    with pytest.raises(InterchangeError) as caught:
        import_programme([Source("films.json", json.dumps(document).encode())])

    assert [str(problem) for problem in caught.value.problems] == [
        "films.json:1: films[1]: This is the same film as films[0] (line 1 of films.json)."
    ]


# -- problems ------------------------------------------------------------------------------


def test_every_problem_of_a_csv_file_is_reported_with_its_line(places):
    run("people.csv", "films.csv")
    before = snapshot()

    problems = problems_of("screenings-broken.csv")

    name = "screenings-broken.csv"
    assert problems[0] == (
        f"{name}:3: date: “19/11/2021” is not a date: write it as YYYY-MM-DD, e.g. 2021-11-19."
    )
    assert problems[1].startswith(f"{name}:4: film: No film has the external ID or slug “f-nope”")
    assert problems[2].startswith(f"{name}:5: recurrence: Not a repeat rule")
    assert problems[3].startswith(f"{name}:6: times: “7pm” is not a time")
    assert problems[4] == f"{name}:7: The external ID “s-good” is also on line 2 of {name}."
    assert problems[5].startswith(f"{name}:8: screen: The venue has no screen “Screen 9”")
    assert problems[6].startswith(f"{name}:8: access_flags item 1: No access flag “glitter-ball”")
    assert len(problems) == 7
    # The good first row was not saved either.
    assert snapshot() == before


def test_json_problems_have_lines_and_paths(places):
    problems = problems_of("invalid.json")

    assert problems[:5] == [
        "invalid.json:3: people[0].name: A value is required.",
        "invalid.json:7: films[1].year: “nineteen” is not a whole number.",
        "invalid.json:7: films[1].countries: “Atlantis” is not a country: use its ISO 3166 "
        "code, e.g. NL or GB.",
        "invalid.json:12: films[1].credits[0]: No person has the external ID or slug "
        "“p-ghost”, in this import or the database.",
        "invalid.json:12: films[1].credits[1]: “gaffer” is not one of: director, screenplay, "
        "cinematography, editing, music, sound, production_design, producer, "
        "production_company, cast, other.",
    ]
    assert problems[5].startswith(
        "invalid.json:16: screenings[0]: Unknown key colour. The keys of screenings are: "
        "external_id, film,"
    )
    assert problems[6] == (
        "invalid.json:16: screenings[0].venue: No venue has the external ID or slug “nowhere”, "
        "in this import or the database."
    )
    assert len(problems) == 7
    assert FilmPage.objects.count() == 0  # "A Fine Film" was valid, and was not saved.


def test_unreadable_files(places):
    assert problems_of("broken-syntax.json") == [
        "broken-syntax.json:4: The JSON cannot be read: Expecting ',' delimiter (column 5)."
    ]
    assert problems_of("empty.csv") == ["empty.csv: The file is empty."]
    [latin1] = problems_of("people-latin1.csv")
    assert latin1.startswith("people-latin1.csv:2: The file is not UTF-8 text (byte 0xE9")
    [unknown] = problems_of("films-unknown-column.csv")
    assert unknown.startswith(
        "films-unknown-column.csv:1: Unknown columns directr, runtime. The columns of films are:"
    )
    # Problems in several files come together.
    assert len(problems_of("empty.csv", "broken-syntax.json", "screenings-broken.csv")) > 2


def test_the_command_fails_without_a_traceback_and_writes_nothing(places):
    with pytest.raises(CommandError) as caught:
        call_command("import_programme", str(DATA / "invalid.json"), stdout=io.StringIO())
    message = str(caught.value)
    assert message.startswith("7 problems found; nothing was imported.")
    assert "invalid.json:7: films[1].year" in message
    assert FilmPage.objects.count() == Person.objects.count() == 0


def test_the_command_dry_run_prints_what_would_change(places):
    out = io.StringIO()
    call_command(
        "import_programme", *(str(DATA / name) for name in CSV_FILES), "--dry-run", stdout=out
    )
    text = out.getvalue()
    assert "Dry run: nothing was written." in text
    assert "films: 1 to create, 0 to update, 0 unchanged" in text
    assert "create film “The Harbour at Night” [f-harbour] (films.csv:2)" in text
    assert FilmPage.objects.count() == 0


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stderr", "options", "shown"),
    [(Terminal, [], True), (Terminal, ["--no-progress"], False), (io.StringIO, [], False)],
    ids=["terminal", "no-progress", "not-a-terminal"],
)
def test_progress_bar_only_on_a_terminal(places, stderr, options, shown):
    err = stderr()
    call_command(
        "import_programme", str(DATA / "catalogue.json"), *options, stdout=io.StringIO(), stderr=err
    )
    assert ("Importing: 100%" in err.getvalue()) is shown
    if shown:  # Each bar redraws its own line: one line for checking, one for importing.
        assert err.getvalue().count("\n") == 2


def test_checking_unchanged_records_takes_the_same_queries_however_many(places):
    def programme(screenings: int) -> Source:
        document = json.loads((DATA / "catalogue.json").read_text())
        run_ = document["screenings"][1]
        document["screenings"] = [
            {**run_, "external_id": f"s-{day}", "date": f"2030-03-{day:02d}"}
            for day in range(1, screenings + 1)
        ]
        return Source("programme.json", json.dumps(document).encode())

    queries = []
    for size in (3, 9):
        import_programme([programme(size)])
        with CaptureQueriesContext(connection) as context:
            report = import_programme([programme(size)], dry_run=True)
        assert report.counts()["screenings"] == {"unchanged": size}
        queries.append(len(context.captured_queries))
    assert queries[0] == queries[1]


# -- export and round trips ------------------------------------------------------------------


def test_export_then_import_into_the_same_database_changes_nothing(places, tmp_path):
    run("catalogue.json", *CSV_FILES)
    # Records made in the admin, without external IDs: matched by slug and by film, venue,
    # date and times.
    film = FilmPage.objects.get(external_id="f-harbour")
    ScreeningFactory(film=film, venue=places["riverside"], show_times="18:00")
    Person.objects.create(name="Someone Without An ID")
    call_command("export_programme", "--output", str(tmp_path / "programme.json"))
    call_command("export_programme", "--output", f"{tmp_path}/csv/")
    before = snapshot()

    for files in (["programme.json"], [f"csv/{kind}.csv" for kind in ("people", "films")]):
        sources = [Source(name, (tmp_path / name).read_bytes()) for name in files]
        report = import_programme(sources)
        assert {action for count in report.counts().values() for action in count} == {"unchanged"}
    sources = [Source("screenings.csv", (tmp_path / "csv/screenings.csv").read_bytes())]
    assert set(import_programme(sources).counts()["screenings"]) == {"unchanged"}
    assert snapshot() == before


def test_export_then_import_into_an_empty_database_gives_the_same_programme(places):
    run("catalogue.json", *CSV_FILES)
    exported = export_json()
    csv_exports = {kind: export_csv(kind) for kind in ("people", "films", "screenings")}
    empty_the_programme()

    report = import_programme([Source("programme.json", exported.encode())])
    assert {action for count in report.counts().values() for action in count} == {"create"}
    assert export_json() == exported

    empty_the_programme()
    import_programme([Source(f"{kind}.csv", text.encode()) for kind, text in csv_exports.items()])
    assert export_json() == exported
    assert {kind: export_csv(kind) for kind in csv_exports} == csv_exports


def empty_the_programme():
    Screening.objects.all().delete()
    for film in FilmPage.objects.all():
        film.delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    assert Occurrence.objects.count() == 0


def test_export_command_formats(places, tmp_path):
    run("catalogue.json")
    out = io.StringIO()
    call_command("export_programme", "--format", "csv", "--kind", "screenings", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("external_id,film,programme_title,")
    assert len(lines) == 3
    out = io.StringIO()
    call_command("export_programme", "--kind", "films", stdout=out)
    document = json.loads(out.getvalue())
    assert set(document) == {"version", "films"}
    dear = next(film for film in document["films"] if film["external_id"] == "f-dear-comrades")
    assert dear["credits"][-1] == {
        "role": "cast",
        "person": "p-vysotskaya",
        "character": "Lyudmila",
    }
    with pytest.raises(CommandError, match="A CSV file holds one kind"):
        call_command("export_programme", "--format", "csv", stdout=io.StringIO())


def test_imported_child_rows_keep_the_files_order(places):
    from programme.models import FilmPage

    run("catalogue.json")
    for film in FilmPage.objects.all():
        for relation in ("credits", "quotes", "awards"):
            orders = list(getattr(film, relation).values_list("sort_order", flat=True))
            assert orders == list(range(len(orders))), (film.title, relation, orders)
