"""What the programme looks like in JSON.

One shape per concept, shared by everything that shows it: a show is serialised
by ``OccurrenceSerializer`` in the occurrences endpoint, in a film's, venue's
or season's ``upcoming_occurrences`` and in an article's screening block alike.

Pages linked from a show or a page (a film, a venue, a season, a related film)
appear only when an anonymous reader may see them (``visibility``); otherwise
the link is ``null`` or left out of its list.

The page models name these fields in their ``api_fields`` and the blocks use
them for ``get_api_representation``, so this module sits below the models and
imports none: it reads the attributes of the objects it is given, and what needs
a query comes from the model's own methods (``page.shows()``,
``film.screening_seasons()``, ``season.strands()``, ``OccurrenceQuerySet.for_api``).
The endpoints and filters, which query, sit above the models.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext
from rest_framework import serializers
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField  # also for the models' api_fields

from ..choices import ScreeningStatus
from ..compat import get_full_url
from ..formatting import format_money
from ..languages import language_name
from .visibility import Visibility

#: How many upcoming shows a film, venue or season page lists in the API.
UPCOMING_LIMIT = 20
#: Renditions the API offers for posters, stills and hero images.
LARGE_IMAGE_SPEC = "max-1600x1200"
CARD_IMAGE_SPEC = "fill-480x270"


def _request(context: dict):
    """Django's request (REST framework wraps it), so Wagtail can tell which site is asked."""
    request = context.get("request")
    return getattr(request, "_request", request)


def _absolute(context: dict, path: str) -> str:
    """A full URL on the API's base (WAGTAILAPI_BASE_URL or the site's), as Wagtail makes them."""
    return get_full_url(_request(context), path)


def api_detail_url(obj, context: dict) -> str | None:
    """The object's address in this API, when the API has an endpoint for its model."""
    # Late: Wagtail's module loads the Page model on import, and the page models import this one.
    from wagtail.api.v2.utils import get_object_detail_url

    router = context.get("router")
    if router is None:
        return None
    return get_object_detail_url(router, _request(context), type(obj), obj.pk)


class _ReadOnlyField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class _WholeObjectField(_ReadOnlyField):
    """A field computed from the whole object rather than one of its attributes."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        super().__init__(**kwargs)


# -- Links to pages ----------------------------------------------------------------------


class PageLinkSerializer(serializers.Serializer):
    """A page as another object refers to it: enough to show a link and fetch the rest."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def get_url(self, page) -> str | None:
        return page.get_full_url(request=_request(self.context))

    def get_api_url(self, page) -> str | None:
        return api_detail_url(page, self.context)


def public_page_link(page, context: dict, serializer_class=PageLinkSerializer):
    """A linked page, or ``null`` when it is a draft, private or deleted."""
    if not Visibility.for_context(context).shows(page):
        return None
    return serializer_class(context=context).to_representation(page)


class PublicPageField(_ReadOnlyField):
    """A linked page, or ``null`` when it is a draft or private."""

    def to_representation(self, page):
        return public_page_link(page, self.context)


def public_page_links(pages, context: dict) -> list[dict[str, Any]]:
    """Links to the pages an anonymous reader may see, in the given order."""
    visibility = Visibility.for_context(context)
    link = PageLinkSerializer(context=context)
    return [link.to_representation(page) for page in pages if visibility.shows(page)]


class PublicPagesField(_ReadOnlyField):
    """Linked pages (a related manager), drafts and private ones left out."""

    def to_representation(self, pages):
        return public_page_links(pages.all(), self.context)


# -- Small shared shapes -----------------------------------------------------------------


class CountryField(_ReadOnlyField):
    """``{"code": "GB", "name": "United Kingdom"}``, or a list of them for a multiple field."""

    def to_representation(self, value):
        if not hasattr(value, "code"):  # django-countries' list for a multiple field
            return [self.to_representation(country) for country in value]
        if not value:
            return None
        return {"code": value.code, "name": str(value.name)}


class LanguagesField(_ReadOnlyField):
    """ISO 639 codes as ``[{"code": "ru", "name": "Russian"}]``."""

    def to_representation(self, codes):
        return [{"code": code, "name": language_name(code)} for code in codes or []]


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, person) -> str | None:
        url = person.get_absolute_url()  # "" when the site has no people index
        return _absolute(self.context, url) if url else None


class PriceRowSerializer(serializers.Serializer):
    label = serializers.CharField(read_only=True)
    conditions = serializers.CharField(read_only=True)
    amount = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    currency = serializers.SerializerMethodField()
    formatted = serializers.SerializerMethodField()

    def get_currency(self, row) -> str:
        return row.table.currency

    def get_formatted(self, row) -> str:
        return format_money(row.amount, row.table.currency)


class PriceTableSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    currency = serializers.CharField(read_only=True)
    footnote = serializers.CharField(read_only=True)
    from_amount = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    rows = PriceRowSerializer(many=True, read_only=True)


class AccessFlagSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    abbreviation = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class ScreenSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    capacity = serializers.IntegerField(read_only=True)
    wheelchair_spaces = serializers.IntegerField(read_only=True)
    access_notes = serializers.CharField(read_only=True)


# -- Screenings and shows ----------------------------------------------------------------


def screening_labels(screening, visibility: Visibility) -> list[dict[str, str]]:
    """The labels a listing shows, by the slugs the ``label`` filter takes (``registry``)."""
    labels = []
    if screening.premiere:
        labels.append(("premiere", screening.get_premiere_display()))
    if screening.live_or_encore:
        labels.append((screening.live_or_encore, screening.get_live_or_encore_display()))
    if screening.introduced_by:
        labels.append(
            ("intro", gettext("Introduced by %(name)s") % {"name": screening.introduced_by})
        )
    if screening.q_and_a_with:
        labels.append(("qa", gettext("Q&A with %(name)s") % {"name": screening.q_and_a_with}))
    if screening.short_before_id:
        short = screening.short_before
        name = (
            gettext("Short before: %(title)s") % {"title": short.title}
            if visibility.shows(short)
            else gettext("Short film before")
        )
        labels.append(("short", name))
    labels.extend((label.slug, label.name) for label in screening.labels.all())
    return [{"slug": slug, "name": str(name)} for slug, name in labels]


class LanguageSerializer(serializers.Serializer):
    """A screening's language version, audio and subtitles, as codes and as words."""

    version = serializers.SerializerMethodField()
    version_name = serializers.SerializerMethodField()
    audio = serializers.SerializerMethodField()
    audio_name = serializers.SerializerMethodField()
    subtitles = serializers.SerializerMethodField()
    subtitles_name = serializers.SerializerMethodField()
    description = serializers.CharField(source="language_description", read_only=True)

    def get_version(self, screening) -> str | None:
        return screening.language_version or None

    def get_version_name(self, screening) -> str | None:
        return str(screening.get_language_version_display()) if screening.language_version else None

    def get_audio(self, screening) -> str | None:
        return screening.audio_language or None

    def get_audio_name(self, screening) -> str | None:
        return language_name(screening.audio_language) or None

    def get_subtitles(self, screening) -> str | None:
        return screening.subtitle_language or None

    def get_subtitles_name(self, screening) -> str | None:
        return language_name(screening.subtitle_language) or None


class ScreeningSerializer(serializers.Serializer):
    """What every show of a screening shares: film, venue, labels, language, prices."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    film = PublicPageField()
    programme_films = PublicPagesField()
    short_before = PublicPageField()
    venue = PublicPageField()
    screen = ScreenSerializer(read_only=True)
    seasons = PublicPagesField()
    status = serializers.CharField(read_only=True)
    status_name = serializers.CharField(source="get_status_display", read_only=True)
    status_message = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
    labels = serializers.SerializerMethodField()
    access = AccessFlagSerializer(source="access_flags", many=True, read_only=True)
    language = LanguageSerializer(source="*", read_only=True)
    prices = PriceTableSerializer(source="effective_price_table", read_only=True)
    ticket_url = serializers.SerializerMethodField()

    def get_labels(self, screening) -> list[dict[str, str]]:
        return screening_labels(screening, Visibility.for_context(self.context))

    def get_ticket_url(self, screening) -> str | None:
        return screening.ticket_url or None


class ShowTimeSerializer(serializers.Serializer):
    """One show's own facts: when, in which zone, its status and note, its calendar file."""

    id = serializers.IntegerField(read_only=True)
    meta = serializers.SerializerMethodField()
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    time_zone = serializers.CharField(source="screening.venue.time_zone", read_only=True)
    business_date = serializers.DateField(read_only=True)
    status = serializers.CharField(read_only=True)
    status_name = serializers.CharField(source="get_status_display", read_only=True)
    cancelled = serializers.BooleanField(source="is_cancelled", read_only=True)
    show_note = serializers.CharField(source="note", read_only=True)
    ics_url = serializers.SerializerMethodField()

    def get_meta(self, occurrence) -> dict[str, Any]:
        film = occurrence.screening.film
        film_url = film.get_full_url(request=_request(self.context))
        return {
            "type": "programme.Occurrence",
            "detail_url": api_detail_url(occurrence, self.context),
            # Film pages carry a #show-<id> anchor on each listed show.
            "html_url": f"{film_url}#show-{occurrence.pk}" if film_url else None,
        }

    def get_start(self, occurrence) -> str:
        """ISO 8601 with the venue's UTC offset on that date, e.g. 2026-11-27T19:30:00-05:00."""
        return occurrence.local_start.isoformat()

    def get_end(self, occurrence) -> str:
        return occurrence.local_end.isoformat()

    def get_ics_url(self, occurrence) -> str | None:
        url = occurrence.calendar_url  # a route of the film's page
        return _absolute(self.context, url) if url else None


class OccurrenceSerializer(ShowTimeSerializer):
    """A show with everything about its screening, flat: the occurrences endpoint's item.

    The show's own ``id`` and ``status`` win over the screening's; the
    screening's are ``screening_id`` and ``screening_status``.
    """

    def to_representation(self, occurrence) -> dict[str, Any]:
        data = super().to_representation(occurrence)
        shared = self._screening_serializer.to_representation(occurrence.screening)
        shared["screening_id"] = shared.pop("id")
        shared["screening_status"] = shared.pop("status")
        shared.pop("status_name")
        data.update(shared)
        data["ics_url"] = data.pop("ics_url")  # last, after the screening's links
        return data

    @cached_property
    def _screening_serializer(self) -> ScreeningSerializer:
        # One for every item of a listing: building a serializer copies its fields.
        return ScreeningSerializer(context=self.context)


def upcoming_occurrences(shows, context: dict) -> list[dict[str, Any]]:
    """The next ``UPCOMING_LIMIT`` public ones of ``shows`` (an occurrence queryset), serialised."""
    shows = (
        Visibility.for_context(context)
        .public_occurrences(shows)
        .upcoming()
        .for_api()
        .distinct()
        .order_by("start", "pk")[:UPCOMING_LIMIT]
    )
    return OccurrenceSerializer(shows, many=True, context=context).data


class UpcomingOccurrencesField(_WholeObjectField):
    """A page's next public shows, from the page's ``shows()`` (a film's, a venue's…)."""

    def to_representation(self, page):
        return upcoming_occurrences(page.shows(), self.context)


# -- Films -------------------------------------------------------------------------------


class CreditSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    role = serializers.CharField(read_only=True)
    name = serializers.CharField(source="name_as_credited", read_only=True)
    suffix = serializers.CharField(read_only=True)
    character = serializers.CharField(read_only=True)
    person = PersonSerializer(read_only=True)
    organisation = OrganisationSerializer(read_only=True)


class CreditGroupsField(_WholeObjectField):
    """Credits grouped by role as the film page shows them: main credits first."""

    def to_representation(self, film):
        credit = CreditSerializer(context=self.context)
        return [
            {
                "role": str(role),
                "main": main,
                "credits": [credit.to_representation(item) for item in items],
            }
            for main in (True, False)
            for role, items in film.credit_groups(main=main)
        ]


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True)
    source = serializers.CharField(read_only=True)
    publication = serializers.CharField(read_only=True)
    author = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)


class AwardSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    festival = serializers.CharField(read_only=True)
    country = CountryField()
    year = serializers.IntegerField(read_only=True)
    nomination = serializers.BooleanField(read_only=True)


class StillSerializer(serializers.Serializer):
    image_id = serializers.IntegerField(read_only=True)
    caption = serializers.CharField(read_only=True)
    credit = serializers.CharField(read_only=True)
    large = ImageRenditionField(LARGE_IMAGE_SPEC, source="image", read_only=True)
    card = ImageRenditionField(CARD_IMAGE_SPEC, source="image", read_only=True)


class StillsField(_ReadOnlyField):
    """A film's stills with credits and renditions, images and renditions fetched once."""

    def to_representation(self, images):
        with_renditions = get_image_model().objects.prefetch_renditions(
            LARGE_IMAGE_SPEC, CARD_IMAGE_SPEC
        )
        stills = images.all().prefetch_related(Prefetch("image", queryset=with_renditions))
        return StillSerializer(stills, many=True, context=self.context).data


class RelatedFilmsField(_ReadOnlyField):
    def to_representation(self, rows):
        films = [row.related for row in rows.all().select_related("related")]
        return public_page_links(films, self.context)


class FilmSeasonsField(_WholeObjectField):
    """The seasons that screen this film."""

    def to_representation(self, film):
        return public_page_links(film.screening_seasons().order_by("title"), self.context)


# -- Seasons and venues ------------------------------------------------------------------


class SeasonPartnerSerializer(serializers.Serializer):
    role = serializers.CharField(read_only=True)
    organisation = OrganisationSerializer(read_only=True)


class SeasonFilmsField(_WholeObjectField):
    """The films screened in the season or its strands, in the editors' order."""

    def to_representation(self, season):
        return public_page_links(season.films(), self.context)


class SeasonStrandsField(_WholeObjectField):
    def to_representation(self, season):
        return public_page_links(season.strands(), self.context)


class VenueAccessSerializer(serializers.Serializer):
    step_free_access = serializers.BooleanField(read_only=True)
    hearing_loop = serializers.BooleanField(read_only=True)
    accessible_toilet = serializers.BooleanField(read_only=True)
    wheelchair_spaces = serializers.IntegerField(read_only=True)
    assistance = serializers.CharField(read_only=True)


# -- Articles ----------------------------------------------------------------------------


class ArticleAuthorSerializer(serializers.Serializer):
    name = serializers.CharField(source="display_name", read_only=True)
    person = PersonSerializer(read_only=True)


# -- Blocks ------------------------------------------------------------------------------


class FilmSummarySerializer(PageLinkSerializer):
    """A film as a card shows it (the film card and film chooser blocks)."""

    original_title = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    runtime_minutes = serializers.IntegerField(read_only=True)
    directors = serializers.SerializerMethodField()
    poster = ImageRenditionField(CARD_IMAGE_SPEC, read_only=True)

    def get_directors(self, film) -> list[str]:
        return [credit.name_as_credited for credit in film.directors]


class VenueSummarySerializer(PageLinkSerializer):
    locality = serializers.CharField(read_only=True)
    country = CountryField()
    time_zone = serializers.CharField(read_only=True)


def screening_block_value(screening, context: dict):
    """A chosen screening: ``null`` when its film or venue is hidden, as on the page."""
    if screening is None:
        return None
    visibility = Visibility.for_context(context)
    if not (visibility.shows(screening.film) and visibility.shows(screening.venue)):
        return None
    return ScreeningSerializer(context=context).to_representation(screening)


def next_show(film, context: dict):
    """The film's next public show that is not cancelled, as a film card names it."""
    return (
        Visibility.for_context(context)
        .public_occurrences(film.shows())
        .upcoming()
        .exclude(status=ScreeningStatus.CANCELLED)
        .select_related("screening__film", "screening__venue")
        .order_by("start", "pk")
        .first()
    )


def show_times(occurrences, context: dict) -> list[dict[str, Any]]:
    return ShowTimeSerializer(occurrences, many=True, context=context).data


def occurrence_value(occurrence, context: dict):
    if occurrence is None:
        return None
    return OccurrenceSerializer(context=context).to_representation(occurrence)


def image_rendition(image, spec: str):
    """A rendition as Wagtail's API gives one (url, size, alt), or ``null`` without an image."""
    return ImageRenditionField(spec).to_representation(image) if image else None


def object_value(obj, context: dict, serializer_class):
    if obj is None:
        return None
    return serializer_class(context=context).to_representation(obj)
