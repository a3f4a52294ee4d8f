"""Grouping shows for listings. Pure functions over already-fetched occurrences."""

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DayGroup:
    day: date
    occurrences: list = field(default_factory=list)


@dataclass
class VenueGroup:
    venue: object
    days: list[DayGroup] = field(default_factory=list)


def group_by_day(occurrences: Iterable) -> list[DayGroup]:
    groups: OrderedDict[date, DayGroup] = OrderedDict()
    for occurrence in occurrences:
        groups.setdefault(occurrence.business_date, DayGroup(occurrence.business_date))
        groups[occurrence.business_date].occurrences.append(occurrence)
    return list(groups.values())


def group_by_venue_and_day(occurrences: Iterable) -> list[VenueGroup]:
    by_venue: OrderedDict[int, list] = OrderedDict()
    venues = {}
    for occurrence in occurrences:
        venue = occurrence.screening.venue
        venues[venue.pk] = venue
        by_venue.setdefault(venue.pk, []).append(occurrence)
    return [VenueGroup(venues[pk], group_by_day(items)) for pk, items in by_venue.items()]
