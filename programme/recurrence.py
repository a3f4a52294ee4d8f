"""Expanding a screening's dates into shows, in the venue's wall-clock time.

Pure Python, no ORM: it takes django-recurrence's rule objects and plain dates
and times, and returns aware datetimes. Keeping it apart from the models means
the daylight-saving and exclusion rules are tested without a database.

Why dates and times are kept apart: django-recurrence stores its date-times in
UTC, so a rule saved with a 19:30 start drifts by an hour across a
daylight-saving change. Here a rule only ever produces *dates*; each show time
is then attached as a wall-clock time in the venue's zone, so 19:30 stays
19:30 all year. Exclusion dates therefore match by date, never by exact time.
"""

from __future__ import annotations

import copy
import datetime
import heapq
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dateutil import rrule as dateutil_rrule
from django.utils.translation import gettext as _
from recurrence import Recurrence, Rule

from .formatting import format_date_skeleton, format_number

UTC = datetime.UTC
ALLOWED_FREQUENCIES = {Rule.frequencies.index(f) for f in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")}
_TIME_PATTERN = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


class RuleError(ValueError):
    """A rule or a list of show times that cannot be expanded; the message is for editors."""


@dataclass(frozen=True)
class Show:
    start: datetime.datetime
    end: datetime.datetime
    business_date: datetime.date


def parse_show_times(text: str) -> list[datetime.time]:
    """Parse "14:00, 19:30" (also "19.30", "19h30") into sorted, distinct times."""
    parts = [part for part in re.split(r"[,;\s]+", (text or "").strip()) if part]
    if not parts:
        raise RuleError(_("Enter at least one show time, e.g. 19:30."))
    times = set()
    for part in parts:
        match = _TIME_PATTERN.match(part)
        if not match:
            raise RuleError(
                _("“%(text)s” is not a time: write it as 24-hour HH:MM, e.g. 19:30.")
                % {"text": part}
            )
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise RuleError(_("“%(text)s” is not a time of day.") % {"text": part})
        times.add(datetime.time(hour, minute))
    return sorted(times)


def format_show_times(times: Iterable[datetime.time]) -> str:
    return ", ".join(t.strftime("%H:%M") for t in times)


def as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    """The calendar date a rule's date-time stands for.

    django-recurrence may hand back midnight as an aware UTC datetime, or as a
    naive one shifted into the site's time zone, depending on settings. Midnight
    anywhere within twelve hours of UTC rounds to the intended date. A datetime
    aware in a real zone (not UTC) already says its date on that zone's wall
    clock, whatever time it carries, so that date is taken as it is.
    """
    if not isinstance(value, datetime.datetime):
        return value
    if value.tzinfo is not None:
        if not _is_utc(value):
            return value.date()
        value = value.replace(tzinfo=None)
    return (value + datetime.timedelta(hours=12)).date()


def _is_utc(value: datetime.datetime) -> bool:
    # By name, not offset: London in winter is +00:00 too, but says "GMT".
    return value.utcoffset() == datetime.timedelta(0) and value.tzname() in {"UTC", "Z"}


def is_open_ended(recurrence: Recurrence | None) -> bool:
    """True when a rule repeats for ever (no UNTIL and no COUNT)."""
    if recurrence is None:
        return False
    return any(rule.until is None and not rule.count for rule in recurrence.rrules)


def check_rules(recurrence: Recurrence | None) -> None:
    """Refuse rules that repeat more often than daily: several shows a day are show times."""
    if recurrence is None:
        return
    for rule in [*recurrence.rrules, *recurrence.exrules]:
        if rule.freq not in ALLOWED_FREQUENCIES:
            raise RuleError(
                _("A screening repeats at most daily. For several shows a day, list their times.")
            )


def _date_rule(rule: Rule, dtstart: datetime.datetime) -> dateutil_rrule.rrule:
    rule = copy.copy(rule)
    if rule.until is not None:
        rule.until = datetime.datetime.combine(as_date(rule.until), datetime.time.max)
    return rule.to_dateutil_rrule(dtstart=dtstart)


def _rule_dates(
    rules: Sequence[Rule], dtstart: datetime.datetime, window_end: datetime.datetime
) -> Iterator[datetime.date]:
    """The distinct dates some rules give up to ``window_end``, in order, lazily."""
    moments = heapq.merge(*(_date_rule(rule, dtstart).xafter(dtstart, inc=True) for rule in rules))
    previous = None
    for moment in moments:
        if moment > window_end:
            return
        if moment.date() != previous:
            previous = moment.date()
            yield previous


class _AscendingMembership:
    """``day in`` a lazy ascending stream of dates, asked in ascending order."""

    def __init__(self, dates: Iterator[datetime.date]):
        self._dates = dates
        self._head = next(dates, None)

    def __contains__(self, day: datetime.date) -> bool:
        while self._head is not None and self._head < day:
            self._head = next(self._dates, None)
        return self._head == day


def expand_dates(
    recurrence: Recurrence | None,
    first_date: datetime.date,
    until: datetime.date,
    *,
    limit: int,
) -> list[datetime.date]:
    """Every date from ``first_date`` up to ``until`` (inclusive) the rule gives.

    The first date always counts, extra dates are added, and exclusion dates
    (and exclusion rules) remove whole days. More than ``limit`` dates (counted
    after the exclusions) is a RuleError, so that a mistyped rule cannot flood
    the programme; rules are expanded lazily, so that error comes quickly.
    """
    check_rules(recurrence)
    dtstart = datetime.datetime.combine(first_date, datetime.time())
    window_end = datetime.datetime.combine(until, datetime.time.max)
    rules = recurrence.rrules if recurrence else []
    exrules = recurrence.exrules if recurrence else []
    rdates = {as_date(value) for value in (recurrence.rdates if recurrence else [])}
    exdates = {as_date(value) for value in (recurrence.exdates if recurrence else [])}

    extra = sorted(d for d in {first_date, *rdates} if d <= until)
    removed = _AscendingMembership(_rule_dates(exrules, dtstart, window_end))
    candidates = heapq.merge(_rule_dates(rules, dtstart, window_end), extra)
    dates: list[datetime.date] = []
    previous = None
    for day in candidates:
        if day == previous:
            continue
        previous = day
        if day in exdates or day in removed:
            continue
        dates.append(day)
        if len(dates) <= limit:
            continue
        if is_open_ended(recurrence):
            raise RuleError(
                _(
                    "This rule gives more than %(limit)s dates before %(date)s. "
                    "Give it an end date or a number of times."
                )
                % {"limit": format_number(limit), "date": format_date_skeleton(until, "yMMMMd")}
            )
        if rules:
            raise RuleError(
                _("This rule gives more than %(limit)s dates. Shorten the run or split it.")
                % {"limit": format_number(limit)}
            )
        # Extra dates only: a short list, so count them all for the message.
        total = len(dates) + sum(1 for d in candidates if d not in exdates and d not in removed)
        raise RuleError(
            _(
                "These dates give %(total)s screenings; the limit is %(limit)s. "
                "Shorten the run or split it."
            )
            % {"total": format_number(total), "limit": format_number(limit)}
        )
    return dates


def localise(day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """A wall-clock time on a day in a zone, as an aware datetime.

    A time that does not exist (inside a spring-forward gap) moves forward by
    the gap, as a clock on the wall would; an ambiguous one (autumn) takes the
    first, summer-time instance.
    """
    naive = datetime.datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone)


def expand_shows(
    dates: Sequence[datetime.date],
    times: Sequence[datetime.time],
    zone: zoneinfo.ZoneInfo,
    *,
    runtime: datetime.timedelta,
    business_day_starts_at: datetime.time,
) -> list[Show]:
    """Attach each show time to each date.

    A date is a *business* date: a time before ``business_day_starts_at`` (a
    00:30 late show) happens on the next calendar day but belongs to the
    evening it closes.
    """
    shows = []
    for day in dates:
        for at in times:
            calendar_day = day + datetime.timedelta(days=1) if at < business_day_starts_at else day
            start = localise(calendar_day, at, zone)
            end = (start.astimezone(UTC) + runtime).astimezone(zone)
            shows.append(Show(start=start, end=end, business_date=day))
    shows.sort(key=lambda show: show.start)
    return shows


def business_date_of(
    moment: datetime.datetime, zone: zoneinfo.ZoneInfo, day_starts_at: datetime.time
) -> datetime.date:
    """The programme day a moment belongs to at a venue."""
    local = moment.astimezone(zone)
    if local.time() < day_starts_at:
        return local.date() - datetime.timedelta(days=1)
    return local.date()
