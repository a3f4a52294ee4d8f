"""Films: every structured fact a distributor, museum or festival publishes about one."""

from collections.abc import Iterable
from itertools import groupby

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .. import calendar, search_index
from .. import structured_data as schema
from ..api import fields as api
from ..blocks import ProgrammeStreamBlock
from ..choices import CreditRole, ProjectionFormat
from ..fields import ExternalIdField, LanguageListField
from ..languages import language_name
from ..listings import group_by_venue_and_day
from ..panels import ScreeningsPanel
from .feeds import CalendarFeedMixin
from .occurrences import Occurrence, OccurrenceQuerySet
from .screenings import Screening, ScreeningQuerySet
from .tree import ConfigurableParentPageTypes
from .visibility import ListablePageQuerySet, inside_private_section

#: The rendition programme/includes/film_card.html draws; prefetched for lists of cards.
CARD_IMAGE_SPEC = "fill-480x270"


class FilmPageQuerySet(ListablePageQuerySet):
    def for_cards(self) -> "FilmPageQuerySet":
        """Films with their posters and card renditions, one query each whatever the count."""
        posters = get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC)
        return self.prefetch_related(Prefetch("poster", queryset=posters))

    def for_film_card_block(self) -> "FilmPageQuerySet":
        """What the film card block shows: poster, credits with their people, stills.

        ``in_private_section`` lets the block apply the listing rule without a query.
        """
        return (
            self.annotate(in_private_section=inside_private_section())
            .select_related("poster")
            .prefetch_related(
                Prefetch(
                    "credits", queryset=FilmCredit.objects.select_related("person", "organisation")
                ),
                Prefetch("images", queryset=FilmImage.objects.select_related("image")),
            )
        )


class FilmIndexPage(Page):
    """Lists the films; the parent every FilmPage lives under."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ConfigurableParentPageTypes()
    subpage_types = ["programme.FilmPage"]
    max_count_per_parent = 1

    template = "programme/pages/film_index_page.html"

    class Meta:
        verbose_name = _("film index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["films"] = FilmPage.objects.child_of(self).listable().order_by("title").for_cards()
        return context


class FilmSubject(TaggedItemBase):
    content_object = ParentalKey(
        "programme.FilmPage", on_delete=models.CASCADE, related_name="subject_items"
    )


class FilmPage(CalendarFeedMixin, search_index.FoldedSearchMixin, Page):
    """A film, as its distributor or a programmer would describe it.

    Credits, quotes, awards, images and related films are ordered child rows so
    that editors control their order and each fact stays structured.
    """

    #: Cached copies follow this page's own tag (programme.caching.dependencies).
    programme_cache_scope = "page"
    #: Upcoming shows listed on the page; the calendar feed has them all.
    listed_shows = 60

    original_title = models.CharField(_("original title"), max_length=255, blank=True)
    english_title = models.CharField(_("English title"), max_length=255, blank=True)
    logline = models.CharField(
        _("logline"), max_length=300, blank=True, help_text=_("One sentence for listings.")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1870), MaxValueValidator(2100)],
    )
    countries = CountryField(_("production countries"), multiple=True, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField(
        _("runtime (minutes)"), null=True, blank=True
    )
    runtime_note = models.CharField(
        _("runtime note"), max_length=100, blank=True, help_text=_('e.g. "inc. interval"')
    )
    spoken_languages = LanguageListField(_("spoken languages"))
    certificate = models.CharField(
        _("certificate"), max_length=32, blank=True, help_text=_('e.g. "15" or "PG-13"')
    )
    projection_format = models.CharField(
        _("projection format"), max_length=32, choices=ProjectionFormat.choices, blank=True
    )
    epigraph = models.TextField(_("epigraph"), blank=True)
    epigraph_author = models.CharField(_("epigraph author"), max_length=255, blank=True)
    epigraph_source = models.CharField(
        _("epigraph source"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Nobel Prize for Literature, 2015"'),
    )
    synopsis = RichTextField(_("synopsis"), blank=True)
    poster = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("poster or key still"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poster_credit = models.CharField(_("poster credit"), max_length=255, blank=True)
    trailer_url = models.URLField(
        _("trailer"), blank=True, help_text=_("A YouTube or Vimeo address.")
    )
    subjects = ClusterTaggableManager(through=FilmSubject, blank=True, verbose_name=_("subjects"))
    distributor = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("distributor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="distributed_films",
    )
    world_sales = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("world sales"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="world_sales_films",
    )
    external_id = ExternalIdField()
    body = StreamField(
        ProgrammeStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Optional: features, interviews, trailers, related screenings."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("original_title"), FieldPanel("english_title"), FieldPanel("logline")],
            heading=_("Titles"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("certificate")]),
                FieldPanel("countries"),
                FieldRowPanel([FieldPanel("runtime_minutes"), FieldPanel("runtime_note")]),
                FieldPanel("spoken_languages"),
                FieldPanel("projection_format"),
            ],
            heading=_("Facts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("epigraph"),
                FieldRowPanel([FieldPanel("epigraph_author"), FieldPanel("epigraph_source")]),
            ],
            heading=_("Epigraph"),
        ),
        FieldPanel("synopsis"),
        FieldPanel("body"),
        InlinePanel("quotes", label=_("Press quote")),
        InlinePanel("awards", label=_("Award")),
        MultiFieldPanel(
            [FieldPanel("poster"), FieldPanel("poster_credit"), FieldPanel("trailer_url")],
            heading=_("Poster and trailer"),
        ),
        InlinePanel("images", label=_("Still")),
    ]
    credits_panels = [
        InlinePanel("credits", label=_("Credit")),
        MultiFieldPanel(
            [FieldPanel("distributor"), FieldPanel("world_sales")], heading=_("Contacts")
        ),
    ]
    related_panels = [
        FieldPanel("subjects"),
        InlinePanel("related_films", label=_("Related film")),
    ]

    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(credits_panels, heading=_("Credits")),
            ObjectList([ScreeningsPanel(heading=_("Screenings"))], heading=_("Screenings")),
            ObjectList(related_panels, heading=_("Subjects and related")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        # Titles outrank everything else; the last entry for a name wins.
        index.SearchField("title", boost=5),
        index.SearchField("original_title", boost=5),
        index.SearchField("english_title", boost=5),
        index.AutocompleteField("original_title"),
        index.AutocompleteField("english_title"),
        index.SearchField("logline"),
        index.SearchField("synopsis"),
        index.SearchField("body"),
        index.SearchField("year"),
        index.FilterField("year"),
        index.RelatedFields(
            "credits",
            [index.SearchField("name_as_credited", boost=2)],
        ),
        index.RelatedFields("subjects", [index.SearchField("name")]),
        index.RelatedFields("awards", [index.SearchField("name"), index.SearchField("festival")]),
        # Derived text (programme/search_index.py): countries by name, embedded titles, and
        # the ASCII-folded form of accented or non-Latin words.
        index.SearchField("search_country_names"),
        *search_index.folded_search_fields(),
    ]
    folded_title_sources = ("title", "original_title", "english_title")
    folded_text_sources = (
        search_index.credit_names,
        "subjects",
        search_index.award_texts,
        "logline",
        "synopsis",
        "body",
        search_index.embedded_titles,
    )

    # The API (programme.api): facts as structured JSON, credits grouped by role,
    # linked pages only when public, and the next shows in the occurrences' shape.
    api_fields = [
        APIField("original_title"),
        APIField("english_title"),
        APIField("logline"),
        APIField("year"),
        APIField("countries", serializer=api.CountryField()),
        APIField("runtime_minutes"),
        APIField("runtime_note"),
        APIField("spoken_languages", serializer=api.LanguagesField()),
        APIField("certificate"),
        APIField("projection_format"),
        APIField("epigraph"),
        APIField("epigraph_author"),
        APIField("epigraph_source"),
        APIField("synopsis"),
        APIField("poster"),
        APIField(
            "poster_rendition",
            serializer=api.ImageRenditionField(api.LARGE_IMAGE_SPEC, source="poster"),
        ),
        APIField("poster_credit"),
        APIField("trailer_url"),
        APIField("credits", serializer=api.CreditGroupsField()),
        APIField("quotes", serializer=api.QuoteSerializer(many=True, read_only=True)),
        APIField("awards", serializer=api.AwardSerializer(many=True, read_only=True)),
        APIField("subjects"),
        APIField("distributor", serializer=api.OrganisationSerializer(read_only=True)),
        APIField("world_sales", serializer=api.OrganisationSerializer(read_only=True)),
        APIField("stills", serializer=api.StillsField(source="images")),
        APIField("related_films", serializer=api.RelatedFilmsField()),
        APIField("seasons", serializer=api.FilmSeasonsField()),
        APIField("upcoming_occurrences", serializer=api.UpcomingOccurrencesField()),
        APIField("body"),
        APIField("external_id"),
    ]

    objects = PageManager.from_queryset(FilmPageQuerySet)()

    parent_page_types = ["programme.FilmIndexPage"]
    subpage_types: list[str] = []
    template = "programme/pages/film_page.html"
    #: Open Graph type for ``{% programme_head %}``.
    og_type = "video.movie"

    class Meta:
        verbose_name = _("film")

    @property
    def social_image(self):
        """The image shared with a link to this page (Open Graph, Twitter cards)."""
        return self.poster

    def calendar_shows(self) -> OccurrenceQuerySet:
        return Occurrence.objects.public().filter(screening__film=self)

    @path("calendar/<int:pk>/", name="show-calendar")
    def show_calendar(self, request, pk: int):
        """One of this film's shows to add to a calendar (``Occurrence.calendar_url``)."""
        return calendar.show_download(request, self.calendar_shows(), pk)

    def search_country_names(self) -> str:
        return search_index.country_names(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # A preview's child rows are the unsaved ones in memory: never replace them.
            self.prefetch_for_page()
        shows = self.shows().public()
        upcoming = list(shows.upcoming().for_listing()[: self.listed_shows + 1])
        context["more_shows"] = len(upcoming) > self.listed_shows
        upcoming = upcoming[: self.listed_shows]
        context["upcoming_by_venue"] = group_by_venue_and_day(upcoming)
        context["upcoming_shows"] = upcoming
        context["past_show_count"] = shows.past().count()
        context["seasons"] = self.screening_seasons().listable().order_by("-start_date")
        related_ids = [item.related_id for item in self.related_films.all()]
        related = FilmPage.objects.listable().filter(pk__in=related_ids).for_cards().in_bulk()
        context["related"] = [related[pk] for pk in related_ids if pk in related]
        return context

    def prefetch_for_page(self) -> None:
        """Fetch the rows the page and its JSON-LD both read, once each, stills' renditions too."""
        prefetch_related_objects(
            [self],
            "quotes",
            "awards",
            "subjects",
            "related_films",
            Prefetch(
                "credits", queryset=FilmCredit.objects.select_related("person", "organisation")
            ),
            Prefetch(
                "images",
                queryset=FilmImage.objects.select_related("image").prefetch_related(
                    "image__renditions"
                ),
            ),
        )

    def shows(self) -> OccurrenceQuerySet:
        """Every show of this film, on any date, public or not: callers narrow it down."""
        return Occurrence.objects.filter(screening__film=self)

    def screening_seasons(self) -> PageQuerySet:
        """The seasons that screen this film, drafts too: callers narrow and order them."""
        # Late: seasons.py imports this module (a season lists its films).
        from .seasons import SeasonPage

        return SeasonPage.objects.filter(screenings__film=self).distinct()

    @classmethod
    def cache_screenings_for_page(cls, page_id: int) -> ScreeningQuerySet:
        """The screenings shown on the page with this ID: their changes reach its cached copy.

        A class method: a deleted page arrives as a plain ``Page``.
        """
        return Screening.objects.filter(
            Q(film=page_id) | Q(short_before=page_id) | Q(programme_films=page_id)
        )

    def json_ld_items(self, request, shows: Iterable["Occurrence"]) -> list[dict]:  # noqa: F821
        """A schema.org ``Movie`` with its credits, then a ``ScreeningEvent`` per show.

        The ``structured_data`` template tag adds them to the page's JSON-LD.
        """
        return [
            schema.movie(self, request, full=True),
            *(schema.screening_event(show, request) for show in shows),
        ]

    @property
    def display_original_title(self) -> str:
        """The original title when it differs from the page title."""
        if self.original_title and self.original_title != self.title:
            return self.original_title
        return ""

    @property
    def contacts(self) -> list[tuple[str, "Organisation"]]:  # noqa: F821
        pairs = [(_("Distributor"), self.distributor), (_("World sales"), self.world_sales)]
        return [(label, organisation) for label, organisation in pairs if organisation]

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.spoken_languages or []]

    def credit_groups(self, *, main: bool) -> list[tuple[str, list["FilmCredit"]]]:
        """Credits of one kind grouped by role, roles in the order the editor first used them."""
        credits = [credit for credit in self.all_credits if credit.is_main == main]
        first_seen: dict[str, int] = {}
        for position, credit in enumerate(credits):
            first_seen.setdefault(credit.role_display, position)
        credits.sort(key=lambda credit: first_seen[credit.role_display])
        return [
            (role, list(items)) for role, items in groupby(credits, key=lambda c: c.role_display)
        ]

    @cached_property
    def all_credits(self) -> list["FilmCredit"]:
        """Credits with their people and companies, fetched once (drafts and previews too)."""
        credits = list(self.credits.all())
        prefetch_related_objects(credits, "person", "organisation")
        return credits

    @property
    def main_credit_groups(self):
        return self.credit_groups(main=True)

    @property
    def other_credit_groups(self):
        return self.credit_groups(main=False)

    @property
    def directors(self) -> list["FilmCredit"]:
        return [credit for credit in self.all_credits if credit.role == CreditRole.DIRECTOR]


class FilmCredit(Orderable):
    """One credit: a person (or a company) in a role, e.g. "Sander Snoep, NSC — cinematography"."""

    film = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(_("role"), max_length=32, choices=CreditRole.choices)
    role_label = models.CharField(
        _("role as credited"),
        max_length=100,
        blank=True,
        help_text=_('Overrides the role name, e.g. "Co-writer" or "Additional music".'),
    )
    person = models.ForeignKey(
        "programme.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits",
    )
    organisation = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits",
    )
    credited_name = models.CharField(
        _("name as credited"),
        max_length=255,
        blank=True,
        help_text=_("Only when the name differs from the person's, or there is no person record."),
    )
    suffix = models.CharField(
        _("suffix"), max_length=64, blank=True, help_text=_('e.g. "NSC" or "BSC"')
    )
    character = models.CharField(_("character"), max_length=255, blank=True)
    is_main = models.BooleanField(
        _("main credit"), default=True, help_text=_("Main credits are listed first.")
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_label"), FieldPanel("is_main")]),
        FieldRowPanel([FieldPanel("person"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("credited_name"), FieldPanel("suffix"), FieldPanel("character")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("credit")

    def __str__(self) -> str:
        return f"{self.name_as_credited} ({self.role_display})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.person_id or self.organisation_id or self.credited_name):
            raise ValidationError(_("Choose a person or a company, or type a name."))

    @property
    def role_display(self) -> str:
        return self.role_label or self.get_role_display()

    @property
    def name_as_credited(self) -> str:
        if self.credited_name:
            return self.credited_name
        if self.person_id:
            return self.person.name
        if self.organisation_id:
            return self.organisation.name
        return ""


class FilmQuote(Orderable):
    """A press quote with its source, as distributors print them."""

    film = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"))
    publication = models.CharField(_("publication"), max_length=255, blank=True)
    author = models.CharField(_("critic"), max_length=255, blank=True)
    url = models.URLField(_("link to the review"), blank=True)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("publication"), FieldPanel("author")]),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("press quote")

    def __str__(self) -> str:
        return self.publication or self.author or self.text[:40]

    @property
    def source(self) -> str:
        return ", ".join(part for part in [self.author, self.publication] if part)


class FilmAward(Orderable):
    film = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("award"), max_length=255)
    festival = models.CharField(_("festival or body"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    nomination = models.BooleanField(_("nomination only"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("nomination")]),
        FieldRowPanel([FieldPanel("festival"), FieldPanel("country"), FieldPanel("year")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("award")

    def __str__(self) -> str:
        return self.name


class FilmImage(Orderable):
    film = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_('e.g. "© Icarus Films"')
    )

    panels = [FieldPanel("image"), FieldRowPanel([FieldPanel("caption"), FieldPanel("credit")])]

    class Meta(Orderable.Meta):
        verbose_name = _("still")


class RelatedFilm(Orderable):
    film = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="related_films")
    related = models.ForeignKey(
        FilmPage, verbose_name=_("film"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related film")
