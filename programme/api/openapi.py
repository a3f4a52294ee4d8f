"""The OpenAPI 3 description of the endpoints this app defines, served at ``openapi.json``.

Built per request from the same parameter list the occurrences filter reads
(``filters.occurrence_parameters``), the model choices and the URL
configuration, so paths follow wherever a host site mounts the API. Wagtail's
own pages endpoint is described only as far as this app relies on it (types,
parent, ordering, pagination); Wagtail's documentation covers the rest.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.models import Site

from ..choices import ScreeningStatus
from .filters import MAX_OFFSET, Parameter, limit_max, occurrence_parameters

# Wagtail's pages endpoint reads an empty ``type`` or ``order`` as not given.
PAGE_TYPES = [
    "",
    "wagtailcore.Page",
    "programme.FilmPage",
    "programme.SeasonPage",
    "programme.VenuePage",
    "programme.ArticlePage",
]
PAGE_ORDERINGS = ["", "id", "-id", "title", "-title", "first_published_at", "-first_published_at"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    return {**schema, "nullable": True}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
DECIMAL = {"type": "string", "pattern": r"^\d+\.\d{2}$", "example": "12.50"}


def _schemas() -> dict[str, Any]:
    link = _object(
        {
            "id": INTEGER,
            "title": STRING,
            "slug": STRING,
            "url": _nullable(URL),
            "api_url": _nullable(URL),
        }
    )
    price_row = _object(
        {
            "label": STRING,
            "conditions": STRING,
            "amount": DECIMAL,
            "currency": {"type": "string", "minLength": 3, "maxLength": 3},
            "formatted": {"type": "string", "example": "£12.50"},
        }
    )
    price_table = _object(
        {
            "id": INTEGER,
            "name": STRING,
            "currency": STRING,
            "footnote": STRING,
            "from_amount": _nullable(DECIMAL),
            "rows": {"type": "array", "items": _ref("PriceRow")},
        }
    )
    occurrence = _object(
        {
            "id": INTEGER,
            "meta": _object(
                {"type": STRING, "detail_url": _nullable(URL), "html_url": _nullable(URL)}
            ),
            "start": {
                "type": "string",
                "format": "date-time",
                "description": "In the venue's time zone, with its UTC offset.",
                "example": "2026-11-27T19:30:00-05:00",
            },
            "end": {"type": "string", "format": "date-time"},
            "time_zone": {"type": "string", "example": "America/New_York"},
            "business_date": {
                "type": "string",
                "format": "date",
                "description": "The programme day: a show after midnight belongs to the evening.",
            },
            "status": {"type": "string", "enum": list(ScreeningStatus.values)},
            "status_name": STRING,
            "cancelled": BOOLEAN,
            "show_note": {"type": "string", "description": "A note for this show only."},
            "screening_id": INTEGER,
            "screening_status": {"type": "string", "enum": list(ScreeningStatus.values)},
            "title": STRING,
            "film": _ref("PageLink"),
            "programme_films": {"type": "array", "items": _ref("PageLink")},
            "short_before": _nullable(_ref("PageLink")),
            "venue": _ref("PageLink"),
            "screen": _nullable(
                _object(
                    {
                        "id": INTEGER,
                        "name": STRING,
                        "capacity": _nullable(INTEGER),
                        "wheelchair_spaces": _nullable(INTEGER),
                        "access_notes": STRING,
                    }
                )
            ),
            "seasons": {"type": "array", "items": _ref("PageLink")},
            "status_message": STRING,
            "note": {"type": "string", "description": "The screening's note."},
            "labels": {
                "type": "array",
                "items": _object({"slug": STRING, "name": STRING}),
            },
            "access": {
                "type": "array",
                "items": _object(
                    {"slug": STRING, "name": STRING, "abbreviation": STRING, "description": STRING}
                ),
            },
            "language": _object(
                {
                    "version": _nullable(STRING),
                    "version_name": _nullable(STRING),
                    "audio": _nullable(STRING),
                    "audio_name": _nullable(STRING),
                    "subtitles": _nullable(STRING),
                    "subtitles_name": _nullable(STRING),
                    "description": STRING,
                }
            ),
            "prices": _nullable(_ref("PriceTable")),
            "ticket_url": _nullable(URL),
            "ics_url": _nullable(URL),
        }
    )
    return {
        "Error": _object({"message": STRING}),
        "PageLink": link,
        "PriceRow": price_row,
        "PriceTable": price_table,
        "Occurrence": occurrence,
        "OccurrenceListing": _object(
            {
                "meta": _object({"total_count": INTEGER}),
                "items": {"type": "array", "items": _ref("Occurrence")},
            }
        ),
        "PageListing": _object(
            {
                "meta": _object({"total_count": INTEGER}),
                "items": {
                    "type": "array",
                    "items": _object(
                        {"id": INTEGER, "meta": {"type": "object"}, "title": STRING},
                        optional=("title",),
                    ),
                },
            }
        ),
    }


def _query(parameter: Parameter) -> dict[str, Any]:
    data = {
        "name": parameter.name,
        "in": "query",
        "required": False,
        "description": parameter.description,
        "schema": parameter.schema,
    }
    if parameter.repeatable:
        data.update(style="form", explode=True)
    if parameter.example is not None:
        data["example"] = parameter.example
    return data


def _json(description: str, schema_name: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


BAD_REQUEST = _json("A parameter is unknown or its value cannot be used.", "Error")


def _page_parameters() -> list[dict[str, Any]]:
    pagination_max = limit_max()
    limit: dict[str, Any] = {"type": "integer", "minimum": 0}
    if pagination_max:
        limit["maximum"] = pagination_max
    return [
        _query(
            Parameter("type", "Only pages of this type.", {"type": "string", "enum": PAGE_TYPES})
        ),
        _query(Parameter("child_of", "Only children of this page id.", {"type": "integer"})),
        _query(Parameter("order", "Order by a field.", {"type": "string", "enum": PAGE_ORDERINGS})),
        _query(Parameter("limit", "How many pages to return.", limit)),
        _query(
            Parameter(
                "offset",
                "How many pages to skip.",
                {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            )
        ),
    ]


def build_schema(request) -> dict[str, Any]:
    """The OpenAPI document, with paths as this site's URL configuration mounts them."""
    occurrences = reverse("wagtailapi:occurrences:listing")
    occurrence = reverse("wagtailapi:occurrences:detail", args=[1]).replace("/1/", "/{id}/")
    pages = reverse("wagtailapi:pages:listing")
    page = reverse("wagtailapi:pages:detail", args=[1]).replace("/1/", "/{id}/")
    site = Site.find_for_request(request)
    site_name = (site.site_name if site else "") or "Film programme"
    id_parameter = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
    not_found = _json("No public object has this id.", "Error")
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{site_name} API",
            "version": "2",
            "description": (
                "Read-only. Shows (occurrences) of published, public films at published, "
                "public venues, and Wagtail's pages, images and documents endpoints. "
                "Bad parameters are a 400 with a message."
            ),
        },
        "paths": {
            occurrences: {
                "get": {
                    "operationId": "listOccurrences",
                    "summary": "Shows, filtered, ordered and paginated",
                    "parameters": [_query(p) for p in occurrence_parameters()],
                    "responses": {
                        "200": _json("A page of shows.", "OccurrenceListing"),
                        "400": BAD_REQUEST,
                    },
                }
            },
            occurrence: {
                "get": {
                    "operationId": "getOccurrence",
                    "summary": "One show",
                    "parameters": [id_parameter],
                    "responses": {"200": _json("The show.", "Occurrence"), "404": not_found},
                }
            },
            pages: {
                "get": {
                    "operationId": "listPages",
                    "summary": "Published, public pages (Wagtail's pages endpoint)",
                    "parameters": _page_parameters(),
                    "responses": {
                        "200": _json("A page of pages.", "PageListing"),
                        "400": BAD_REQUEST,
                    },
                }
            },
            page: {
                "get": {
                    "operationId": "getPage",
                    "summary": "One page with all its fields",
                    "parameters": [id_parameter],
                    "responses": {
                        "200": {
                            "description": "The page.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "404": not_found,
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
