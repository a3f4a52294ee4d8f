"""Stored occurrences: regeneration on save, idempotence, per-show overrides, venue time."""

import datetime
import zoneinfo

import pytest
import recurrence
from django.core.exceptions import ValidationError

from programme.models import Occurrence, Screening
from tests.factories import ScreeningFactory, VenuePageFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def local_starts(screening, zone):
    return [o.start.astimezone(zone) for o in screening.occurrences.order_by("start")]


def daily(until: datetime.date) -> recurrence.Recurrence:
    return recurrence.Recurrence(
        rrules=[
            recurrence.Rule(
                recurrence.DAILY, until=datetime.datetime.combine(until, datetime.time())
            )
        ]
    )


def test_saving_a_screening_stores_its_shows_in_venue_time():
    screening = ScreeningFactory(
        first_date=datetime.date(2030, 3, 29),
        show_times="14:00, 19:30",
        recurrence=daily(datetime.date(2030, 4, 1)),
    )
    starts = local_starts(screening, LONDON)
    assert [(s.date().isoformat(), s.strftime("%H:%M")) for s in starts] == [
        ("2030-03-29", "14:00"),
        ("2030-03-29", "19:30"),
        ("2030-03-30", "14:00"),
        ("2030-03-30", "19:30"),
        ("2030-03-31", "14:00"),
        ("2030-03-31", "19:30"),
        ("2030-04-01", "14:00"),
        ("2030-04-01", "19:30"),
    ]
    # Clocks go forward on 31 March 2030: same wall time, different UTC offset.
    assert starts[0].utcoffset() == datetime.timedelta(0)
    assert starts[-1].utcoffset() == datetime.timedelta(hours=1)


def test_new_york_venue_keeps_wall_time_across_november_change():
    venue = VenuePageFactory(time_zone="America/New_York", country="US", locality="Queens")
    screening = ScreeningFactory(
        venue=venue,
        first_date=datetime.date(2030, 11, 1),
        show_times="19:30",
        recurrence=daily(datetime.date(2030, 11, 4)),
    )
    starts = local_starts(screening, NEW_YORK)
    assert {s.strftime("%H:%M") for s in starts} == {"19:30"}
    assert [s.utcoffset().total_seconds() / 3600 for s in starts] == [-4, -4, -5, -5]


def test_regeneration_is_idempotent():
    screening = ScreeningFactory(
        first_date=datetime.date(2030, 1, 1),
        show_times="14:00, 19:30",
        recurrence=daily(datetime.date(2030, 3, 1)),
    )
    before = list(screening.occurrences.values_list("pk", "start"))
    assert Occurrence.objects.regenerate(screening) == (0, 0, 0)
    assert list(screening.occurrences.values_list("pk", "start")) == before


def test_late_show_belongs_to_the_evening_before():
    screening = ScreeningFactory(first_date=datetime.date(2030, 6, 14), show_times="21:00, 00:30")
    shows = list(screening.occurrences.order_by("start"))
    assert [o.business_date for o in shows] == [datetime.date(2030, 6, 14)] * 2
    assert shows[1].start.astimezone(LONDON).date() == datetime.date(2030, 6, 15)
    assert Occurrence.objects.on_business_dates(datetime.date(2030, 6, 14)).count() == 2


def test_cancelling_one_show_leaves_the_others_and_survives_a_resave():
    screening = ScreeningFactory(
        first_date=datetime.date(2030, 7, 1),
        show_times="19:30",
        recurrence=daily(datetime.date(2030, 7, 3)),
    )
    first, second, third = screening.occurrences.order_by("start")
    second.status_override = "cancelled"
    second.note = "Projector repair"
    second.save()

    screening.status = "sold_out"
    screening.ticket_url = "https://tickets.example/x"
    screening.save()

    statuses = list(screening.occurrences.order_by("start").values_list("status", "note"))
    assert statuses == [("sold_out", ""), ("cancelled", "Projector repair"), ("sold_out", "")]


def test_shortening_a_run_removes_dropped_shows_only():
    screening = ScreeningFactory(
        first_date=datetime.date(2030, 7, 1),
        show_times="19:30",
        recurrence=daily(datetime.date(2030, 7, 5)),
    )
    kept = screening.occurrences.order_by("start").first()
    screening.recurrence = daily(datetime.date(2030, 7, 2))
    screening.save()
    assert screening.occurrences.count() == 2
    assert screening.occurrences.order_by("start").first().pk == kept.pk


def test_exclusion_dates_match_the_whole_day():
    rule = daily(datetime.date(2030, 7, 5))
    # An exclusion carrying a time of day still removes that date's shows.
    rule.exdates = [datetime.datetime(2030, 7, 3, 0, 0, tzinfo=datetime.UTC)]
    screening = ScreeningFactory(
        first_date=datetime.date(2030, 7, 1), show_times="14:00, 19:30", recurrence=rule
    )
    days = sorted({o.business_date.day for o in screening.occurrences.all()})
    assert days == [1, 2, 4, 5]


def test_fourth_tuesday_except_april_expands_to_the_horizon(settings):
    settings.PROGRAMME_OCCURRENCE_HORIZON_DAYS = 400
    screening = ScreeningFactory(
        first_date=datetime.date.today(),
        show_times="19:00",
        recurrence=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.TUESDAY(4)])],
            exrules=[recurrence.Rule(recurrence.DAILY, bymonth=[4])],
        ),
    )
    dates = [o.business_date for o in screening.occurrences.order_by("start")]
    later = [d for d in dates if d != datetime.date.today()]
    assert all(d.weekday() == 1 and 22 <= d.day <= 28 for d in later)
    assert not [d for d in later if d.month == 4]
    # 400 days ahead holds 13 or 14 fourth Tuesdays, one of them in April.
    assert 12 <= len(later) <= 13


def test_venue_time_zone_change_moves_shows_on_publish():
    screening = ScreeningFactory(first_date=datetime.date(2030, 1, 10), show_times="20:00")
    venue = screening.venue
    venue.time_zone = "America/New_York"
    venue.save_revision().publish()
    start = screening.occurrences.get().start
    assert start.astimezone(NEW_YORK).strftime("%H:%M") == "20:00"
    assert start.astimezone(datetime.UTC).hour == 1


def test_film_runtime_sets_end_and_override_wins():
    screening = ScreeningFactory(first_date=datetime.date(2030, 1, 10), show_times="20:00")
    show = screening.occurrences.get()
    assert show.end - show.start == datetime.timedelta(minutes=screening.film.runtime_minutes)
    screening.runtime_override = 150
    screening.save()
    show.refresh_from_db()
    assert show.end - show.start == datetime.timedelta(minutes=150)


@pytest.mark.parametrize(
    "rule, message",
    [
        (recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.HOURLY)]), "at most daily"),
        (recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.DAILY)]), "end date"),
    ],
)
def test_unbounded_or_oversized_rules_are_refused(settings, rule, message):
    settings.PROGRAMME_MAX_OCCURRENCES_PER_SCREENING = 100
    screening = ScreeningFactory.build(
        first_date=datetime.date.today(), show_times="19:30", recurrence=rule
    )
    with pytest.raises(ValidationError) as error:
        screening.full_clean(exclude=["film", "venue"])
    assert message in str(error.value.message_dict["recurrence"])


def test_too_many_shows_from_several_times_a_day_are_refused(settings):
    settings.PROGRAMME_MAX_OCCURRENCES_PER_SCREENING = 10
    screening = ScreeningFactory.build(
        first_date=datetime.date(2030, 1, 1),
        show_times="12:00, 15:00, 18:00",
        recurrence=daily(datetime.date(2030, 1, 4)),
    )
    with pytest.raises(ValidationError) as error:
        screening.full_clean(exclude=["film", "venue"])
    assert "12 shows" in str(error.value.message_dict["recurrence"])


def test_bad_show_times_are_a_field_error():
    screening = ScreeningFactory.build(first_date=datetime.date(2030, 1, 1), show_times="7pm")
    with pytest.raises(ValidationError) as error:
        screening.full_clean(exclude=["film", "venue"])
    assert "24-hour" in str(error.value.message_dict["show_times"])


def test_deleting_a_screening_deletes_its_shows():
    screening = ScreeningFactory(show_times="14:00, 19:30")
    assert Occurrence.objects.count() == 2
    Screening.objects.filter(pk=screening.pk).delete()
    assert Occurrence.objects.count() == 0


def test_public_hides_shows_of_unpublished_films():
    screening = ScreeningFactory()
    assert Occurrence.objects.public().count() == 1
    screening.film.unpublish()
    assert Occurrence.objects.public().count() == 0


def test_recurrence_dates_are_stored_at_utc_midnight(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    rule = daily(datetime.date(2030, 7, 3))
    rule.exdates = [datetime.datetime(2030, 7, 2)]
    screening = ScreeningFactory(first_date=datetime.date(2030, 7, 1), recurrence=rule)
    screening.refresh_from_db()
    assert [d.day for d in screening.occurrences.values_list("business_date", flat=True)] == [1, 3]


def test_publishing_an_unchanged_venue_does_not_reexpand_its_screenings():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_to_republish(screenings: int) -> int:
        venue = VenuePageFactory()
        for day in range(screenings):
            ScreeningFactory(venue=venue, first_date=datetime.date(2030, 1, 1 + day))
        venue.description = "<p>New opening hours.</p>"
        with CaptureQueriesContext(connection) as queries:
            venue.save_revision().publish()
        return len(queries)

    queries_to_republish(1)  # warm Django's content-type cache, as any earlier request would
    assert queries_to_republish(1) == queries_to_republish(6)


def test_film_runtime_change_on_publish_moves_show_ends():
    screening = ScreeningFactory(first_date=datetime.date(2030, 1, 10), show_times="20:00")
    film = screening.film
    film.runtime_minutes = 95
    film.save_revision().publish()
    show = screening.occurrences.get()
    assert show.end - show.start == datetime.timedelta(minutes=95)
