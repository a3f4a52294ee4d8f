"""Tests for programme.recurrence: dates from rules, shows in the venue's wall-clock time.

No database: the module is pure Python, and pytest-django refuses any query
from a test without the django_db marker, so an ORM call here would fail.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import recurrence
from recurrence import Recurrence, Rule

from programme.recurrence import (
    RuleError,
    Show,
    as_date,
    business_date_of,
    check_rules,
    expand_dates,
    expand_shows,
    format_show_times,
    is_open_ended,
    localise,
    parse_show_times,
)

UTC = datetime.UTC
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
FIVE_AM = datetime.time(5, 0)
TWO_HOURS = datetime.timedelta(hours=2)
HOUR = datetime.timedelta(hours=1)

D = datetime.date
T = datetime.time


def dt(*args, tz=None):
    return datetime.datetime(*args, tzinfo=tz)


def daily_until(day: datetime.date, **kwargs) -> Rule:
    return Rule(recurrence.DAILY, until=datetime.datetime.combine(day, T()), **kwargs)


def days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def shows_for(first, last, times, zone, *, runtime=TWO_HOURS, starts_at=FIVE_AM):
    return expand_shows(
        days(first, last), times, zone, runtime=runtime, business_day_starts_at=starts_at
    )


# --------------------------------------------------------------------------- daylight saving


def test_london_1930_stays_1930_across_spring_forward():
    # Clocks go forward at 01:00 UTC on Sunday 29 March 2026 (last Sunday of March).
    shows = shows_for(D(2026, 3, 27), D(2026, 3, 30), [T(19, 30)], LONDON)

    assert [s.start.replace(tzinfo=None) for s in shows] == [
        dt(2026, 3, 27, 19, 30),
        dt(2026, 3, 28, 19, 30),
        dt(2026, 3, 29, 19, 30),
        dt(2026, 3, 30, 19, 30),
    ]
    assert [s.start.utcoffset() for s in shows] == [
        datetime.timedelta(0),
        datetime.timedelta(0),
        HOUR,
        HOUR,
    ]
    assert [s.start.astimezone(UTC) for s in shows] == [
        dt(2026, 3, 27, 19, 30, tz=UTC),
        dt(2026, 3, 28, 19, 30, tz=UTC),
        dt(2026, 3, 29, 18, 30, tz=UTC),
        dt(2026, 3, 30, 18, 30, tz=UTC),
    ]
    assert all(s.start.tzinfo is LONDON for s in shows)


def test_london_1930_stays_1930_across_fall_back():
    # Clocks go back at 01:00 UTC on Sunday 25 October 2026 (last Sunday of October).
    shows = shows_for(D(2026, 10, 24), D(2026, 10, 26), [T(19, 30)], LONDON)

    assert [s.start.astimezone(LONDON).time() for s in shows] == [T(19, 30)] * 3
    assert [s.start.astimezone(UTC) for s in shows] == [
        dt(2026, 10, 24, 18, 30, tz=UTC),
        dt(2026, 10, 25, 19, 30, tz=UTC),
        dt(2026, 10, 26, 19, 30, tz=UTC),
    ]
    assert [s.start.utcoffset() for s in shows] == [HOUR, datetime.timedelta(0)] + [
        datetime.timedelta(0)
    ]


def test_new_york_1930_stays_1930_across_spring_forward():
    # Second Sunday of March 2026 is 8 March: EST (-05:00) becomes EDT (-04:00).
    shows = shows_for(D(2026, 3, 7), D(2026, 3, 9), [T(19, 30)], NEW_YORK)

    assert [s.start.astimezone(NEW_YORK).time() for s in shows] == [T(19, 30)] * 3
    assert [s.start.utcoffset() for s in shows] == [
        datetime.timedelta(hours=-5),
        datetime.timedelta(hours=-4),
        datetime.timedelta(hours=-4),
    ]
    assert [s.start.astimezone(UTC) for s in shows] == [
        dt(2026, 3, 8, 0, 30, tz=UTC),
        dt(2026, 3, 8, 23, 30, tz=UTC),
        dt(2026, 3, 9, 23, 30, tz=UTC),
    ]


def test_new_york_1930_stays_1930_across_fall_back():
    # First Sunday of November 2026 is 1 November: EDT becomes EST.
    shows = shows_for(D(2026, 10, 31), D(2026, 11, 2), [T(19, 30)], NEW_YORK)

    assert [s.start.astimezone(NEW_YORK).time() for s in shows] == [T(19, 30)] * 3
    assert [s.start.astimezone(UTC) for s in shows] == [
        dt(2026, 10, 31, 23, 30, tz=UTC),
        dt(2026, 11, 2, 0, 30, tz=UTC),
        dt(2026, 11, 3, 0, 30, tz=UTC),
    ]


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected_utc", "expected_local"),
    [
        # London: 01:00-02:00 does not exist on 29 March 2026; 01:30 moves on by the gap.
        (LONDON, D(2026, 3, 29), T(1, 30), dt(2026, 3, 29, 1, 30, tz=UTC), T(2, 30)),
        # New York: 02:00-03:00 does not exist on 8 March 2026.
        (NEW_YORK, D(2026, 3, 8), T(2, 30), dt(2026, 3, 8, 7, 30, tz=UTC), T(3, 30)),
    ],
)
def test_nonexistent_time_moves_forward_by_the_gap(zone, day, wall, expected_utc, expected_local):
    moment = localise(day, wall, zone)
    assert moment.astimezone(UTC) == expected_utc
    assert moment.date() == day
    assert moment.time() == expected_local
    assert moment.tzinfo is zone


@pytest.mark.parametrize(
    ("zone", "day", "expected_utc", "expected_offset"),
    [
        (LONDON, D(2026, 10, 25), dt(2026, 10, 25, 0, 30, tz=UTC), HOUR),
        (NEW_YORK, D(2026, 11, 1), dt(2026, 11, 1, 5, 30, tz=UTC), datetime.timedelta(hours=-4)),
    ],
)
def test_ambiguous_time_takes_the_first_instance(zone, day, expected_utc, expected_offset):
    moment = localise(day, T(1, 30), zone)
    assert moment.astimezone(UTC) == expected_utc
    assert moment.utcoffset() == expected_offset
    assert moment.fold == 0
    assert (moment.date(), moment.time()) == (day, T(1, 30))


def test_late_show_on_the_night_clocks_go_forward():
    # A 01:30 show on the evening of Saturday 28 March happens on Sunday 29 March,
    # inside London's gap: it starts at 02:30 BST, still part of Saturday's programme.
    [show] = expand_shows(
        [D(2026, 3, 28)], [T(1, 30)], LONDON, runtime=TWO_HOURS, business_day_starts_at=FIVE_AM
    )
    assert show.business_date == D(2026, 3, 28)
    assert show.start.astimezone(UTC) == dt(2026, 3, 29, 1, 30, tz=UTC)
    assert (show.start.date(), show.start.time()) == (D(2026, 3, 29), T(2, 30))
    assert show.end.astimezone(UTC) == dt(2026, 3, 29, 3, 30, tz=UTC)
    assert show.end.time() == T(4, 30)


# --------------------------------------------------------------------------- late shows, runtime


def test_show_past_midnight_belongs_to_the_evening_before():
    shows = expand_shows(
        [D(2026, 7, 10)],
        [T(0, 30), T(19, 30)],
        LONDON,
        runtime=datetime.timedelta(minutes=95),
        business_day_starts_at=FIVE_AM,
    )
    # Sorted by start: the 19:30 show on the 10th comes before the 00:30 show on the 11th.
    assert shows == [
        Show(
            start=dt(2026, 7, 10, 19, 30, tz=LONDON),
            end=dt(2026, 7, 10, 21, 5, tz=LONDON),
            business_date=D(2026, 7, 10),
        ),
        Show(
            start=dt(2026, 7, 11, 0, 30, tz=LONDON),
            end=dt(2026, 7, 11, 2, 5, tz=LONDON),
            business_date=D(2026, 7, 10),
        ),
    ]
    late = shows[1]
    assert late.start.date() == D(2026, 7, 11)
    assert late.start.utcoffset() == HOUR


def test_business_day_boundary_is_exclusive_of_its_start():
    shows = expand_shows(
        [D(2026, 7, 10)],
        [T(4, 59), T(5, 0)],
        LONDON,
        runtime=HOUR,
        business_day_starts_at=FIVE_AM,
    )
    assert [(s.start.date(), s.start.time(), s.business_date) for s in shows] == [
        (D(2026, 7, 10), T(5, 0), D(2026, 7, 10)),
        (D(2026, 7, 11), T(4, 59), D(2026, 7, 10)),
    ]


def test_end_is_start_plus_runtime_in_absolute_time_across_spring_forward():
    # 00:30 GMT on 29 March, two hours long: the clocks jump at 01:00, so it ends at 03:30 BST.
    [show] = expand_shows(
        [D(2026, 3, 28)], [T(0, 30)], LONDON, runtime=TWO_HOURS, business_day_starts_at=FIVE_AM
    )
    assert show.start.astimezone(UTC) == dt(2026, 3, 29, 0, 30, tz=UTC)
    assert show.end.astimezone(UTC) == dt(2026, 3, 29, 2, 30, tz=UTC)
    assert show.end.astimezone(UTC) - show.start.astimezone(UTC) == TWO_HOURS
    assert (show.end.date(), show.end.time(), show.end.utcoffset()) == (
        D(2026, 3, 29),
        T(3, 30),
        HOUR,
    )
    assert show.end.tzinfo is LONDON


def test_end_is_start_plus_runtime_in_absolute_time_across_fall_back():
    # 00:30 BST on 25 October, two hours long: ends at the second 01:30 (GMT).
    [show] = expand_shows(
        [D(2026, 10, 24)], [T(0, 30)], LONDON, runtime=TWO_HOURS, business_day_starts_at=FIVE_AM
    )
    assert show.start.astimezone(UTC) == dt(2026, 10, 24, 23, 30, tz=UTC)
    assert show.end.astimezone(UTC) == dt(2026, 10, 25, 1, 30, tz=UTC)
    assert show.end.time() == T(1, 30)
    assert show.end.fold == 1
    assert show.end.utcoffset() == datetime.timedelta(0)


def test_business_date_of():
    # 23:30 UTC is 00:30 BST on the 11th: still the 10th's programme.
    assert business_date_of(dt(2026, 7, 10, 23, 30, tz=UTC), LONDON, FIVE_AM) == D(2026, 7, 10)
    assert business_date_of(dt(2026, 7, 10, 23, 30, tz=UTC), NEW_YORK, FIVE_AM) == D(2026, 7, 10)
    assert business_date_of(dt(2026, 7, 11, 8, 59, tz=UTC), NEW_YORK, FIVE_AM) == D(2026, 7, 10)
    assert business_date_of(dt(2026, 7, 11, 9, 0, tz=UTC), NEW_YORK, FIVE_AM) == D(2026, 7, 11)
    assert business_date_of(dt(2026, 7, 11, 3, 59, tz=UTC), LONDON, FIVE_AM) == D(2026, 7, 10)
    assert business_date_of(dt(2026, 7, 11, 4, 0, tz=UTC), LONDON, FIVE_AM) == D(2026, 7, 11)


def test_business_date_of_agrees_with_expand_shows():
    shows = shows_for(D(2026, 3, 27), D(2026, 3, 30), [T(0, 30), T(1, 30), T(23, 0)], LONDON)
    assert len(shows) == 12
    for show in shows:
        assert business_date_of(show.start, LONDON, FIVE_AM) == show.business_date


# --------------------------------------------------------------------------- dates from rules

JULY_1_TO_14_EXCEPT_TUESDAYS = [
    D(2026, 7, 1),
    D(2026, 7, 2),
    D(2026, 7, 3),
    D(2026, 7, 4),
    D(2026, 7, 5),
    D(2026, 7, 6),
    # Tuesday 7 July left out
    D(2026, 7, 8),
    D(2026, 7, 9),
    D(2026, 7, 10),
    D(2026, 7, 11),
    D(2026, 7, 12),
    D(2026, 7, 13),
    # Tuesday 14 July left out
]


@pytest.mark.parametrize(
    "rule_set",
    [
        Recurrence(
            rrules=[daily_until(D(2026, 7, 14))],
            exrules=[Rule(recurrence.WEEKLY, byday=[recurrence.TUESDAY])],
        ),
        Recurrence(
            rrules=[daily_until(D(2026, 7, 14))],
            exdates=[dt(2026, 7, 7), dt(2026, 7, 14)],
        ),
        # As the admin widget saves them from a browser in London (BST): local midnight in UTC.
        Recurrence(
            rrules=[Rule(recurrence.DAILY, until=dt(2026, 7, 13, 23, tz=UTC))],
            exdates=[dt(2026, 7, 6, 23, tz=UTC), dt(2026, 7, 13, 23, tz=UTC)],
        ),
        recurrence.deserialize(
            "RRULE:FREQ=DAILY;UNTIL=20260714T000000Z\nEXRULE:FREQ=WEEKLY;BYDAY=TU"
        ),
        recurrence.deserialize(
            "RRULE:FREQ=DAILY;UNTIL=20260714T000000Z\n"
            "EXDATE:20260707T000000Z\n"
            "EXDATE:20260714T000000Z"
        ),
    ],
    ids=["exrule", "exdates", "exdates-shifted-utc", "deserialized-exrule", "deserialized-exdates"],
)
def test_daily_at_two_times_first_to_fourteenth_july_except_tuesdays(rule_set):
    dates = expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=1000)
    assert dates == JULY_1_TO_14_EXCEPT_TUESDAYS

    shows = expand_shows(
        dates,
        parse_show_times("14:00, 19:30"),
        LONDON,
        runtime=datetime.timedelta(minutes=110),
        business_day_starts_at=FIVE_AM,
    )
    assert len(shows) == 24
    assert [s.business_date for s in shows] == [d for d in dates for _ in range(2)]
    assert {s.start.time() for s in shows} == {T(14, 0), T(19, 30)}
    assert all(s.start.weekday() != 1 for s in shows)
    assert shows[0].start == dt(2026, 7, 1, 14, 0, tz=LONDON)
    assert shows[-1].start == dt(2026, 7, 13, 19, 30, tz=LONDON)
    assert shows[-1].end == dt(2026, 7, 13, 21, 20, tz=LONDON)


FOURTH_TUESDAYS_2026_EXCEPT_APRIL = [
    D(2026, 1, 27),
    D(2026, 2, 24),
    D(2026, 3, 24),
    D(2026, 5, 26),
    D(2026, 6, 23),
    D(2026, 7, 28),
    D(2026, 8, 25),
    D(2026, 9, 22),
    D(2026, 10, 27),
    D(2026, 11, 24),
    D(2026, 12, 22),
]
FOURTH_TUESDAY = Rule(recurrence.MONTHLY, byday=recurrence.TUESDAY(4))


@pytest.mark.parametrize(
    "rule_set",
    [
        Recurrence(
            rrules=[FOURTH_TUESDAY],
            exrules=[Rule(recurrence.MONTHLY, byday=recurrence.TUESDAY(4), bymonth=[4])],
        ),
        Recurrence(
            rrules=[FOURTH_TUESDAY],
            exrules=[Rule(recurrence.YEARLY, bymonth=[recurrence.APRIL], byday=recurrence.TU(4))],
        ),
        # Every day of April, whatever weekday.
        Recurrence(rrules=[FOURTH_TUESDAY], exrules=[Rule(recurrence.DAILY, bymonth=[4])]),
        Recurrence(rrules=[FOURTH_TUESDAY], exdates=[dt(2026, 4, 28)]),
        recurrence.deserialize("RRULE:FREQ=MONTHLY;BYDAY=+4TU\nEXRULE:FREQ=DAILY;BYMONTH=4"),
    ],
    ids=["exrule-monthly", "exrule-yearly", "exrule-all-april", "exdate", "deserialized"],
)
def test_fourth_tuesday_of_each_month_except_april(rule_set):
    assert is_open_ended(rule_set)
    dates = expand_dates(rule_set, D(2026, 1, 27), D(2026, 12, 31), limit=1000)
    assert dates == FOURTH_TUESDAYS_2026_EXCEPT_APRIL


def test_fourth_tuesday_except_april_every_year_until_a_later_date():
    rule_set = Recurrence(rrules=[FOURTH_TUESDAY], exrules=[Rule(recurrence.DAILY, bymonth=[4])])
    dates = expand_dates(rule_set, D(2026, 1, 27), D(2027, 6, 22), limit=1000)
    assert dates == [
        *FOURTH_TUESDAYS_2026_EXCEPT_APRIL,
        D(2027, 1, 26),
        D(2027, 2, 23),
        D(2027, 3, 23),
        D(2027, 5, 25),
        D(2027, 6, 22),
    ]
    # ``until`` is inclusive; a day earlier drops the last one.
    assert expand_dates(rule_set, D(2026, 1, 27), D(2027, 6, 21), limit=1000) == dates[:-1]


def test_first_date_always_counts_even_when_the_rule_skips_it():
    # First date a Monday, rule "every Tuesday until 21 July".
    rule_set = Recurrence(
        rrules=[Rule(recurrence.WEEKLY, byday=[recurrence.TUESDAY], until=dt(2026, 7, 21))]
    )
    assert expand_dates(rule_set, D(2026, 7, 6), D(2026, 12, 31), limit=100) == [
        D(2026, 7, 6),
        D(2026, 7, 7),
        D(2026, 7, 14),
        D(2026, 7, 21),
    ]


def test_no_rule_gives_the_first_date_alone():
    assert expand_dates(None, D(2026, 7, 6), D(2026, 12, 31), limit=10) == [D(2026, 7, 6)]
    assert expand_dates(Recurrence(), D(2026, 7, 6), D(2026, 12, 31), limit=10) == [D(2026, 7, 6)]


def test_extra_dates_are_added_in_order_and_cut_at_until():
    rule_set = Recurrence(
        rrules=[Rule(recurrence.WEEKLY, byday=[recurrence.FRIDAY], count=3)],
        rdates=[
            dt(2026, 7, 30),  # naive midnight
            dt(2026, 7, 1, 23, tz=UTC),  # midnight on 2 July in London
            dt(2026, 7, 20, 4, tz=UTC),  # midnight on 20 July in New York
            dt(2026, 7, 10),  # already a Friday from the rule
            dt(2027, 1, 5),  # after until
        ],
    )
    assert expand_dates(rule_set, D(2026, 7, 3), D(2026, 12, 31), limit=100) == [
        D(2026, 7, 2),
        D(2026, 7, 3),
        D(2026, 7, 10),
        D(2026, 7, 17),
        D(2026, 7, 20),
        D(2026, 7, 30),
    ]


def test_count_counts_from_the_first_date():
    rule_set = Recurrence(rrules=[Rule(recurrence.DAILY, count=3)])
    assert expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=100) == [
        D(2026, 7, 1),
        D(2026, 7, 2),
        D(2026, 7, 3),
    ]


@pytest.mark.parametrize(
    "until",
    [
        dt(2026, 7, 5),  # naive midnight
        dt(2026, 7, 5, tz=UTC),  # aware UTC midnight
        dt(2026, 7, 4, 23, tz=UTC),  # London midnight, stored in UTC
        dt(2026, 7, 5, 4, tz=UTC),  # New York midnight, stored in UTC
        dt(2026, 7, 4, 15, tz=UTC),  # Tokyo midnight, stored in UTC
        dt(2026, 7, 5, tz=LONDON),  # midnight, aware in the venue's zone
    ],
)
def test_rule_until_is_an_inclusive_date(until):
    rule_set = Recurrence(rrules=[Rule(recurrence.DAILY, until=until)])
    assert expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=100) == days(
        D(2026, 7, 1), D(2026, 7, 5)
    )


# --------------------------------------------------------------------------- exclusion by date


@pytest.mark.parametrize(
    "exdate",
    [
        dt(2026, 7, 7),  # naive midnight
        dt(2026, 7, 7, tz=UTC),  # aware UTC midnight
        dt(2026, 7, 6, 23, tz=UTC),  # London (BST) midnight in UTC
        dt(2026, 7, 7, 4, tz=UTC),  # New York (EDT) midnight in UTC
        dt(2026, 7, 6, 15, tz=UTC),  # Tokyo midnight in UTC
        dt(2026, 7, 6, 23),  # naive, shifted into a UTC+1 site zone
        dt(2026, 7, 7, 4),  # naive, shifted into a UTC-4 site zone
        dt(2026, 7, 7, 10, 0),  # carries a morning time
        dt(2026, 7, 7, 5, 30, tz=UTC),  # carries a time, aware UTC
        dt(2026, 7, 7, 19, 30, tz=LONDON),  # carries the show time, aware in the venue's zone
        dt(2026, 7, 7, 14, 0, tz=NEW_YORK),
        dt(2026, 7, 7, 0, 30, tz=TOKYO),
        dt(2026, 7, 7, tz=ZoneInfo("Pacific/Kiritimati")),  # UTC+14 midnight
        dt(2026, 7, 7, 23, 59, tz=ZoneInfo("Pacific/Pago_Pago")),  # UTC-11, late evening
    ],
)
def test_exclusion_date_matches_by_date(exdate):
    rule_set = Recurrence(rrules=[daily_until(D(2026, 7, 9))], exdates=[exdate])
    assert as_date(exdate) == D(2026, 7, 7)
    assert expand_dates(rule_set, D(2026, 7, 5), D(2026, 12, 31), limit=100) == [
        D(2026, 7, 5),
        D(2026, 7, 6),
        D(2026, 7, 8),
        D(2026, 7, 9),
    ]


def test_exclusion_wins_over_an_extra_date():
    rule_set = Recurrence(
        rrules=[daily_until(D(2026, 7, 3))],
        exrules=[Rule(recurrence.WEEKLY, byday=[recurrence.TUESDAY])],
        rdates=[dt(2026, 7, 7), dt(2026, 7, 9)],
        exdates=[dt(2026, 7, 9, 12, tz=LONDON)],
    )
    assert expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=100) == [
        D(2026, 7, 1),
        D(2026, 7, 2),
        D(2026, 7, 3),
    ]


def test_exrule_with_a_time_of_day_still_removes_whole_days():
    rule_set = recurrence.deserialize(
        "RRULE:FREQ=DAILY;UNTIL=20260710T000000Z\nEXRULE:FREQ=WEEKLY;BYDAY=WE;BYHOUR=19;BYMINUTE=30"
    )
    assert expand_dates(rule_set, D(2026, 7, 6), D(2026, 12, 31), limit=100) == [
        D(2026, 7, 6),
        D(2026, 7, 7),
        D(2026, 7, 9),
        D(2026, 7, 10),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2026, 7, 14), D(2026, 7, 14)),
        (dt(2026, 7, 14), D(2026, 7, 14)),
        (dt(2026, 7, 14, tz=UTC), D(2026, 7, 14)),
        (dt(2026, 7, 13, 23, tz=UTC), D(2026, 7, 14)),
        (dt(2026, 7, 14, 4, tz=UTC), D(2026, 7, 14)),
        (dt(2026, 7, 13, 22, 0), D(2026, 7, 14)),
        (dt(2026, 7, 14, 11, 59), D(2026, 7, 14)),
        (dt(2026, 1, 14, tz=LONDON), D(2026, 1, 14)),
        (dt(2026, 1, 14, 20, 0, tz=LONDON), D(2026, 1, 14)),  # GMT: offset zero, yet a zone
        (dt(2026, 7, 14, 20, 0, tz=LONDON), D(2026, 7, 14)),
        (dt(2026, 7, 14, 0, 0, tz=ZoneInfo("Pacific/Auckland")), D(2026, 7, 14)),
        (dt(2026, 7, 14, 22, 0, tz=NEW_YORK), D(2026, 7, 14)),
    ],
)
def test_as_date(value, expected):
    assert as_date(value) == expected


# --------------------------------------------------------------------------- limits


def test_more_dates_than_the_limit_is_a_rule_error_with_a_readable_message():
    rule_set = Recurrence(rrules=[Rule(recurrence.DAILY)])
    with pytest.raises(RuleError) as caught:
        expand_dates(rule_set, D(2026, 7, 1), D(2027, 12, 1), limit=500)
    assert str(caught.value) == (
        "This rule gives more than 500 dates before 1 December 2027. "
        "Give it an end date or a number of times."
    )


def test_bounded_rule_over_the_limit_asks_for_a_shorter_run():
    rule_set = Recurrence(rrules=[Rule(recurrence.DAILY, count=400)])
    with pytest.raises(RuleError) as caught:
        expand_dates(rule_set, D(2026, 7, 1), D(2027, 12, 31), limit=365)
    assert str(caught.value) == (
        "This rule gives more than 365 dates. Shorten the run or split it."
    )


def test_open_ended_rule_far_into_the_future_fails_fast():
    rule_set = Recurrence(rrules=[Rule(recurrence.DAILY)])
    with pytest.raises(RuleError, match="1,000"):
        expand_dates(rule_set, D(2026, 7, 1), D(9999, 12, 30), limit=1000)


def test_limit_is_exact():
    rule_set = Recurrence(rrules=[daily_until(D(2026, 7, 14))])
    assert len(expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=14)) == 14
    with pytest.raises(RuleError, match="more than 13 dates"):
        expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=13)
    # The first date and extra dates count towards the limit too.
    rule_set.rdates = [dt(2026, 6, 30)]
    with pytest.raises(RuleError, match="more than 14 dates"):
        expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=14)


def test_limit_counts_dates_after_exclusions():
    # 14 days from the rule, 12 after leaving out the Tuesdays: a limit of 12 is enough.
    for rule_set in (
        Recurrence(
            rrules=[daily_until(D(2026, 7, 14))],
            exrules=[Rule(recurrence.WEEKLY, byday=[recurrence.TUESDAY])],
        ),
        Recurrence(rrules=[daily_until(D(2026, 7, 14))], exdates=[dt(2026, 7, 7), dt(2026, 7, 14)]),
    ):
        dates = expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=12)
        assert dates == JULY_1_TO_14_EXCEPT_TUESDAYS


def test_limit_counts_extra_dates():
    rule_set = Recurrence(rdates=[dt(2026, 8, d) for d in range(1, 11)])
    with pytest.raises(RuleError) as caught:
        expand_dates(rule_set, D(2026, 7, 1), D(2026, 12, 31), limit=10)
    assert str(caught.value) == (
        "These dates give 11 screenings; the limit is 10. Shorten the run or split it."
    )


@pytest.mark.parametrize("freq", [recurrence.HOURLY, recurrence.MINUTELY, recurrence.SECONDLY])
def test_rules_more_frequent_than_daily_are_refused(freq):
    message = "A screening repeats at most daily. For several shows a day, list their times."
    as_rule = Recurrence(rrules=[Rule(freq, count=3)])
    as_exclusion = Recurrence(rrules=[Rule(recurrence.DAILY, count=3)], exrules=[Rule(freq)])
    for rule_set in (as_rule, as_exclusion):
        with pytest.raises(RuleError) as caught:
            expand_dates(rule_set, D(2026, 7, 1), D(2026, 7, 31), limit=1000)
        assert str(caught.value) == message
        with pytest.raises(RuleError):
            check_rules(rule_set)


def test_deserialized_hourly_rule_is_refused():
    with pytest.raises(RuleError, match="at most daily"):
        expand_dates(
            recurrence.deserialize("RRULE:FREQ=HOURLY;COUNT=5"),
            D(2026, 7, 1),
            D(2026, 7, 31),
            limit=1000,
        )


@pytest.mark.parametrize("freq", [recurrence.YEARLY, recurrence.MONTHLY, recurrence.WEEKLY])
def test_daily_or_rarer_rules_pass_the_check(freq):
    check_rules(Recurrence(rrules=[Rule(freq)], exrules=[Rule(recurrence.DAILY)]))
    check_rules(None)


def test_rule_error_is_a_value_error():
    assert issubclass(RuleError, ValueError)


# --------------------------------------------------------------------------- show times


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.30, 19h30 ,14:00", [T(9, 30), T(14, 0), T(19, 30)]),
        ("19:30, 14:00, 19.30, 19h30", [T(14, 0), T(19, 30)]),
        ("00:30;23:59  0:00", [T(0, 0), T(0, 30), T(23, 59)]),
        ("  14:00  ", [T(14, 0)]),
    ],
)
def test_parse_show_times(text, expected):
    assert parse_show_times(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("25:00", "“25:00” is not a time of day."),
        ("12:60", "“12:60” is not a time of day."),
        ("7pm", "“7pm” is not a time"),
        ("14:00, 7pm", "“7pm” is not a time"),
        ("1930", "“1930” is not a time"),
        ("19:3", "“19:3” is not a time"),
        ("", "Enter at least one show time"),
        ("  , ; ", "Enter at least one show time"),
        (None, "Enter at least one show time"),
    ],
)
def test_parse_show_times_rejects(text, fragment):
    with pytest.raises(RuleError) as caught:
        parse_show_times(text)
    assert fragment in str(caught.value)


def test_format_show_times_round_trips():
    times = parse_show_times("9.30, 19h30 ,14:00")
    assert format_show_times(times) == "09:30, 14:00, 19:30"
    assert parse_show_times(format_show_times(times)) == times


# --------------------------------------------------------------------------- open-ended


@pytest.mark.parametrize(
    ("rule_set", "expected"),
    [
        (None, False),
        (Recurrence(), False),
        (Recurrence(rdates=[dt(2026, 7, 1)]), False),
        (Recurrence(rrules=[Rule(recurrence.WEEKLY)]), True),
        (Recurrence(rrules=[Rule(recurrence.WEEKLY, until=dt(2026, 7, 1))]), False),
        (Recurrence(rrules=[Rule(recurrence.WEEKLY, count=5)]), False),
        (
            Recurrence(
                rrules=[Rule(recurrence.WEEKLY, count=5), Rule(recurrence.MONTHLY)],
            ),
            True,
        ),
        # An open-ended exclusion does not make the screening open-ended.
        (
            Recurrence(rrules=[Rule(recurrence.DAILY, count=5)], exrules=[Rule(recurrence.WEEKLY)]),
            False,
        ),
        (recurrence.deserialize("RRULE:FREQ=MONTHLY;BYDAY=+4TU"), True),
        (recurrence.deserialize("RRULE:FREQ=MONTHLY;BYDAY=+4TU;UNTIL=20261231T000000Z"), False),
        (recurrence.deserialize("RRULE:FREQ=MONTHLY;BYDAY=+4TU;COUNT=6"), False),
    ],
)
def test_is_open_ended(rule_set, expected):
    assert is_open_ended(rule_set) is expected
