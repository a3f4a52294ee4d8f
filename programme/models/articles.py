"""Articles: editorial pages that embed live programme data in their body."""

import datetime

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.fields import CharField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import search_index
from ..api import fields as api
from ..blocks import ProgrammeStreamBlock
from .films import FilmPage
from .tree import ConfigurableParentPageTypes
from .visibility import ListablePageManager


class ArticleIndexPage(RoutablePageMixin, Page):
    """Lists its live articles, newest first, with tag filters and an RSS feed.

    Tags filter with ``?tag=<slug>`` or the shareable ``tag/<slug>/`` address;
    ``feed/`` is the RSS feed.
    """

    intro = RichTextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(
        _("articles per page"), default=12, help_text=_("How many articles each page lists.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ConfigurableParentPageTypes()
    subpage_types = ["programme.ArticlePage"]
    template = "programme/pages/article_index_page.html"

    class Meta:
        verbose_name = _("article index")

    def articles(self):
        return (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("tags", "authors__person", "hero_image__renditions")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def used_tags(self):
        """Tags on this index's live articles, for the filter links."""
        return (
            Tag.objects.filter(
                programme_articletag_items__content_object__in=ArticlePage.objects.child_of(self)
                .live()
                .public()
            )
            .distinct()
            .order_by("name")
        )

    def get_context(self, request, *args, tag: Tag | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        tags = self.used_tags()
        asked = request.GET.get("tag")
        if tag is None and asked:
            tag = tags.filter(slug=asked).first()
            if tag is None:
                context["unknown_tag"] = asked
                articles = articles.none()
        if tag is not None:
            articles = articles.filter(tags=tag)
        # get_page() turns "abc" into page 1 and 9999 into the last page: never an error.
        page = Paginator(articles, self.per_page or 12).get_page(request.GET.get("page"))
        context.update(articles=page, paginator=page.paginator, tag=tag, tags=tags)
        return context

    # str, not slug: taggit keeps non-Latin letters in slugs ("кино").
    @path("tag/<str:tag>/", name="tag")
    def tag_view(self, request, tag: str):
        found = self.used_tags().filter(slug=tag).first()
        if found is None:
            raise Http404(_("No article here has this tag."))
        return self.render(request, tag=found)

    @path("feed/", name="feed")
    def feed_view(self, request):
        return ArticleFeed(self)(request)


class ArticleFeed(Feed):
    """RSS 2.0 of an index's latest articles (django.contrib.syndication)."""

    item_count = 20

    def __init__(self, index_page: ArticleIndexPage):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.search_description or _("The latest articles.")

    def items(self):
        return self.index_page.articles()[: self.item_count]

    def item_title(self, item: "ArticlePage"):
        return item.title

    def item_description(self, item: "ArticlePage"):
        return item.intro or item.search_description

    def item_link(self, item: "ArticlePage"):
        return item.get_full_url(self.request)

    def item_guid(self, item: "ArticlePage"):
        return item.get_full_url(self.request)

    def item_pubdate(self, item: "ArticlePage"):
        return item.published_datetime

    def item_updateddate(self, item: "ArticlePage"):
        return item.last_published_at

    def item_author_name(self, item: "ArticlePage"):
        return item.byline_text or None

    def item_categories(self, item: "ArticlePage"):
        return [tag.name for tag in item.tags.all()]


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "programme.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(search_index.FoldedSearchMixin, Page):
    """An article: a standfirst, a hero image and a body of programme blocks.

    The body's screening, film, venue, person and price blocks store only IDs
    and read their objects when the page renders, so a change to a screening
    shows here without republishing (see ``programme.blocks``).
    """

    objects = ListablePageManager()

    #: Cached copies follow this page's own tag (programme.caching.dependencies).
    programme_cache_scope = "page"

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("Shown on the article and orders lists.")
    )
    byline = models.CharField(
        _("byline"),
        max_length=255,
        blank=True,
        help_text=_(
            'Free text, e.g. "By the programme team". Leave blank to name the authors chosen below.'
        ),
    )
    intro = models.TextField(
        _("standfirst"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the title; also used in lists and the feed."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for people who cannot see it; blank if decorative."),
    )
    hero_caption = models.CharField(_("hero image caption"), max_length=255, blank=True)
    hero_credit = models.CharField(
        _("hero image credit"), max_length=255, blank=True, help_text=_('e.g. "© Icarus Films"')
    )
    body = StreamField(ProgrammeStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    related_films = ParentalManyToManyField(
        "programme.FilmPage", verbose_name=_("related films"), blank=True, related_name="+"
    )
    related_seasons = ParentalManyToManyField(
        "programme.SeasonPage", verbose_name=_("related seasons"), blank=True, related_name="+"
    )
    related_venues = ParentalManyToManyField(
        "programme.VenuePage", verbose_name=_("related venues"), blank=True, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("date"), InlinePanel("authors", label=_("Author")), FieldPanel("byline")],
            heading=_("Date and authors"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
    ]
    related_panels = [
        FieldPanel("tags"),
        FieldPanel("related_films"),
        FieldPanel("related_seasons"),
        FieldPanel("related_venues"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(related_panels, heading=_("Tags and related")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=5),
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        # Embedded titles and the ASCII-folded form of accented or non-Latin words
        # (programme/search_index.py).
        *search_index.folded_search_fields(),
    ]
    folded_text_sources = ("intro", "body", "byline", "tags", search_index.embedded_titles)

    # The API (programme.api): the body's programme blocks carry their objects, not IDs.
    api_fields = [
        APIField("date"),
        APIField("byline", serializer=CharField(source="byline_text", read_only=True)),
        APIField("authors", serializer=api.ArticleAuthorSerializer(many=True, read_only=True)),
        APIField("intro"),
        APIField("hero_image"),
        APIField(
            "hero_image_rendition",
            serializer=api.ImageRenditionField(api.LARGE_IMAGE_SPEC, source="hero_image"),
        ),
        APIField("hero_alt_text"),
        APIField("hero_caption"),
        APIField("hero_credit"),
        APIField("body"),
        APIField("tags"),
        APIField("related_films", serializer=api.PublicPagesField()),
        APIField("related_seasons", serializer=api.PublicPagesField()),
        APIField("related_venues", serializer=api.PublicPagesField()),
    ]

    parent_page_types = ["programme.ArticleIndexPage"]
    subpage_types: list[str] = []
    template = "programme/pages/article_page.html"

    class Meta:
        verbose_name = _("article")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # By ID: in a preview the relation is an in-memory list, not a queryset.
        # Only what readers may see listed (models/visibility.py), in the editor's order.
        film_ids = [film.pk for film in self.related_films.all()]
        context["related_films"] = FilmPage.objects.listable().filter(pk__in=film_ids).for_cards()
        for name in ("related_seasons", "related_venues"):
            relation = getattr(self, name)
            related = relation.all()
            if not isinstance(related, models.QuerySet):  # a preview: IDs, not a subquery
                related = [page.pk for page in related]
            context[name] = relation.model.objects.listable().filter(pk__in=related)
        parent = self.get_parent().specific
        context["index_page"] = parent if isinstance(parent, ArticleIndexPage) else None
        return context

    @cached_property
    def author_list(self) -> list["ArticleAuthor"]:
        authors = self.authors.all()
        if "authors" not in getattr(self, "_prefetched_objects_cache", {}):
            authors = authors.select_related("person")
        return list(authors)

    @property
    def byline_text(self) -> str:
        if self.byline:
            return self.byline
        return ", ".join(author.display_name for author in self.author_list)

    @property
    def published_datetime(self) -> datetime.datetime:
        """The date as a moment for feeds: the first publication if on that day, else midnight."""
        first = self.first_published_at
        if first and timezone.localtime(first).date() == self.date:
            return first
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))


class ArticleAuthor(Orderable):
    """An author of an article: a person record, or just a name."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "programme.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles_written",
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("Only for someone without a person record."),
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = _("author")

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        if not (self.person_id or self.name):
            raise ValidationError(_("Choose a person or type a name."))

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.person.name if self.person_id else ""
