"""Seasons, series, festivals and festival strands."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from .. import search_index
from .. import structured_data as schema
from ..api import fields as api
from ..blocks import ProgrammeStreamBlock
from ..choices import SeasonKind
from ..fields import ExternalIdField
from ..listings import group_by_day
from .feeds import CalendarFeedMixin
from .films import FilmPage
from .occurrences import Occurrence, OccurrenceQuerySet
from .screenings import Screening, ScreeningQuerySet
from .tree import ConfigurableParentPageTypes
from .visibility import ListablePageManager


class SeasonIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ConfigurableParentPageTypes()
    subpage_types = ["programme.SeasonPage"]
    max_count_per_parent = 1

    template = "programme/pages/season_index_page.html"

    class Meta:
        verbose_name = _("season index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seasons"] = SeasonPage.objects.child_of(self).listable().order_by("-start_date")
        return context


class SeasonPage(CalendarFeedMixin, search_index.FoldedSearchMixin, Page):
    """A curated season, a series, a festival, or a strand inside a festival.

    Strands are SeasonPages below their festival's SeasonPage. The films of a
    season are the films screened in it; ``featured_films`` only fixes an order.
    """

    objects = ListablePageManager()

    #: Cached copies follow this page's own tag (programme.caching.dependencies).
    programme_cache_scope = "page"

    kind = models.CharField(
        _("kind"), max_length=16, choices=SeasonKind.choices, default=SeasonKind.SEASON
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    intro = RichTextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_credit = models.CharField(_("hero image credit"), max_length=255, blank=True)
    external_id = ExternalIdField()
    body = StreamField(
        ProgrammeStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Optional: features, interviews, trailers, related screenings."),
    )

    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_credit")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        InlinePanel("partners", label=_("Partner")),
        InlinePanel(
            "featured_films",
            label=_("Film order"),
            help_text=_("Optional: films listed here come first, in this order."),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=5),
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("kind"),
        # Embedded titles and the ASCII-folded form of accented or non-Latin words
        # (programme/search_index.py).
        *search_index.folded_search_fields(),
    ]
    folded_text_sources = ("intro", "body", search_index.embedded_titles)

    # The API (programme.api): linked pages only when public.
    api_fields = [
        APIField("kind"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("intro"),
        APIField("hero_image"),
        APIField(
            "hero_image_rendition",
            serializer=api.ImageRenditionField(api.LARGE_IMAGE_SPEC, source="hero_image"),
        ),
        APIField("hero_image_credit"),
        APIField("partners", serializer=api.SeasonPartnerSerializer(many=True, read_only=True)),
        APIField("films", serializer=api.SeasonFilmsField()),
        APIField("strands", serializer=api.SeasonStrandsField()),
        APIField(
            "upcoming_occurrences",
            serializer=api.UpcomingOccurrencesField(),
        ),
        APIField("body"),
        APIField("external_id"),
    ]

    parent_page_types = ["programme.SeasonIndexPage", "programme.SeasonPage"]
    subpage_types = ["programme.SeasonPage"]

    template = "programme/pages/season_page.html"

    class Meta:
        verbose_name = _("season")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shows = list(
            Occurrence.objects.public()
            .filter(screening__seasons__in=self.season_ids)
            .distinct()
            .for_listing()
        )
        by_film: dict[int, list] = {}
        for show in shows:
            by_film.setdefault(show.screening.film_id, []).append(show)
        context["films"] = [(film, group_by_day(by_film.get(film.pk, []))) for film in self.films()]
        now = timezone.now()
        context["upcoming_shows"] = [show for show in shows if show.end >= now]
        context["strands"] = self.strands().listable()
        context["partners"] = self.partners.all().select_related("organisation__logo")
        return context

    @cached_property
    def season_ids(self) -> list[int]:
        """This season and its strands: listings include what is screened in a strand."""
        return [self.pk, *SeasonPage.objects.descendant_of(self).values_list("pk", flat=True)]

    def shows(self) -> OccurrenceQuerySet:
        """Every show in this season or its strands, public or not: callers narrow it down."""
        return Occurrence.objects.filter(screening__seasons__in=self.season_ids)

    def strands(self) -> PageQuerySet:
        """The seasons directly below this one (a festival's strands), drafts too."""
        return SeasonPage.objects.child_of(self)

    @classmethod
    def cache_screenings_for_page(cls, page_id: int) -> ScreeningQuerySet:
        """The screenings shown on the page with this ID: their changes reach its cached copy.

        A class method: a deleted page arrives as a plain ``Page``.
        """
        return Screening.objects.filter(seasons=page_id)

    def json_ld_items(self, request, shows: Iterable["Occurrence"]) -> list[dict]:  # noqa: F821
        """A schema.org ``EventSeries`` with a ``ScreeningEvent`` per show as ``subEvent``.

        The ``structured_data`` template tag adds it to the page's JSON-LD.
        """
        return [schema.event_series(self, request, shows)]

    def calendar_shows(self) -> OccurrenceQuerySet:
        """A season's shows, its strands' included."""
        return Occurrence.objects.public().filter(
            screening__in=Screening.objects.filter(seasons__in=self.season_ids)
        )

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The season cannot end before it starts.")})

    def films(self):
        """Films screened in this season (or its strands), editor-ordered ones first."""
        films = (
            FilmPage.objects.listable()
            .filter(screenings__seasons__in=self.season_ids)
            .distinct()
            .order_by("title")
        )
        order = {item.film_id: item.sort_order for item in self.featured_films.all()}
        return sorted(films, key=lambda film: (film.pk not in order, order.get(film.pk, 0)))


class SeasonPartner(Orderable):
    season = ParentalKey(SeasonPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="season_partnerships",
    )
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_('e.g. "Supported by" or "Media partner"')
    )

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")


class SeasonFilm(Orderable):
    season = ParentalKey(SeasonPage, on_delete=models.CASCADE, related_name="featured_films")
    film = models.ForeignKey(
        "programme.FilmPage", verbose_name=_("film"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("film")]

    class Meta(Orderable.Meta):
        verbose_name = _("film order")
