"""People and organisations: reusable snippets that credits, contacts and partners point at."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from .. import search_index
from ..caching import store
from ..choices import OrganisationKind
from ..fields import ExternalIdField


class Person(search_index.FoldedSearchMixin, index.Indexed, ClusterableModel):
    """Someone credited on films: one record gathers all their credits.

    ``sort_name`` exists because distributors list credits as "Gorter, Jessica"
    and names from many cultures do not sort by the last word.
    """

    name = models.CharField(_("name"), max_length=255)
    sort_name = models.CharField(
        _("sort name"),
        max_length=255,
        blank=True,
        help_text=_(
            'How the name sorts in lists, e.g. "Gorter, Jessica". Leave blank to use the name.'
        ),
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=255, blank=True)
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    portrait = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portrait_credit = models.CharField(_("portrait credit"), max_length=255, blank=True)
    filmography_note = models.CharField(
        _("filmography heading"),
        max_length=255,
        blank=True,
        help_text=_('Shown above the filmography, e.g. "Selected filmography".'),
    )

    external_id = ExternalIdField()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("sort_name"), FieldPanel("slug")]),
        FieldPanel("external_id"),
        FieldRowPanel([FieldPanel("birth_year"), FieldPanel("birth_place")]),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("portrait_credit")], heading=_("Portrait")
        ),
        MultiFieldPanel(
            [FieldPanel("filmography_note"), InlinePanel("filmography", label=_("Film"))],
            heading=_("Filmography"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("sort_name"),
        index.SearchField("bio"),
        index.FilterField("id"),
        index.FilterField("slug"),
        # The ASCII-folded form of accented or non-Latin names (programme/search_index.py).
        *search_index.folded_search_fields(title_boost=3, embedded=False),
    ]
    folded_title_sources = ("name", "sort_name")
    folded_text_sources = ("bio",)
    folded_autocomplete_sources = ("name",)

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def cache_tags(self) -> list[str]:
        """The page cache's tag for this person: their person page goes when they change."""
        return [store.person_tag(self.pk)]

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.name
        if not self.slug:
            self.slug = _unique_slug(Person, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The person's page under the site's people index; "" when there is none."""
        from .people_index import person_url

        return person_url(self.slug)


def _unique_slug(model, text: str, pk) -> str:
    base = slugify(text, allow_unicode=True)[:240] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class FilmographyEntry(Orderable):
    """One line of a person's selected filmography, linked to our film page when we have one."""

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="filmography")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    film = models.ForeignKey(
        "programme.FilmPage",
        verbose_name=_("film page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("title")]), FieldPanel("film")]

    class Meta(Orderable.Meta):
        verbose_name = _("filmography entry")

    def __str__(self) -> str:
        return f"{self.year} {self.title}" if self.year else self.title


class Organisation(index.Indexed, models.Model):
    """A distributor, world-sales agent, production company, partner or sponsor.

    One snippet for all of them: the same company is often distributor of one
    film and partner of a season, and editors should not type its phone twice.
    """

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    address = models.TextField(_("address"), blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("address"),
        FieldPanel("logo"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
