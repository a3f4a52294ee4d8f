"""The programme in the Wagtail admin: snippets, the Screening form, the calendar, permissions."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.fields import StreamField
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from programme.choices import ScreeningStatus
from programme.models import AccessFlag, Occurrence, PriceTable, Screening
from programme.permissions import grant_group_permissions
from tests.factories import (
    FilmPageFactory,
    OrganisationFactory,
    PersonFactory,
    PriceTableFactory,
    ScreenFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
)

pytestmark = pytest.mark.django_db

SNIPPETS = ["screening", "pricetable", "person", "organisation", "accessflag"]
CALENDAR_URL = "/admin/programme/occurrence/"


def snippet_url(model_name, action="list", pk=None):
    name = f"wagtailsnippets_programme_{model_name}:{action}"
    return reverse(name, args=[pk] if pk is not None else [])


def today():
    return timezone.localdate()


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def editor():
    grant_group_permissions()
    user = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def one_of_each():
    """One instance of every snippet, keyed by model name."""
    return {
        "screening": ScreeningFactory(),
        "pricetable": PriceTableFactory(),
        "person": PersonFactory(),
        "organisation": OrganisationFactory(),
        "accessflag": AccessFlag.objects.first(),
    }


# --- Menus and snippet pages ---------------------------------------------------------


def test_programme_menu_groups_the_snippets_and_the_calendar(superuser_client):
    response = superuser_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in [*(snippet_url(name) for name in SNIPPETS), CALENDAR_URL]:
        assert url in html
    assert "Programme calendar" in html


@pytest.mark.parametrize("model_name", SNIPPETS)
@pytest.mark.parametrize("who", ["superuser_client", "editor_client"])
def test_snippet_list_create_and_edit_pages_load(request, one_of_each, model_name, who):
    client = request.getfixturevalue(who)
    instance = one_of_each[model_name]
    for url in [
        snippet_url(model_name),
        snippet_url(model_name, "add"),
        snippet_url(model_name, "edit", instance.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_editors_see_the_programme_menu_too(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert snippet_url("screening") in html
    assert CALENDAR_URL in html


def test_screening_list_exports_csv(superuser_client):
    ScreeningFactory(
        film=FilmPageFactory(title="Exported film"),
        show_times="20:00",
        recurrence="RRULE:FREQ=WEEKLY;COUNT=2",
    )
    response = superuser_client.get(snippet_url("screening"), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["Title", "Venue"]
    assert rows[1][0] == "Exported film"
    assert {"20:00", "Scheduled"} <= set(rows[1])
    assert any("FREQ=WEEKLY" in cell for cell in rows[1])


def test_snippet_lists_show_their_columns(superuser_client):
    film = FilmPageFactory(title="Stalker")
    venue = VenuePageFactory(title="The Lexi")
    ScreeningFactory(
        film=film,
        venue=venue,
        show_times="18:00, 20:45",
        recurrence="RRULE:FREQ=WEEKLY;COUNT=3",
    )
    PriceTableFactory(name="Standard", rows=[("Full", "12.50", ""), ("Members", "0", "")])
    person = PersonFactory(name="Andrei Tarkovsky", sort_name="Tarkovsky, Andrei")
    film.credits.create(role="director", person=person)
    film.save()
    OrganisationFactory(name="Curzon", kind="distributor")

    html = superuser_client.get(snippet_url("screening")).content.decode()
    for text in ["Stalker", "The Lexi", "18:00, 20:45", "Scheduled", "Next show", "Repeats"]:
        assert text in html
    html = superuser_client.get(snippet_url("pricetable")).content.decode()
    assert "Standard" in html and "12.50 GBP" in html
    response = superuser_client.get(snippet_url("person"))
    row = BeautifulSoup(response.content, "html.parser").select_one("table tbody tr")
    assert [cell.get_text(strip=True) for cell in row.find_all("td")][-2:] == [
        "Tarkovsky, Andrei",
        "1",
    ]
    html = superuser_client.get(snippet_url("organisation")).content.decode()
    assert "Curzon" in html and "Distributor" in html


# --- Screening list: filters and search ------------------------------------------------


@pytest.fixture
def screening_list():
    rio, lexi = VenuePageFactory(title="Rio"), VenuePageFactory(title="Lexi")
    season = SeasonPageFactory(title="Noir season")
    return {
        "rio_noir": ScreeningFactory(
            film=FilmPageFactory(title="Double Indemnity"),
            venue=rio,
            seasons=[season],
            first_date=today() + days(2),
        ),
        "lexi_captioned": ScreeningFactory(
            film=FilmPageFactory(title="Paris, Texas"),
            venue=lexi,
            access_flags=["captioned"],
            first_date=today() + days(20),
        ),
        "rio_cancelled": ScreeningFactory(
            film=FilmPageFactory(title="Le Samouraï"),
            venue=rio,
            status=ScreeningStatus.CANCELLED,
            first_date=today() + days(40),
        ),
        "rio": rio,
        "season": season,
    }


def listed(response, names):
    """Which of ``names`` appear in the result rows (not in the filters' choices)."""
    soup = BeautifulSoup(response.content, "html.parser")
    text = " ".join(row.get_text(" ", strip=True) for row in soup.select("table tbody tr"))
    return {name for name in names if name in text}


def _titles(response):
    return listed(response, ["Double Indemnity", "Paris, Texas", "Le Samouraï"])


@pytest.mark.parametrize(
    "params, expected",
    [
        (lambda d: {}, {"Double Indemnity", "Paris, Texas", "Le Samouraï"}),
        (lambda d: {"venue": d["rio"].pk}, {"Double Indemnity", "Le Samouraï"}),
        (lambda d: {"season": d["season"].pk}, {"Double Indemnity"}),
        (lambda d: {"status": "cancelled"}, {"Le Samouraï"}),
        (
            lambda d: {"access_flag": AccessFlag.objects.get(slug="captioned").pk},
            {"Paris, Texas"},
        ),
        (
            lambda d: {
                "first_date_from": (today() + days(10)).isoformat(),
                "first_date_to": (today() + days(30)).isoformat(),
            },
            {"Paris, Texas"},
        ),
        (lambda d: {"q": "indemnity"}, {"Double Indemnity"}),
        (lambda d: {"q": "Texas", "venue": d["rio"].pk}, set()),
    ],
    ids=["all", "venue", "season", "status", "access", "date-range", "search", "search+venue"],
)
def test_screening_list_filters_and_search(superuser_client, screening_list, params, expected):
    response = superuser_client.get(snippet_url("screening"), params(screening_list))
    assert response.status_code == 200
    assert _titles(response) == expected
    # The results-only view that the filters and search box use answers the same.
    response = superuser_client.get(
        snippet_url("screening", "list_results"), params(screening_list)
    )
    assert response.status_code == 200
    assert _titles(response) == expected


# --- Creating and editing screenings through the form ---------------------------------


@pytest.fixture
def film_and_venue():
    venue = VenuePageFactory(title="Rio", time_zone="Europe/London")
    return FilmPageFactory(title="Vertigo", runtime_minutes=128), venue


def screening_post(film_page, venue_page, **fields):
    data = {
        "film": film_page.pk,
        "venue": venue_page.pk,
        "first_date": (today() + days(7)).isoformat(),
        "show_times": "19:30",
        "recurrence": "",
        "status": "scheduled",
    }
    data.update(fields)
    return data


def test_creating_a_screening_with_a_rule_creates_its_shows(superuser_client, film_and_venue):
    film, venue = film_and_venue
    first = today() + days(7)
    response = superuser_client.post(
        snippet_url("screening", "add"),
        screening_post(
            film,
            venue,
            first_date=first.isoformat(),
            show_times="19.30, 14:00",
            recurrence=f"RRULE:FREQ=WEEKLY;COUNT=4\nEXDATE:{(first + days(14)):%Y%m%d}T000000Z",
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    screening = Screening.objects.get(film=film)
    assert screening.show_times == "14:00, 19:30"  # tidied by the form
    shows = Occurrence.objects.filter(screening=screening).order_by("start")
    local = [
        (show.start.astimezone(venue.zone).date(), show.start.astimezone(venue.zone).time())
        for show in shows
    ]
    expected_dates = [first, first + days(7), first + days(21)]  # the third week is excluded
    assert local == [
        (day, datetime.time(hour, minute))
        for day in expected_dates
        for hour, minute in [(14, 0), (19, 30)]
    ]
    assert {show.status for show in shows} == {"scheduled"}


def test_editing_a_screening_rule_regenerates_its_shows(superuser_client, film_and_venue):
    film, venue = film_and_venue
    screening = ScreeningFactory(film=film, venue=venue, recurrence="RRULE:FREQ=DAILY;COUNT=3")
    assert screening.occurrences.count() == 3
    edit_url = snippet_url("screening", "edit", screening.pk)
    data = querydict_from_html(
        superuser_client.get(edit_url).content.decode(), form_id="w-editor-form"
    )
    assert (
        data["recurrence"].strip().startswith("RRULE:FREQ=DAILY")
    )  # the saved rule is in the form
    data["recurrence"] = "RRULE:FREQ=DAILY;COUNT=5"
    response = superuser_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert screening.occurrences.count() == 5


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"recurrence": "RRULE:FREQ=HOURLY"}, "repeats at most daily"),
        ({"recurrence": "RRULE:FREQ=DAILY;COUNT=10"}, "more than 5"),
        ({"recurrence": "RRULE:FREQ=DAILY"}, "more than 5"),
        ({"recurrence": "garbage"}, "could not be read"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;INTERVAL=0"}, "could not be read"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;BYSETPOS=400"}, "could not be read"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;UNTIL=tomorrow"}, "could not be read"),
        ({"show_times": "7pm"}, "is not a time"),
        ({"show_times": "25:00"}, "is not a time of day"),
        ({"show_times": ""}, "This field is required"),
        ({"venue": "", "recurrence": "RRULE:FREQ=DAILY;COUNT=2"}, "This field is required"),
        ({"first_date": "", "recurrence": "RRULE:FREQ=DAILY;COUNT=2"}, "This field is required"),
    ],
    ids=[
        "hourly",
        "too-many",
        "open-ended-daily",
        "garbage",
        "interval-0",
        "bysetpos",
        "bad-until",
        "7pm",
        "25:00",
        "no-times",
        "no-venue",
        "no-date",
    ],
)
def test_invalid_screenings_are_form_errors(
    superuser_client, film_and_venue, settings, fields, message
):
    settings.PROGRAMME_MAX_OCCURRENCES_PER_SCREENING = 5
    film, venue = film_and_venue
    response = superuser_client.post(
        snippet_url("screening", "add"), screening_post(film, venue, **fields)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "error-message" in html or "w-field__errors" in html
    assert not Screening.objects.exists()
    assert not Occurrence.objects.exists()


def test_invalid_rule_on_edit_keeps_the_old_shows(superuser_client, film_and_venue):
    film, venue = film_and_venue
    screening = ScreeningFactory(film=film, venue=venue, recurrence="RRULE:FREQ=DAILY;COUNT=3")
    edit_url = snippet_url("screening", "edit", screening.pk)
    data = querydict_from_html(
        superuser_client.get(edit_url).content.decode(), form_id="w-editor-form"
    )
    data["recurrence"] = "RRULE:FREQ=HOURLY;COUNT=3"
    response = superuser_client.post(edit_url, data)
    assert response.status_code == 200
    assert "repeats at most daily" in response.content.decode()
    screening.refresh_from_db()
    assert "DAILY" in str(screening.recurrence)
    assert screening.occurrences.count() == 3


def test_screening_form_loads_the_rule_editor_with_its_catalogue(superuser_client):
    html = superuser_client.get(snippet_url("screening", "add")).content.decode()
    catalogue = reverse("programme_admin_recurrence_jsi18n")
    assert f'src="{catalogue}"' in html
    assert html.index(catalogue) < html.index("recurrence/js/recurrence.js")
    assert html.index("recurrence/js/recurrence.js") < html.index(
        "programme/admin/recurrence-widget.js"
    )
    assert 'class="recurrence-widget' in html
    response = superuser_client.get(catalogue)
    assert response.status_code == 200
    assert b"gettext" in response.content


# --- Price tables ---------------------------------------------------------------------


def price_table_post(rows, **fields):
    data = {"name": "Evening", "currency": "GBP", "footnote": ""}
    data.update(fields)
    return nested_form_data({**data, "rows": inline_formset(rows, min=1)})


def test_price_table_is_created_with_its_rows(superuser_client):
    response = superuser_client.post(
        snippet_url("pricetable", "add"),
        price_table_post(
            [
                {"label": "Full", "amount": "12.00", "conditions": "", "ORDER": "0", "DELETE": ""},
                {
                    "label": "Under 18",
                    "amount": "6.50",
                    "conditions": "",
                    "ORDER": "1",
                    "DELETE": "",
                },
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    table = PriceTable.objects.get(name="Evening")
    assert [(row.label, row.amount) for row in table.rows.all()] == [
        ("Full", Decimal("12.00")),
        ("Under 18", Decimal("6.50")),
    ]


@pytest.mark.parametrize(
    "rows, fields, message",
    [
        (
            [{"label": "Full", "amount": "-1.00", "conditions": "", "ORDER": "0", "DELETE": ""}],
            {},
            "greater than or equal to 0",
        ),
        (
            [{"label": "Full", "amount": "12.00", "conditions": "", "ORDER": "0", "DELETE": ""}],
            {"currency": "ZZZ"},
            "Select a valid choice",
        ),
        ([], {}, "Add at least one price"),
        (
            [{"label": "Full", "amount": "12.00", "conditions": "", "ORDER": "0", "DELETE": "on"}],
            {},
            "Add at least one price",
        ),
        (
            [{"label": "Full", "amount": "twelve", "conditions": "", "ORDER": "0", "DELETE": ""}],
            {},
            "Enter a number",
        ),
    ],
    ids=["negative", "unknown-currency", "no-rows", "all-deleted", "not-a-number"],
)
def test_invalid_price_tables_are_form_errors(superuser_client, rows, fields, message):
    response = superuser_client.post(
        snippet_url("pricetable", "add"), price_table_post(rows, **fields)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PriceTable.objects.exists()


# --- The programme calendar -------------------------------------------------------------


@pytest.fixture
def calendar():
    """Shows today, in 3 days and in 20 days at two venues; one cancelled."""
    rio, lexi = VenuePageFactory(title="Rio"), VenuePageFactory(title="Lexi")
    today_show = ScreeningFactory(
        film=FilmPageFactory(title="Today Film"), venue=rio, first_date=today(), show_times="23:00"
    )
    soon = ScreeningFactory(
        film=FilmPageFactory(title="Soon Film"), venue=lexi, first_date=today() + days(3)
    )
    later = ScreeningFactory(
        film=FilmPageFactory(title="Later Film"),
        venue=rio,
        first_date=today() + days(20),
        status=ScreeningStatus.CANCELLED,
    )
    past = ScreeningFactory(
        film=FilmPageFactory(title="Past Film"), venue=lexi, first_date=today() - days(5)
    )
    return {
        "rio": rio,
        "lexi": lexi,
        "today": today_show,
        "soon": soon,
        "later": later,
        "past": past,
    }


FILMS = ["Today Film", "Soon Film", "Later Film", "Past Film"]


def _films(response):
    return listed(response, FILMS)


@pytest.mark.parametrize(
    "params, expected",
    [
        (lambda c: {}, {"Today Film", "Soon Film", "Later Film"}),  # upcoming by default
        (lambda c: {"when": "all"}, set(FILMS)),
        (lambda c: {"when": "today"}, {"Today Film"}),
        (lambda c: {"when": "next7"}, {"Today Film", "Soon Film"}),
        (lambda c: {"when": "next30"}, {"Today Film", "Soon Film", "Later Film"}),
        (lambda c: {"when": "past"}, {"Past Film"}),
        (
            lambda c: {
                "date_from": (today() + days(1)).isoformat(),
                "date_to": (today() + days(25)).isoformat(),
            },
            {"Soon Film", "Later Film"},
        ),
        (lambda c: {"date_to": (today() - days(1)).isoformat()}, {"Past Film"}),
        (
            lambda c: {"when": "all", "screening__venue__page_ptr__exact": c["rio"].pk},
            {"Today Film", "Later Film"},
        ),
        (lambda c: {"when": "all", "status__exact": "cancelled"}, {"Later Film"}),
        (lambda c: {"when": "all", "q": "soon"}, {"Soon Film"}),
    ],
    ids=[
        "default",
        "all",
        "today",
        "next7",
        "next30",
        "past",
        "from-to",
        "to-only",
        "venue",
        "status",
        "search",
    ],
)
def test_calendar_filters(superuser_client, calendar, params, expected):
    response = superuser_client.get(CALENDAR_URL, params(calendar))
    assert response.status_code == 200
    assert _films(response) == expected


def test_calendar_filter_links_are_the_ones_tested(superuser_client, calendar):
    html = superuser_client.get(CALENDAR_URL, {"when": "all"}).content.decode()
    assert f"screening__venue__page_ptr__exact={calendar['rio'].pk}" in html
    assert "status__exact=cancelled" in html
    assert "when=next7" in html
    assert 'name="date_from"' in html and 'name="date_to"' in html


def test_calendar_shows_venue_local_start_and_screen(superuser_client):
    venue = VenuePageFactory(title="Film Forum", time_zone="America/New_York")
    screen = ScreenFactory(venue=venue, name="Screen 2")
    ScreeningFactory(
        film=FilmPageFactory(title="Local Film"),
        venue=venue,
        screen=screen,
        first_date=today() + days(2),
        show_times="19:30",
    )
    html = superuser_client.get(CALENDAR_URL).content.decode()
    assert "19:30" in html
    assert "Screen 2" in html and "Film Forum" in html


def test_calendar_bad_dates_do_not_break_the_list(superuser_client, calendar):
    response = superuser_client.get(CALENDAR_URL, {"date_from": "yesterday", "when": "bogus"})
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_calendar_exports_csv(superuser_client, calendar):
    response = superuser_client.get(CALENDAR_URL, {"when": "all", "export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Programme date", "Start (venue time)", "Film", "Venue"]
    assert {row[2] for row in rows[1:]} == set(FILMS)
    cancelled = next(row for row in rows[1:] if row[2] == "Later Film")
    assert cancelled[5] == "Cancelled"


def test_calendar_export_follows_the_filters(superuser_client, calendar):
    response = superuser_client.get(
        CALENDAR_URL,
        {"when": "all", "screening__venue__page_ptr__exact": calendar["lexi"].pk, "export": "csv"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row[2] for row in rows[1:]} == {"Soon Film", "Past Film"}


def test_calendar_exports_xlsx(superuser_client, calendar):
    response = superuser_client.get(CALENDAR_URL, {"when": "all", "export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][2] == "Film"
    assert {row[2] for row in rows[1:]} == set(FILMS)
    soon = next(row for row in rows[1:] if row[2] == "Soon Film")
    assert soon[1] == datetime.datetime.combine(today() + days(3), datetime.time(19, 30))


def _make_shows(count):
    season = SeasonPageFactory()
    for n in range(count):
        venue = VenuePageFactory()
        ScreeningFactory(
            venue=venue,
            screen=ScreenFactory(venue=venue),
            first_date=today() + days(n % 20),
            seasons=[season],
            access_flags=["captioned"],
        )
    assert Occurrence.objects.count() == count


@pytest.mark.parametrize("count", [5, 50])
def test_calendar_list_query_count_does_not_grow_per_row(
    superuser_client, django_assert_max_num_queries, count
):
    _make_shows(count)
    # 20 queries for 5 or 50 rows (session, user, filters' choices, counts, the
    # page of rows with film, venue and screen joined, access flags prefetched).
    with django_assert_max_num_queries(24):
        response = superuser_client.get(CALENDAR_URL)
    assert response.status_code == 200
    assert response.content.decode().count("data-object-pk") == count


@pytest.mark.parametrize("count", [5, 50])
def test_calendar_export_query_count_does_not_grow_per_row(
    superuser_client, django_assert_max_num_queries, count
):
    _make_shows(count)
    with django_assert_max_num_queries(12):
        response = superuser_client.get(CALENDAR_URL, {"export": "csv"})
        body = b"".join(response.streaming_content)
    assert body.count(b"\n") == count + 1


@pytest.mark.parametrize("count", [5, 50])
def test_screening_list_query_count_does_not_grow_per_row(
    superuser_client, django_assert_max_num_queries, count
):
    _make_shows(count)
    with django_assert_max_num_queries(14):
        response = superuser_client.get(snippet_url("screening"))
    assert response.status_code == 200
    assert len(BeautifulSoup(response.content, "html.parser").select("table tbody tr")) == count


# --- Editors and one show -------------------------------------------------------------------


def test_editor_cancels_one_show_and_the_others_stay_scheduled(editor_client, superuser_client):
    screening = ScreeningFactory(recurrence="RRULE:FREQ=DAILY;COUNT=3", show_times="19:30")
    first, second, third = screening.occurrences.order_by("start")
    edit_url = f"{CALENDAR_URL}edit/{second.pk}/"

    response = editor_client.get(edit_url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", method="POST")
    fields = {
        element["name"] for element in form.select("input[name], select[name], textarea[name]")
    }
    assert fields - {"csrfmiddlewaretoken"} == {"status_override", "note"}
    assert "Projector" not in response.content.decode()

    original_start = second.start
    response = editor_client.post(
        edit_url,
        {
            "status_override": "cancelled",
            "note": "Projector repair",
            # Not on the form: ignored.
            "start": "2001-01-01 00:00",
            "screening": "999",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.status_override, second.note) == (
        "cancelled",
        "cancelled",
        "Projector repair",
    )
    assert second.start == original_start
    for other in (first, third):
        other.refresh_from_db()
        assert other.status == "scheduled"

    # Saving the screening again (through its form) keeps the one-night override.
    screening_edit = snippet_url("screening", "edit", screening.pk)
    data = querydict_from_html(
        editor_client.get(screening_edit).content.decode(), form_id="w-editor-form"
    )
    data["status_message"] = "New print"
    assert editor_client.post(screening_edit, data).status_code == 302
    second.refresh_from_db()
    assert (second.status, second.note) == ("cancelled", "Projector repair")
    assert [show.status for show in screening.occurrences.order_by("start")] == [
        "scheduled",
        "cancelled",
        "scheduled",
    ]
    # …and the calendar shows it.
    html = editor_client.get(CALENDAR_URL, {"status__exact": "cancelled"}).content.decode()
    assert "Projector repair" in html


def assert_refused(response):
    """Wagtail answers a permission error with a redirect to the dashboard (or a 403)."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_show_history_loads(editor_client):
    show = ScreeningFactory().occurrences.get()
    editor_client.post(f"{CALENDAR_URL}edit/{show.pk}/", {"status_override": "", "note": "Intro"})
    response = editor_client.get(f"{CALENDAR_URL}history/{show.pk}/")
    assert response.status_code == 200


def test_editor_cannot_create_or_delete_shows(editor_client):
    screening = ScreeningFactory()
    show = screening.occurrences.get()
    html = editor_client.get(CALENDAR_URL).content.decode()
    assert f"{CALENDAR_URL}create/" not in html
    assert f"{CALENDAR_URL}delete/" not in html
    for response in [
        editor_client.get(f"{CALENDAR_URL}create/"),
        editor_client.post(f"{CALENDAR_URL}create/", {"screening": screening.pk}),
        editor_client.get(f"{CALENDAR_URL}delete/{show.pk}/"),
        editor_client.post(f"{CALENDAR_URL}delete/{show.pk}/"),
    ]:
        assert_refused(response)
    assert list(Occurrence.objects.all()) == [show]


def test_superuser_cannot_create_or_delete_shows_either(superuser_client):
    show = ScreeningFactory().occurrences.get()
    assert_refused(superuser_client.get(f"{CALENDAR_URL}create/"))
    assert_refused(superuser_client.post(f"{CALENDAR_URL}delete/{show.pk}/"))
    assert list(Occurrence.objects.all()) == [show]


def test_editor_can_create_a_screening(editor_client, film_and_venue):
    film, venue = film_and_venue
    response = editor_client.post(
        snippet_url("screening", "add"),
        screening_post(film, venue, recurrence="RRULE:FREQ=WEEKLY;COUNT=2"),
    )
    assert response.status_code == 302
    assert Occurrence.objects.filter(screening__film=film).count() == 2


def test_editor_cannot_delete_snippets(editor_client):
    table = PriceTableFactory()
    response = editor_client.post(snippet_url("pricetable", "delete", table.pk))
    assert response.status_code in (302, 403)
    assert PriceTable.objects.filter(pk=table.pk).exists()


# --- Editors and pages: moderation, not publishing --------------------------------------------


def _page_edit_data(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamField inputs are built by the admin's JavaScript, so they are not in the
    # HTML: send each (empty) stream the way the browser would.
    for field in page.specific_class._meta.get_fields():
        if isinstance(field, StreamField):
            assert not getattr(page.specific, field.name), "only empty streams are supported"
            data.setdefault(f"{field.name}-count", "0")
    return data


def test_editor_cannot_publish_a_page(editor_client):
    film = FilmPageFactory(title="Live film")
    film.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[film.pk])
    assert 'name="action-publish"' not in editor_client.get(edit_url).content.decode()
    data = _page_edit_data(editor_client, film)
    data["title"] = "Retitled by an editor"
    data["action-publish"] = "action-publish"
    editor_client.post(edit_url, data)
    film.refresh_from_db()
    assert film.title == "Live film"  # what readers see has not changed…
    assert film.has_unpublished_changes  # …the change waits as a draft
    assert film.get_latest_revision_as_object().title == "Retitled by an editor"
    assert not PageLogEntry.objects.filter(
        page=film, action="wagtail.publish", user__username="ed"
    ).exists()


def test_editor_can_submit_a_page_for_moderation(editor_client):
    film = FilmPageFactory(title="Awaiting approval", live=False)
    data = _page_edit_data(editor_client, film)
    data["action-submit"] = "Submit for moderation"
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[film.pk]), data)
    assert response.status_code == 302
    film.refresh_from_db()
    assert not film.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(film.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
