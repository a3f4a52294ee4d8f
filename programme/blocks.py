"""StreamField blocks shared by articles and, later, any page with a body.

Blocks that point at programme data (screenings, films, venues, people, price
tables, partners) store only the chosen object's ID and read everything else
when the page is rendered: editing a screening (a new time, "sold out", a
cancellation) shows in every article that embeds it, without republishing.

Each chooser below fetches its objects together with what its template needs,
once for the whole stream (``bulk_to_python``), so five screenings in one
article cost the same handful of queries as one.

Page models build their StreamFields from these blocks, so this module imports
no models: choosers name theirs by string, as Wagtail resolves them, and what
needs a query comes from the models' own querysets and methods
(``for_screening_block``, ``film.shows()``…). The API representation comes from
``api.fields``, which imports no models either.
"""

import copy
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock as ImageWithAltBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .api import fields as api
from .choices import ScreeningStatus

#: How many upcoming dates a screening block lists when the editor leaves the count blank.
DEFAULT_DATES_SHOWN = 3

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "blockquote",
    "hr",
]


# -- Choosers that fetch what their templates need --------------------------------------


class _PrefetchingChooserMixin:
    """Look chosen objects up through ``get_queryset()``, in one go for a whole stream.

    Wagtail's choosers fetch with ``in_bulk`` on the default manager; templates
    then touch related rows (prices, access flags, credits, images) one object
    at a time. Subclasses name those relations in ``get_queryset``.
    """

    def get_queryset(self):
        return self.model_class._default_manager.all()

    def to_python(self, value):
        if value is None:
            return None
        return self.get_queryset().filter(pk=value).first()

    def bulk_to_python(self, values):
        values = list(values)
        wanted = [value for value in values if value is not None]
        objects = self.get_queryset().in_bulk(wanted) if wanted else {}
        seen, result = set(), []
        for pk in values:
            obj = objects.get(pk)
            if obj is not None and pk in seen:
                # Two blocks choosing the same object must not share one instance.
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result


class ScreeningChooserBlock(_PrefetchingChooserMixin, SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("programme.Screening", **kwargs)

    def get_queryset(self):
        return super().get_queryset().for_screening_block()

    def get_api_representation(self, value, context=None):
        return api.screening_block_value(value, context or {})


class PriceTableChooserBlock(_PrefetchingChooserMixin, SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("programme.PriceTable", **kwargs)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("rows")

    def get_api_representation(self, value, context=None):
        return api.object_value(value, context or {}, api.PriceTableSerializer)


class PersonChooserBlock(_PrefetchingChooserMixin, SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("programme.Person", **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("portrait")

    def get_api_representation(self, value, context=None):
        return api.object_value(value, context or {}, api.PersonSerializer)


class OrganisationChooserBlock(_PrefetchingChooserMixin, SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("programme.Organisation", **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("logo")

    def get_api_representation(self, value, context=None):
        return api.object_value(value, context or {}, api.OrganisationSerializer)


class FilmChooserBlock(_PrefetchingChooserMixin, blocks.PageChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(page_type="programme.FilmPage", **kwargs)

    def get_queryset(self):
        return super().get_queryset().for_film_card_block()

    def get_api_representation(self, value, context=None):
        return api.public_page_link(value, context or {}, api.FilmSummarySerializer)


class VenueChooserBlock(_PrefetchingChooserMixin, blocks.PageChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(page_type="programme.VenuePage", **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("image")

    def get_api_representation(self, value, context=None):
        return api.public_page_link(value, context or {}, api.VenueSummarySerializer)


# -- Editorial blocks ------------------------------------------------------------------


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "programme/blocks/rich_text.html"
        description = _("Paragraphs with links, lists and sub-headings.")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Sub-section (H3)")), ("h4", _("Minor (H4)"))],
        default="h2",
        help_text=_("Keep levels in order: an H3 belongs under an H2."),
    )

    class Meta:
        icon = "title"
        template = "programme/blocks/heading.html"
        description = _("A section heading; screen readers use headings to navigate.")
        form_classname = "heading-block"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageWithAltBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=255,
        help_text=_('Who holds the rights, e.g. "© Icarus Films".'),
    )

    class Meta:
        icon = "image"
        template = "programme/blocks/image.html"
        description = _("An image with alt text, a caption and a credit.")

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        data["rendition"] = api.image_rendition(value.get("image"), api.LARGE_IMAGE_SPEC)
        return data


class QuoteBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("pull", _("Pull quote from this article")), ("press", _("Press quote"))],
        default="pull",
    )
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Who said it"), required=False, max_length=255, help_text=_("A person or critic.")
    )
    source = blocks.CharBlock(
        label=_("Source"),
        required=False,
        max_length=255,
        help_text=_('A publication or occasion, e.g. "The Hollywood Reporter".'),
    )
    url = blocks.URLBlock(label=_("Link to the source"), required=False)

    class Meta:
        icon = "openquote"
        template = "programme/blocks/quote.html"
        description = _("A pull quote, or a press quote with its source.")


class VideoEmbedBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=255, help_text=_('e.g. "Trailer"')
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        template = "programme/blocks/embed.html"
        description = _("A trailer or clip from YouTube or Vimeo, with a link for readers.")


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Button text"), max_length=100, help_text=_('e.g. "Book your tickets"')
    )
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or another address"), required=False)

    class Meta:
        icon = "link-external"
        template = "programme/blocks/call_to_action.html"
        description = _("A button to a ticket shop, a page on this site or any address.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Choose a page on this site or type an address: one of the two.")
                    )
                ]
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        request = (parent_context or {}).get("request")
        href = ""
        if page is not None and page.live:
            href = page.get_url(request=request)
        elif value.get("url"):
            href = value["url"]
        context["href"] = href
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        # The page as a link (null when unpublished or private), not a bare id.
        data["page"] = api.public_page_link(value.get("page"), context or {})
        return data


# -- Programme blocks ------------------------------------------------------------------


class ScreeningBlock(blocks.StructBlock):
    """A screening as it stands now: read from the snippet when the page renders."""

    screening = ScreeningChooserBlock(label=_("Screening"))
    dates_shown = blocks.IntegerBlock(
        label=_("How many upcoming dates"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Leave blank to list the next three."),
    )
    show_prices = blocks.BooleanBlock(
        label=_("Show prices"),
        required=False,
        default=True,
        help_text=_("Untick when a price table block follows."),
    )

    class Meta:
        icon = "calendar-alt"
        template = "programme/blocks/screening.html"
        description = _(
            "A screening's next dates, venue, labels, status, prices and ticket link, "
            "always up to date."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(screening_context(value.get("screening"), value.get("dates_shown")))
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        upcoming, more_dates = [], False
        if data["screening"] is not None:  # hidden like a deleted one when its film or venue is
            shown = screening_context(value["screening"], value.get("dates_shown"))
            upcoming, more_dates = shown["upcoming"], shown["more_dates"]
        data["upcoming"] = api.show_times(upcoming, context or {})
        data["more_dates"] = more_dates
        return data


def screening_context(screening, dates_shown: int | None, now: datetime.datetime | None = None):
    """What the screening block shows, in at most two queries beyond the chooser's.

    A screening of an unpublished film or at an unpublished venue is hidden,
    like a deleted one: listings do not show it either.
    """
    if screening is None or not (screening.film.live and screening.venue.live):
        return {"screening": None}
    now = now or timezone.now()
    count = dates_shown or DEFAULT_DATES_SHOWN
    # The reverse manager hands each show its screening, so no query per show.
    upcoming = list(screening.occurrences.upcoming(now)[: count + 1])
    more_dates = len(upcoming) > count
    upcoming = upcoming[:count]
    last_show = None
    if not upcoming:
        last_show = screening.occurrences.past(now).order_by("-start").first()
    bookable = [show for show in upcoming if show.status == ScreeningStatus.SCHEDULED]
    return {
        "screening": screening,
        "upcoming": upcoming,
        "more_dates": more_dates,
        "last_show": last_show,
        "has_taken_place": not upcoming and last_show is not None,
        "bookable": bool(bookable) and screening.status == ScreeningStatus.SCHEDULED,
        "price_table": screening.effective_price_table,
        "is_scheduled": screening.status == ScreeningStatus.SCHEDULED,
        # labels.html reads ``occurrence.screening``; the labels belong to the screening.
        "label_source": {"screening": screening},
    }


def _listable(film) -> bool:
    """The rule for every listing (models/visibility.py): live and behind no password or login."""
    # Films read through FilmChooserBlock come annotated (for_film_card_block).
    private = getattr(film, "in_private_section", None)
    if private is None:
        return type(film).objects.filter(pk=film.pk).listable().exists()
    return film.live and not private


class FilmCardBlock(blocks.StructBlock):
    film = FilmChooserBlock(label=_("Film"))
    show_next_screening = blocks.BooleanBlock(
        label=_("Show the next screening"), required=False, default=True
    )

    class Meta:
        icon = "media"
        template = "programme/blocks/film_card.html"
        description = _("A film's poster, facts, director and next screening.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        film = value.get("film")
        if film is None or not _listable(film):
            context["film"] = None
            return context
        context["film"] = film
        context["picture"] = _film_picture(film)
        context["next_show"] = None
        if value.get("show_next_screening"):
            context["next_show"] = (
                film.shows()
                .public()
                .upcoming()
                .exclude(status=ScreeningStatus.CANCELLED)
                .select_related("screening__venue", "screening__screen")
                .order_by("start")
                .first()
            )
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        show = None
        if data["film"] is not None and value.get("show_next_screening"):
            show = api.next_show(value["film"], context or {})
        data["next_show"] = api.object_value(show, context or {}, api.ShowTimeSerializer)
        return data


def _film_picture(film):
    """The poster and its credit, or else the first still and its credit."""
    if film.poster_id:
        return {"image": film.poster, "credit": film.poster_credit}
    stills = list(film.images.all())
    if stills:
        return {"image": stills[0].image, "credit": stills[0].credit}
    return None


class PriceTableBlock(blocks.StructBlock):
    table = PriceTableChooserBlock(label=_("Price table"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the price table's name."),
    )

    class Meta:
        icon = "table"
        template = "programme/blocks/price_table.html"
        description = _("Ticket prices from a price table, kept up to date.")


class VenueBlock(blocks.StructBlock):
    venue = VenueChooserBlock(label=_("Venue"))
    show_description = blocks.BooleanBlock(
        label=_("Show the description"), required=False, default=True
    )

    class Meta:
        icon = "site"
        template = "programme/blocks/venue.html"
        description = _("A venue's picture, address, description and access.")


class PersonBlock(blocks.StructBlock):
    person = PersonChooserBlock(label=_("Person"))
    role = blocks.CharBlock(
        label=_("Role"), required=False, max_length=100, help_text=_('e.g. "Director"')
    )
    show_portrait = blocks.BooleanBlock(label=_("Show the portrait"), required=False, default=True)

    class Meta:
        icon = "user"
        template = "programme/blocks/person.html"
        description = _("A person's name, portrait and biography from their record.")


class PartnerLogosBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=100,
        help_text=_('e.g. "Supported by"'),
    )
    organisations = blocks.ListBlock(OrganisationChooserBlock(label=_("Organisation")))

    class Meta:
        icon = "group"
        template = "programme/blocks/partner_logos.html"
        description = _("Logos of partners and sponsors, linked to their websites.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A deleted organisation leaves a gap in the list, not an error.
        context["organisations"] = [org for org in value.get("organisations") or [] if org]
        return context


class ProgrammeStreamBlock(blocks.StreamBlock):
    """The body of an article, and of any page that wants one."""

    rich_text = RichTextBlock()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    screening = ScreeningBlock()
    film_card = FilmCardBlock()
    price_table = PriceTableBlock()
    venue = VenueBlock()
    person = PersonBlock()
    call_to_action = CallToActionBlock()
    partner_logos = PartnerLogosBlock()
