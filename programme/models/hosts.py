"""Pages that carry screenings without being a film or a venue: a talk, a live event, a quiz night.

A screening already points at its film and its venue, so those pages find their
shows through ``Screening.film`` and ``Screening.venue``. Any other page that
presents screenings links to them through ordered child rows of its own::

    class EventPage(ScreeningHostMixin, Page):
        content_panels = [*Page.content_panels, InlinePanel("hosted_screenings")]

    class EventScreening(AbstractHostedScreening):
        page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="hosted_screenings")

The rows store only the screening's ID. Dates, times, labels, status and prices
are read from the stored occurrence table when the page renders, so a
cancelled or sold-out screening shows as such on the host page without
republishing it. ``host_pages_for_screenings`` answers the reverse question
(which host pages show these screenings) for cache invalidation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page

from .. import structured_data as schema
from ..listings import group_by_day
from .occurrences import Occurrence, OccurrenceQuerySet
from .screenings import Screening, ScreeningQuerySet

#: The most upcoming shows a host page lists, as on a venue page.
HOSTED_SHOWS_LIMIT = 150


class AbstractHostedScreening(Orderable):
    """One screening shown on a host page, in the order the editor chose.

    Abstract: the concrete subclass adds the ``ParentalKey`` to its own page
    model, named by that page's ``hosted_screenings_relation``.
    """

    screening = models.ForeignKey(
        "programme.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        # Host models are unknown to the programme app: no reverse accessor to clash.
        related_name="+",
    )

    panels = [FieldPanel("screening")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return str(self.screening) if self.screening_id else ""


class ScreeningHostMixin:
    """For a ``Page`` subclass that links screenings through ``AbstractHostedScreening`` rows.

    Gives the page its screenings and upcoming shows in a fixed number of
    queries, puts them in the template context under the names the film and
    venue pages use (``upcoming_shows``, ``upcoming_by_day``), and lets the
    ``structured_data`` tag describe the page as a schema.org ``Event`` with
    its ``ScreeningEvent`` shows.
    """

    #: The ``related_name`` of the ``ParentalKey`` on the page's hosted-screening rows.
    hosted_screenings_relation: str = "hosted_screenings"
    #: The most upcoming shows ``get_context`` lists.
    hosted_shows_limit: int = HOSTED_SHOWS_LIMIT
    #: Cached copies follow the page's own tag: a hosted screening's changes reach it
    #: through ``host_pages_for_screenings``. A subclass that also shows data of its
    #: own outside the page and its blocks sets "programme" (see docs/caching.md).
    programme_cache_scope: str = "page"

    @classmethod
    def check(cls, **kwargs) -> list[checks.CheckMessage]:
        # A misnamed relation would otherwise show only when the page is first rendered.
        errors = super().check(**kwargs)
        if cls._meta.abstract:
            return errors
        row_model = _hosted_row_model(cls)
        if row_model is None:
            errors.append(
                checks.Error(
                    f"{cls.__name__}.hosted_screenings_relation is "
                    f"{cls.hosted_screenings_relation!r}, but no child model has a "
                    "ParentalKey to this page with that related_name.",
                    obj=cls,
                    id="programme.E010",
                )
            )
        elif not issubclass(row_model, AbstractHostedScreening):
            errors.append(
                checks.Error(
                    f"{row_model.__name__} must subclass programme.models.AbstractHostedScreening.",
                    obj=cls,
                    id="programme.E011",
                )
            )
        return errors

    def hosted_screening_ids(self) -> list[int]:
        """The linked screenings' IDs in the editor's order.

        Read through the page's own relation, so a preview or a revision shows
        the rows being edited rather than the published ones.
        """
        rows = getattr(self, self.hosted_screenings_relation).all()
        ids = [row.screening_id for row in rows if row.screening_id]
        return list(dict.fromkeys(ids))

    def screenings(self, ids: Iterable[int] | None = None) -> ScreeningQuerySet:
        """The linked screenings with what their labels and prices show, in the editor's order."""
        ids = list(self.hosted_screening_ids() if ids is None else ids)
        if not ids:
            return Screening.objects.none()
        position = Case(
            *(When(pk=pk, then=Value(index)) for index, pk in enumerate(ids)),
            output_field=IntegerField(),
        )
        return Screening.objects.filter(pk__in=ids).for_display().order_by(position)

    def upcoming_occurrences(
        self, limit: int | None = None, ids: Iterable[int] | None = None
    ) -> OccurrenceQuerySet:
        """The linked screenings' public shows still to come, soonest first, for listing rows."""
        ids = list(self.hosted_screening_ids() if ids is None else ids)
        shows = (
            Occurrence.objects.public()
            .upcoming()
            .filter(screening__in=ids)
            .for_listing()
            .order_by("start")
        )
        return shows[:limit] if limit is not None else shows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming = list(
            self.upcoming_occurrences(
                limit=self.hosted_shows_limit, ids=self.hosted_screening_ids()
            )
        )
        context["upcoming_shows"] = upcoming
        context["upcoming_by_day"] = group_by_day(upcoming)
        return context

    def json_ld_items(self, request, shows: Iterable[Occurrence]) -> list[dict]:
        """A schema.org ``Event`` for the page with its shows as ``subEvent``s.

        The ``structured_data`` template tag adds it to the page's JSON-LD.
        """
        sub_events = [schema.screening_event(show, request) for show in shows]
        for event in sub_events:
            event.pop("@context", None)
        data = {
            "@context": schema.SCHEMA,
            "@type": "Event",
            "name": self.seo_title or self.title,
            "url": self.get_full_url(request=request) or "",
            "description": self.search_description,
            "eventAttendanceMode": f"{schema.SCHEMA}/OfflineEventAttendanceMode",
            "subEvent": sub_events,
        }
        if sub_events:
            data["startDate"] = sub_events[0]["startDate"]
            data["location"] = sub_events[0]["location"]
        return [{key: value for key, value in data.items() if value not in (None, "", [])}]


def _hosted_row_model(page_model: type[Page]) -> type[models.Model] | None:
    try:
        relation = page_model._meta.get_field(page_model.hosted_screenings_relation)
    except FieldDoesNotExist:
        return None
    if not relation.one_to_many:
        return None
    return relation.related_model


def screening_host_models() -> list[type[Page]]:
    """Every concrete page model that uses ``ScreeningHostMixin``."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ScreeningHostMixin)
        and issubclass(model, Page)
        and not model._meta.proxy
        and _hosted_row_model(model) is not None
    ]


def host_pages_for_screenings(screening_ids: Iterable[int]) -> list[Page]:
    """The pages (drafts included, as their specific class) that link any of these screenings.

    For cache invalidation: when a screening changes, its film and venue pages
    change, and so does every host page linking it. One query per host model.
    """
    ids = list(screening_ids)
    if not ids:
        return []
    pages: list[Page] = []
    for model in screening_host_models():
        relation = model._meta.get_field(model.hosted_screenings_relation)
        rows = relation.related_model._default_manager.filter(screening_id__in=ids)
        page_ids = rows.values(relation.field.attname)
        pages.extend(model.objects.filter(pk__in=page_ids).order_by("pk"))
    return pages
