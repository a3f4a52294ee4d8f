"""Venues: where screenings happen, and the time zone every show time is read in."""

import zoneinfo
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import search_index
from .. import structured_data as schema
from ..api import fields as api
from ..blocks import ProgrammeStreamBlock
from ..fields import ExternalIdField
from ..languages import time_zone_choices
from ..listings import group_by_day
from ..panels import ScreeningsPanel
from .feeds import CalendarFeedMixin
from .occurrences import Occurrence, OccurrenceQuerySet
from .screenings import Screening, ScreeningQuerySet
from .tree import ConfigurableParentPageTypes
from .visibility import ListablePageManager


class VenueIndexPage(Page):
    """Lists the venues; the parent every VenuePage lives under."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ConfigurableParentPageTypes()
    subpage_types = ["programme.VenuePage"]
    max_count_per_parent = 1

    template = "programme/pages/venue_index_page.html"

    class Meta:
        verbose_name = _("venue index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["venues"] = VenuePage.objects.child_of(self).listable().order_by("title")
        return context


class VenuePage(CalendarFeedMixin, search_index.FoldedSearchMixin, Page):
    """A cinema, museum or festival venue.

    The time zone is an IANA name because every show time is a wall-clock time
    at the venue: screenings are expanded in it, and pages show it.
    """

    objects = ListablePageManager()

    #: Cached copies follow this page's own tag (programme.caching.dependencies).
    programme_cache_scope = "page"
    #: Upcoming shows listed on the page; what's on and the calendar feed have them all.
    listed_shows = 100

    street_address = models.TextField(_("street address"), blank=True)
    locality = models.CharField(_("city"), max_length=255)
    region = models.CharField(_("region or state"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=32, blank=True)
    country = CountryField(_("country"))
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    box_office_phone = models.CharField(_("box office phone"), max_length=64, blank=True)
    box_office_email = models.EmailField(_("box office email"), blank=True)
    default_price_table = models.ForeignKey(
        "programme.PriceTable",
        verbose_name=_("default prices"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Used by every screening here that has no price table of its own."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_credit = models.CharField(_("image credit"), max_length=255, blank=True)
    description = RichTextField(_("description"), blank=True)
    external_id = ExternalIdField()
    body = StreamField(
        ProgrammeStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Optional: features, interviews, trailers, related screenings."),
    )

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    wheelchair_spaces = models.PositiveSmallIntegerField(
        _("wheelchair spaces"), null=True, blank=True
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    assistance = models.TextField(
        _("assistance"),
        blank=True,
        help_text=_("Companion tickets, assistance dogs, help on arrival…"),
    )
    access_information = RichTextField(_("more access information"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("locality"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("country")]),
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("box_office_phone"), FieldPanel("box_office_email")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_credit")], heading=_("Image")),
    ]
    access_panels = [
        FieldRowPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessible_toilet"),
            ]
        ),
        FieldPanel("wheelchair_spaces"),
        FieldPanel("assistance"),
        FieldPanel("access_information"),
    ]
    screens_panels = [
        InlinePanel("screens", label=_("Screen")),
        FieldPanel("default_price_table"),
    ]

    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(screens_panels, heading=_("Screens and prices")),
            ObjectList([ScreeningsPanel(heading=_("Screenings"))], heading=_("Screenings")),
            ObjectList(access_panels, heading=_("Access")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=5),
        index.SearchField("locality", boost=2),
        index.SearchField("region"),
        index.SearchField("description"),
        index.SearchField("body"),
        index.AutocompleteField("locality"),
        # Embedded titles and the ASCII-folded form of accented or non-Latin words
        # (programme/search_index.py).
        *search_index.folded_search_fields(),
    ]
    folded_text_sources = ("locality", "description", "body", search_index.embedded_titles)
    folded_autocomplete_sources = ("title", "locality")

    # The API (programme.api): the time zone every show time is given in, access, prices.
    api_fields = [
        APIField("street_address"),
        APIField("locality"),
        APIField("region"),
        APIField("postal_code"),
        APIField("country", serializer=api.CountryField()),
        APIField("time_zone"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("website"),
        APIField("box_office_phone"),
        APIField("box_office_email"),
        APIField("image"),
        APIField(
            "image_rendition",
            serializer=api.ImageRenditionField(api.LARGE_IMAGE_SPEC, source="image"),
        ),
        APIField("image_credit"),
        APIField("description"),
        APIField("body"),
        APIField("screens", serializer=api.ScreenSerializer(many=True, read_only=True)),
        APIField("access", serializer=api.VenueAccessSerializer(source="*", read_only=True)),
        APIField("access_information"),
        APIField(
            "default_prices",
            serializer=api.PriceTableSerializer(source="default_price_table", read_only=True),
        ),
        APIField("upcoming_occurrences", serializer=api.UpcomingOccurrencesField()),
        APIField("external_id"),
    ]

    parent_page_types = ["programme.VenueIndexPage"]
    subpage_types: list[str] = []
    template = "programme/pages/venue_page.html"

    class Meta:
        verbose_name = _("venue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming = list(
            Occurrence.objects.public()
            .upcoming()
            .filter(screening__venue=self)
            .for_listing()[: self.listed_shows + 1]
        )
        context["more_shows"] = len(upcoming) > self.listed_shows
        upcoming = upcoming[: self.listed_shows]
        context["upcoming_by_day"] = group_by_day(upcoming)
        context["upcoming_shows"] = upcoming
        return context

    def shows(self) -> OccurrenceQuerySet:
        """Every show at this venue, on any date, public or not: callers narrow it down."""
        return Occurrence.objects.filter(screening__venue=self)

    @classmethod
    def cache_screenings_for_page(cls, page_id: int) -> ScreeningQuerySet:
        """The screenings shown on the page with this ID: their changes reach its cached copy.

        A class method: a deleted page arrives as a plain ``Page``.
        """
        return Screening.objects.filter(venue=page_id)

    def json_ld_items(self, request, shows: Iterable["Occurrence"]) -> list[dict]:  # noqa: F821
        """A schema.org ``MovieTheater``, then a ``ScreeningEvent`` per show.

        The ``structured_data`` template tag adds them to the page's JSON-LD.
        """
        return [
            schema.movie_theater(self, request, full=True),
            *(schema.screening_event(show, request) for show in shows),
        ]

    def calendar_shows(self) -> OccurrenceQuerySet:
        return Occurrence.objects.public().filter(screening__venue=self)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or "UTC")

    @property
    def map_url(self) -> str:
        from urllib.parse import urlencode

        if self.latitude is not None and self.longitude is not None:
            return "https://www.openstreetmap.org/?" + urlencode(
                {"mlat": self.latitude, "mlon": self.longitude, "zoom": 17}
            )
        query = ", ".join(
            part
            for part in [self.street_address.replace("\n", ", "), self.locality, self.country.name]
            if part
        )
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


class Screen(Orderable):
    """An auditorium inside a venue."""

    venue = ParentalKey(VenuePage, on_delete=models.CASCADE, related_name="screens")
    name = models.CharField(_("name"), max_length=255)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    wheelchair_spaces = models.PositiveSmallIntegerField(
        _("wheelchair spaces"), null=True, blank=True
    )
    access_notes = models.CharField(_("access notes"), max_length=255, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("name"), FieldPanel("capacity"), FieldPanel("wheelchair_spaces")]
        ),
        FieldPanel("access_notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("screen")

    def __str__(self) -> str:
        return f"{self.venue.title} – {self.name}"

    def cache_screenings(self) -> ScreeningQuerySet:
        """The screenings that show this screen: their pages go when it changes (the page cache)."""
        return self.screenings.all()
