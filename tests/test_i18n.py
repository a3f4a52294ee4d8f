"""German pages and a German catalogue that is complete and fresh.

The plugin ships ``programme/locale/de`` as proof that every reader- and editor-facing
string is translatable: these tests render the main pages in German, check that money
and dates follow the language, and fail when a string is added without a translation.
"""

import datetime
import re
import shutil
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import programme
from programme import formatting
from programme.models import WhatsOnPage
from programme.models.whats_on import current_business_date
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreenFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
    home_page,
)

PLUGIN = Path(programme.__file__).parent
ROOT = PLUGIN.parent
CATALOGUE = PLUGIN / "locale" / "de" / "LC_MESSAGES" / "django.po"
NBSP = "\N{NO-BREAK SPACE}"
DAY = datetime.timedelta(days=1)

GERMAN = override_settings(LANGUAGE_CODE="de", LANGUAGES=[("de", "Deutsch"), ("en-gb", "English")])


@pytest.fixture
def german():
    with GERMAN, translation.override("de"):
        yield


def get(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def german_date(day: datetime.date) -> str:
    with translation.override("de"):
        return formatting.format_date(day)


# -- formatting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", ["8,50 €", "12 €", "Eintritt frei", "Freitag, 4. Dezember 2026"]),
        ("en-gb", ["€8.50", "€12", "Free", "Friday, 4 December 2026"]),
        ("de-at", ["€ 8,50", "€ 12", "Eintritt frei", "Freitag, 4. Dezember 2026"]),
        ("xx", ["€8.50", "€12", "Free", "Friday, December 4, 2026"]),
    ],
)
def test_money_and_dates_follow_the_active_language(language, expected):
    day = datetime.date(2026, 12, 4)
    with translation.override(language):
        got = [
            formatting.format_money(Decimal("8.50"), "EUR"),
            formatting.format_money(Decimal("12"), "EUR"),
            formatting.format_money(Decimal("0"), "EUR"),
            formatting.format_date(day),
        ]
    assert [text.replace(NBSP, " ") for text in got] == expected


def test_weekday_day_and_month_in_the_languages_own_order():
    day = datetime.date(2026, 12, 4)
    with translation.override("de"):
        assert formatting.format_date_skeleton(day, "MMMMEEEEd") == "Freitag, 4. Dezember"
        assert formatting.format_date_skeleton(day, "yMMMMd") == "4. Dezember 2026"
        assert formatting.format_number(12000) == "12.000"
        assert formatting.language_name("ru") == "Russisch"
    with translation.override("en-gb"):
        assert formatting.format_date_skeleton(day, "MMMMEEEEd") == "Friday 4 December"
        assert formatting.language_name("ru") == "Russian"


def test_the_old_template_filters_delegate_to_formatting():
    from programme.templatetags import programme_tags

    day = datetime.date(2026, 12, 4)
    with translation.override("de"):
        assert programme_tags.money(Decimal("8.50"), "EUR") == f"8,50{NBSP}€"
        assert programme_tags.long_date(day) == "Freitag, 4. Dezember 2026"
        assert programme_tags.day_month(day) == "Freitag, 4. Dezember"
        assert programme_tags.runtime(95) == "95 Min."


def test_editor_errors_are_translated():
    from programme import recurrence as expansion

    with translation.override("de"), pytest.raises(expansion.RuleError) as error:
        expansion.parse_show_times("halb acht")
    assert str(error.value).startswith("„halb“ ist keine Uhrzeit")


# -- pages in German --------------------------------------------------------------------


@pytest.fixture
def euro_venue():
    prices = PriceTableFactory(
        currency="EUR", rows=[("Normal", "8.50", ""), ("Ermäßigt", "6", "mit Ausweis")]
    )
    venue = VenuePageFactory(
        title="Caligari FilmBühne",
        locality="Wiesbaden",
        country="DE",
        time_zone="Europe/Berlin",
        default_price_table=prices,
        step_free_access=True,
        wheelchair_spaces=2,
    )
    ScreenFactory(venue=venue, name="Saal 1", capacity=1)
    return venue


@pytest.mark.django_db
def test_venue_page_in_german(client, german, euro_venue):
    film = FilmPageFactory(title="Liebe Genossen!")
    day = current_business_date() + 2 * DAY
    ScreeningFactory(
        film=film,
        venue=euro_venue,
        first_date=day,
        language_version="original_subtitled",
        audio_language="ru",
        subtitle_language="de",
        premiere="local",
    )
    html = get(client, euro_venue.url)
    for words in [
        "Barrierefreiheit",
        "Stufenloser Zugang",
        "2 Rollstuhlplätze",
        "Saal 1: 1 Platz",
        '<h2 id="prices-heading">Preise</h2>',
        ">Tarif</th>",
        "Hier im Programm",
        "Lokalpremiere",
        "Originalfassung (Russisch) mit Untertiteln (Deutsch)",
        "In den Kalender eintragen",
        german_date(day),
    ]:
        assert words in html, words
    assert f"<td>8,50{NBSP}€</td>" in html
    assert f"<td>6{NBSP}€</td>" in html
    assert f"ab 6{NBSP}€" in html
    # JSON-LD stays in English (schema.org amenity names are data, not text for readers).
    text = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert ">Prices<" not in text and "Step-free" not in text


@pytest.mark.django_db
def test_film_page_in_german(client, german, euro_venue):
    film = FilmPageFactory(title="Liebe Genossen!", runtime_minutes=120)
    day = current_business_date() + 3 * DAY
    ScreeningFactory(
        film=film,
        venue=euro_venue,
        first_date=day,
        show_times="22:00",
        ticket_url="https://tickets.example/",
    )
    html = get(client, film.url)
    for words in [
        "<dt>Länge</dt><dd>120 Min.",
        '<h2 id="screenings-heading">Vorstellungen</h2>',
        f"<h4>{german_date(day)}</h4>",
        ">22:00</time>",
        f"ab 6{NBSP}€",
        'Tickets<span class="visually-hidden"> für Liebe Genossen!,',
    ]:
        assert words in html, words
    assert "Screenings" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)


@pytest.mark.django_db
def test_season_page_in_german(client, german, euro_venue):
    start = datetime.date(2026, 12, 4)
    season = SeasonPageFactory(
        title="Russische Filmwoche", start_date=start, end_date=start + 6 * DAY
    )
    html = get(client, season.url)
    assert "Freitag, 4. Dezember 2026" in html
    assert "Donnerstag, 10. Dezember 2026" in html
    assert '<h2 id="films-heading">Filme</h2>' in html
    assert "Die Filme dieser Reihe werden in Kürze bekannt gegeben." in html


@pytest.mark.django_db
def test_whats_on_page_in_german(client, german, euro_venue):
    page = WhatsOnPage(title="Spielplan", slug="spielplan")
    home_page().add_child(instance=page)
    today = current_business_date()
    ScreeningFactory(
        film=FilmPageFactory(title="Liebe Genossen!"),
        venue=euro_venue,
        first_date=today,
        show_times="23:30",
        q_and_a_with="Andrei Konchalowski",
        status="sold_out",
    )
    html = get(client, page.url)
    for words in [
        f"{german_date(today)} <small>(heute)</small>",
        "Filmgespräch mit Andrei Konchalowski",
        "Ausverkauft",
        "Termine und Vorstellungen auswählen",
        "Vorstellungen anzeigen",
        "Nächster Tag",
        "1 Vorstellung.",
        "Alle Zeiten in Ortszeit der jeweiligen Spielstätte.",
    ]:
        assert words in html, words
    empty_day = today + 20 * DAY
    empty = get(client, page.url + f"?date={empty_day.isoformat()}")
    assert f"Am {german_date(empty_day)} gibt es keine Vorstellungen." in empty


@pytest.mark.django_db
def test_the_page_cache_keeps_languages_apart(client, euro_venue):
    languages = [("de", "Deutsch"), ("en-gb", "English")]
    with override_settings(LANGUAGES=languages, PROGRAMME_PAGE_CACHE=True):
        english = client.get(euro_venue.url, HTTP_ACCEPT_LANGUAGE="en-gb")
        german = client.get(euro_venue.url, HTTP_ACCEPT_LANGUAGE="de")
        english_again = client.get(euro_venue.url, HTTP_ACCEPT_LANGUAGE="en-gb")
        german_again = client.get(euro_venue.url, HTTP_ACCEPT_LANGUAGE="de")
    assert "Prices" in english.content.decode() and "€8.50" in english.content.decode()
    assert "Preise" in german.content.decode()
    assert f"8,50{NBSP}€" in german.content.decode()
    assert english_again["X-Programme-Cache"] == german_again["X-Programme-Cache"] == "hit"
    assert english_again.content == english.content
    assert german_again.content == german.content


# -- the catalogue ----------------------------------------------------------------------


def _key(entry: polib.POEntry) -> tuple[str | None, str, str]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


#: The plugin's catalogue, and the demo site's (base.html, home, search) beside it.
CATALOGUES = {
    "programme": CATALOGUE,
    "site": ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po",
}
#: What makemessages reads for each catalogue, relative to the repository root.
SOURCES = {
    "programme": ["programme"],
    "site": ["templates", "home", "search", "site_config", "locale"],
}


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_the_german_catalogue_is_complete(catalogue):
    po = polib.pofile(str(catalogue))
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    po = polib.pofile(str(catalogue))
    mo = polib.mofile(str(catalogue.with_suffix(".mo")))
    compiled = {_key(e): (e.msgstr, e.msgstr_plural) for e in mo}
    source = {_key(e): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    assert compiled == source, "run compilemessages"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="makemessages needs GNU gettext")
@pytest.mark.parametrize("name", CATALOGUES.keys())
def test_the_german_catalogue_has_every_string_makemessages_finds(name, tmp_path, monkeypatch):
    for source in SOURCES[name]:
        shutil.copytree(
            ROOT / source, tmp_path / source, ignore=shutil.ignore_patterns("__pycache__")
        )
    root = tmp_path / SOURCES[name][0] if name == "programme" else tmp_path
    monkeypatch.chdir(root)
    with override_settings(LOCALE_PATHS=[] if name == "programme" else [tmp_path / "locale"]):
        call_command("makemessages", locale=["de"], verbosity=0, add_location="file")
    fresh = polib.pofile(str(root / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    shipped = polib.pofile(str(CATALOGUES[name]))
    wanted = {_key(e) for e in fresh if not e.obsolete}
    have = {_key(e) for e in shipped if not e.obsolete}
    assert sorted(wanted - have, key=str) == [], "run makemessages and translate"
    assert sorted(have - wanted, key=str) == [], "run makemessages"


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_translations_keep_the_markup_and_placeholders_of_their_msgid(catalogue):
    tag = re.compile(r"</?[a-z][^>]*>")
    placeholder = re.compile(r"%\((\w+)\)s")
    for entry in polib.pofile(str(catalogue)).translated_entries():
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for target in targets:
            assert tag.findall(target) == tag.findall(sources[-1]), entry.msgid
            assert set(placeholder.findall(target)) == set(placeholder.findall(sources[-1])), (
                entry.msgid
            )
