"""Schemathesis against the API's own OpenAPI document, through the WSGI application.

Generated requests, valid and invalid, must never meet a server error, must
get a status the document declares, must match its response shapes, and an
invalid one must never be answered with a success.
"""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import Page, PageViewRestriction

from programme.api.visibility import Visibility
from programme.models import Occurrence, ScreeningLabel
from tests.factories import (
    FilmPageFactory,
    PriceTableFactory,
    ScreenFactory,
    ScreeningFactory,
    SeasonPageFactory,
    VenuePageFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
#: Per operation and mode: enough to try every parameter, well under a minute in all.
MAX_EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _programme() -> None:
    """A few public shows with every kind of fact, and some that must stay hidden."""
    today = timezone.localdate()
    venue = VenuePageFactory(
        slug="riverside",
        time_zone="America/New_York",
        default_price_table=PriceTableFactory(currency="USD"),
    )
    screen = ScreenFactory(venue=venue)
    season = SeasonPageFactory(slug="festival")
    label = ScreeningLabel.objects.create(slug="members", name="Members only")
    for number, film in enumerate(FilmPageFactory.create_batch(3)):
        screening = ScreeningFactory(
            film=film,
            venue=venue,
            screen=screen if number else None,
            first_date=today + (number - 1) * DAY,
            show_times="14:00, 19:30",
            seasons=[season],
            access_flags=["captioned"],
            premiere="local" if number else "",
            language_version="original_subtitled",
            subtitle_language="en",
            short_before=film if number == 2 else None,
        )
        screening.labels.add(label)
        screening.save()
    private = FilmPageFactory(slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ScreeningFactory(film=private, venue=venue)
    ScreeningFactory(film=FilmPageFactory(live=False), venue=venue)


@pytest.fixture
def api_schema(db, settings, tmp_path):
    settings.PROGRAMME_PAGE_CACHE = False  # every generated request reaches the API
    settings.MEDIA_ROOT = tmp_path / "media"
    _programme()
    # As Django's test client does: requests must not close the test's connection
    # (on PostgreSQL that would end the transaction holding the test data).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v2/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# Hypothesis runs inside the test rather than through schemathesis' pytest plugin,
# whose fixture-backed schemas do not run on pytest 9.2 (it rewrites a node id pytest
# no longer has).
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_openapi_promises(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {
        "GET /api/v2/occurrences/",
        "GET /api/v2/occurrences/{id}/",
    }
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def keeps_promises(case):
            case.call_and_validate(checks=CHECKS)

        keeps_promises()


def test_every_public_show_and_page_matches_its_documented_shape(api_schema):
    """Generated ids rarely exist: check the real ones, and that hidden ones are a 404."""
    occurrence = api_schema["/api/v2/occurrences/{id}/"]["GET"]
    page = api_schema["/api/v2/pages/{id}/"]["GET"]
    checks = [not_a_server_error, status_code_conformance, response_schema_conformance]
    public = Visibility().public_occurrences(Occurrence.objects.all())
    assert public.count() == 6
    for pk in Occurrence.objects.values_list("pk", flat=True):
        response = occurrence.Case(path_parameters={"id": pk}).call_and_validate(checks=checks)
        assert response.status_code == (200 if public.filter(pk=pk).exists() else 404)
    visible_pages = Page.objects.live().public()
    for pk in Page.objects.filter(depth__gt=1).values_list("pk", flat=True):
        response = page.Case(path_parameters={"id": pk}).call_and_validate(checks=checks)
        assert response.status_code == (200 if visible_pages.filter(pk=pk).exists() else 404)
    listing = api_schema["/api/v2/occurrences/"]["GET"]
    for query in [
        {"from": timezone.localdate().isoformat(), "venue": "riverside", "limit": 20},
        {"season": "festival", "access": ["captioned"], "label": "members", "order": "-start"},
        {"language_version": "original_subtitled", "subtitles": "en", "status": "scheduled"},
    ]:
        response = listing.Case(query=query).call_and_validate(checks=checks)
        assert response.status_code == 200
        assert response.json()["items"], query
