"""schema.org JSON-LD for programme pages: Movie, ScreeningEvent, EventSeries, MovieTheater.

Plain dictionaries built from models that the page has already loaded; the
``json_ld`` template tag serialises them. Nothing here queries per show.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.html import strip_tags

from .choices import CreditRole, ScreeningStatus

SCHEMA = "https://schema.org"

EVENT_STATUS = {
    ScreeningStatus.SCHEDULED: "EventScheduled",
    ScreeningStatus.SOLD_OUT: "EventScheduled",
    ScreeningStatus.CANCELLED: "EventCancelled",
    ScreeningStatus.POSTPONED: "EventPostponed",
    ScreeningStatus.MOVED: "EventRescheduled",
}

PERSON_ROLES = {
    CreditRole.DIRECTOR: "director",
    CreditRole.SCREENPLAY: "author",
    CreditRole.PRODUCER: "producer",
    CreditRole.MUSIC: "musicBy",
    CreditRole.CAST: "actor",
}


def _url(page, request) -> str:
    return page.get_full_url(request=request) or ""


def _text(html: str, limit: int = 500) -> str:
    text = " ".join(strip_tags(html or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def postal_address(venue) -> dict:
    return _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": " ".join((venue.street_address or "").split()),
            "addressLocality": venue.locality,
            "addressRegion": venue.region,
            "postalCode": venue.postal_code,
            "addressCountry": venue.country.code if venue.country else "",
        }
    )


def movie_theater(venue, request, *, full: bool = False) -> dict:
    data = {
        "@type": "MovieTheater",
        "name": venue.title,
        "url": _url(venue, request),
        "address": postal_address(venue),
    }
    if full:
        screens = list(venue.screens.all())
        data.update(
            {
                "@context": SCHEMA,
                "telephone": venue.box_office_phone,
                "email": venue.box_office_email,
                "sameAs": venue.website,
                "screenCount": len(screens) or None,
                "description": _text(venue.description),
                "isAccessibleForFree": None,
                "amenityFeature": [
                    {"@type": "LocationFeatureSpecification", "name": name, "value": True}
                    for name, present in [
                        ("Step-free access", venue.step_free_access),
                        ("Hearing loop", venue.hearing_loop),
                        ("Accessible toilet", venue.accessible_toilet),
                    ]
                    if present
                ],
            }
        )
        if venue.latitude is not None and venue.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
    return _compact(data)


def movie(film, request, *, full: bool = False) -> dict:
    data = {
        "@type": "Movie",
        "name": film.title,
        "url": _url(film, request),
        "alternateName": film.display_original_title,
        "dateCreated": str(film.year) if film.year else "",
        "duration": f"PT{film.runtime_minutes}M" if film.runtime_minutes else "",
    }
    if full:
        # Credits only on the film's own page: listings would fetch them once per film.
        data["director"] = [_person(c, request) for c in film.directors]
        data["@context"] = SCHEMA
        data["description"] = film.logline or _text(film.synopsis)
        data["countryOfOrigin"] = [
            {"@type": "Country", "name": country.name} for country in film.countries
        ]
        data["inLanguage"] = list(film.spoken_languages or [])
        for role, prop in PERSON_ROLES.items():
            if role == CreditRole.DIRECTOR:
                continue
            people = [_person(c, request) for c in film.all_credits if c.role == role]
            if people:
                data[prop] = people
        companies = [
            {"@type": "Organization", "name": c.name_as_credited}
            for c in film.all_credits
            if c.role == CreditRole.PRODUCTION_COMPANY
        ]
        if film.distributor_id:
            companies.append({"@type": "Organization", "name": film.distributor.name})
        data["productionCompany"] = companies
        data["award"] = [
            ", ".join(str(p) for p in [a.name, a.festival, a.year] if p) for a in film.awards.all()
        ]
        data["keywords"] = ", ".join(tag.name for tag in film.subjects.all())
        data["review"] = [
            _compact(
                {
                    "@type": "Review",
                    "reviewBody": quote.text,
                    "author": {"@type": "Person", "name": quote.author} if quote.author else "",
                    "publisher": (
                        {"@type": "Organization", "name": quote.publication}
                        if quote.publication
                        else ""
                    ),
                    "url": quote.url,
                }
            )
            for quote in film.quotes.all()
        ]
    return _compact(data)


def _person(credit, request) -> dict:
    data = {"@type": "Person", "name": credit.name_as_credited}
    path = credit.person.get_absolute_url() if credit.person_id else ""
    if path:  # "" when the site has no people index
        data["url"] = request.build_absolute_uri(path) if request else path
    return data


def _offers(screening, occurrence, url: str) -> list[dict]:
    table = screening.effective_price_table
    if table is None:
        return []
    availability = {
        ScreeningStatus.SCHEDULED: f"{SCHEMA}/InStock",
        ScreeningStatus.SOLD_OUT: f"{SCHEMA}/SoldOut",
    }.get(occurrence.status, f"{SCHEMA}/Discontinued")
    return [
        _compact(
            {
                "@type": "Offer",
                "name": row.label + (f" ({row.conditions})" if row.conditions else ""),
                "price": str(Decimal(row.amount).quantize(Decimal("0.01"))),
                "priceCurrency": table.currency,
                "availability": availability,
                "url": screening.ticket_url or url,
            }
        )
        for row in table.rows.all()
    ]


def screening_event(occurrence, request) -> dict:
    screening = occurrence.screening
    film_url = _url(screening.film, request)
    url = f"{film_url}#show-{occurrence.pk}"
    data = {
        "@context": SCHEMA,
        "@type": "ScreeningEvent",
        "name": screening.title,
        "url": url,
        "startDate": occurrence.local_start.isoformat(),
        "endDate": occurrence.local_end.isoformat(),
        "eventStatus": f"{SCHEMA}/{EVENT_STATUS.get(occurrence.status, 'EventScheduled')}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": movie_theater(screening.venue, request),
        "workPresented": movie(screening.film, request),
        "inLanguage": screening.audio_language,
        "subtitleLanguage": screening.subtitle_language,
        "videoFormat": screening.film.get_projection_format_display(),
        "offers": _offers(screening, occurrence, url),
        "superEvent": [
            {"@type": "EventSeries", "name": season.title, "url": _url(season, request)}
            for season in screening.seasons.all()
            if season.live
        ],
        "description": occurrence.note or screening.note,
    }
    return _compact(data)


def event_series(season, request, shows: Iterable = ()) -> dict:
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "EventSeries",
            "name": season.title,
            "url": _url(season, request),
            "description": _text(season.intro),
            "startDate": season.start_date.isoformat() if season.start_date else "",
            "endDate": season.end_date.isoformat() if season.end_date else "",
            "subEvent": [screening_event(show, request) for show in shows],
        }
    )


def breadcrumb_list(page, request) -> dict:
    trail = [*page.get_ancestors().filter(depth__gt=1).specific(defer=True), page]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": item.title,
                "item": _url(item, request),
            }
            for position, item in enumerate(trail, start=1)
        ],
    }
