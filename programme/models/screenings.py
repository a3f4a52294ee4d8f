"""Screenings: one film (or programme) at one venue on one or more dates."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.search import index

from .. import conf
from .. import recurrence as expansion
from ..choices import LanguageVersion, LiveEncore, PremiereLevel, ScreeningStatus
from ..fields import ExternalIdField
from ..languages import language_choices, language_name


class AccessFlag(models.Model):
    """An access feature a screening can offer (audio description, relaxed…).

    Flags are rows, not code: a venue adds its own ("Autism-friendly") in the
    admin without a deployment. The defaults come from a data migration.
    """

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=8, blank=True, help_text=_('Shown in listings, e.g. "AD".')
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("abbreviation"), FieldPanel("slug")]),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("access flag")

    def __str__(self) -> str:
        return self.name

    def cache_screenings(self) -> "ScreeningQuerySet":
        """The screenings that show this flag: their pages go when it changes (the page cache)."""
        return self.screenings.all()


class ScreeningLabel(models.Model):
    """A label beyond the built-in ones (premiere, Q&A, intro, short before, live/encore).

    Rows like access flags, so editors add "Film quiz" or "Members only" in the
    admin, and apps declare theirs in ``programme.registry``.
    """

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("screening label")

    def __str__(self) -> str:
        return self.name

    def cache_screenings(self) -> "ScreeningQuerySet":
        """The screenings that show this label: their pages go when it changes (the page cache)."""
        return self.screenings.all()


#: Relations a screening's listing row, labels and prices read, for select_related.
DISPLAY_SELECT_RELATED = (
    "film",
    "venue",
    "screen",
    "short_before",
    "price_table",
    "venue__default_price_table",
)
#: Relations a screening's listing row, labels and prices read, for prefetch_related.
DISPLAY_PREFETCH_RELATED = (
    "access_flags",
    "labels",
    "price_table__rows",
    "venue__default_price_table__rows",
)


class ScreeningQuerySet(models.QuerySet):
    def for_display(self) -> "ScreeningQuerySet":
        """Everything a screening's labels, status and prices show, in a fixed number of queries."""
        return self.select_related(*DISPLAY_SELECT_RELATED).prefetch_related(
            *DISPLAY_PREFETCH_RELATED
        )

    def for_screening_block(self) -> "ScreeningQuerySet":
        """What the screening block shows: ``for_display`` and the live seasons, by title."""
        # SeasonPage as the relation names it: seasons.py imports this module.
        season_model = self.model._meta.get_field("seasons").related_model
        return self.for_display().prefetch_related(
            models.Prefetch("seasons", queryset=season_model.objects.listable().order_by("title"))
        )


class Screening(index.Indexed, ClusterableModel):
    """A film shown at a venue on a first date, optionally repeating.

    Dates come from the rule, times from ``show_times``: see
    ``programme.recurrence`` for why they are kept apart. Every save expands
    them into stored ``Occurrence`` rows that pages query by date.
    """

    film = models.ForeignKey(
        "programme.FilmPage",
        verbose_name=_("film"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    programme_title = models.CharField(
        _("programme title"),
        max_length=255,
        blank=True,
        help_text=_(
            'For a programme of shorts, e.g. "Shorts programme 2". Leave blank to use the film.'
        ),
    )
    programme_films = ParentalManyToManyField(
        "programme.FilmPage",
        verbose_name=_("other films in the programme"),
        blank=True,
        related_name="programme_screenings",
    )
    venue = models.ForeignKey(
        "programme.VenuePage",
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    screen = models.ForeignKey(
        "programme.Screen",
        verbose_name=_("screen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="screenings",
    )
    seasons = ParentalManyToManyField(
        "programme.SeasonPage", verbose_name=_("seasons"), blank=True, related_name="screenings"
    )

    first_date = models.DateField(_("date"), help_text=_("The date of the first (or only) show."))
    show_times = models.CharField(
        _("show times"),
        max_length=255,
        help_text=_(
            "24-hour times, separated by commas, e.g. 14:00, 19:30. "
            "A time before 05:00 is a late show that belongs to the evening before."
        ),
    )
    recurrence = RecurrenceField(
        verbose_name=_("repeats"),
        blank=True,
        null=True,
        include_dtstart=False,
        help_text=_("Optional: repeat rules, extra dates and dates to skip."),
    )

    premiere = models.CharField(
        _("premiere"), max_length=16, choices=PremiereLevel.choices, blank=True
    )
    introduced_by = models.CharField(_("introduced by"), max_length=255, blank=True)
    q_and_a_with = models.CharField(_("followed by a Q&A with"), max_length=255, blank=True)
    live_or_encore = models.CharField(
        _("live or encore"), max_length=8, choices=LiveEncore.choices, blank=True
    )
    short_before = models.ForeignKey(
        "programme.FilmPage",
        verbose_name=_("short before"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screenings_as_short",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    labels = ParentalManyToManyField(
        ScreeningLabel, verbose_name=_("other labels"), blank=True, related_name="screenings"
    )

    language_version = models.CharField(
        _("language version"), max_length=32, choices=LanguageVersion.choices, blank=True
    )
    audio_language = models.CharField(
        _("audio language"), max_length=3, choices=language_choices, blank=True
    )
    subtitle_language = models.CharField(
        _("subtitle language"), max_length=3, choices=language_choices, blank=True
    )
    access_flags = ParentalManyToManyField(
        AccessFlag, verbose_name=_("access"), blank=True, related_name="screenings"
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.SCHEDULED,
    )
    status_message = models.CharField(
        _("status message"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Moved to Screen 2" or "New date to follow"'),
    )
    ticket_url = models.URLField(_("ticket link"), blank=True)
    price_table = models.ForeignKey(
        "programme.PriceTable",
        verbose_name=_("prices"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screenings",
        help_text=_("Leave blank to use the venue's default prices."),
    )
    runtime_override = models.PositiveSmallIntegerField(
        _("runtime (minutes)"),
        null=True,
        blank=True,
        help_text=_("Only if the show runs longer than the film, e.g. with an introduction."),
    )
    external_id = ExternalIdField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScreeningQuerySet.as_manager()

    when_panels = [
        FieldRowPanel([FieldPanel("first_date"), FieldPanel("show_times")]),
        FieldPanel("recurrence"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_message")]),
    ]
    what_panels = [
        FieldPanel("film"),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("screen")]),
        FieldPanel("seasons"),
        MultiFieldPanel(
            [FieldPanel("programme_title"), FieldPanel("programme_films")],
            heading=_("Programme of shorts"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("premiere"), FieldPanel("live_or_encore")]),
                FieldRowPanel([FieldPanel("introduced_by"), FieldPanel("q_and_a_with")]),
                FieldPanel("short_before"),
                FieldPanel("labels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("note"),
            ],
            heading=_("Labels"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("language_version"),
                FieldRowPanel([FieldPanel("audio_language"), FieldPanel("subtitle_language")]),
            ],
            heading=_("Language"),
        ),
        FieldPanel("access_flags", widget=forms.CheckboxSelectMultiple),
    ]
    tickets_panels = [
        FieldPanel("ticket_url"),
        FieldPanel("external_id"),
        FieldPanel("price_table"),
        FieldPanel("runtime_override"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(what_panels, heading=_("Film and labels")),
            ObjectList(when_panels, heading=_("Dates")),
            ObjectList(tickets_panels, heading=_("Tickets")),
        ]
    )

    search_fields = [
        index.SearchField("programme_title"),
        index.AutocompleteField("programme_title"),
        index.RelatedFields("film", [index.SearchField("title"), index.AutocompleteField("title")]),
        index.RelatedFields("venue", [index.SearchField("title")]),
        index.FilterField("status"),
        index.FilterField("first_date"),
    ]

    class Meta:
        ordering = ["-first_date"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        date = f"{self.first_date:%d %b %Y}" if self.first_date else ""
        venue = self.venue.title if self.venue_id else ""
        return f"{self.title} — {venue}, {date} {self.show_times}".strip()

    def save(self, *args, **kwargs):
        self.recurrence = dates_at_utc_midnight(self.recurrence)
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        if self.programme_title:
            return self.programme_title
        return self.film.title if self.film_id else ""

    @property
    def times(self) -> list[datetime.time]:
        return expansion.parse_show_times(self.show_times)

    @property
    def runtime(self) -> datetime.timedelta:
        minutes = self.runtime_override or (self.film.runtime_minutes if self.film_id else None)
        return datetime.timedelta(minutes=minutes or conf.default_runtime_minutes())

    @property
    def effective_price_table(self):
        if self.price_table_id:
            return self.price_table
        return self.venue.default_price_table if self.venue_id else None

    @property
    def language_description(self) -> str:
        """E.g. "Russian original version with English subtitles"."""
        audio = language_name(self.audio_language)
        subs = language_name(self.subtitle_language)
        version = self.language_version
        if version in (LanguageVersion.ORIGINAL, LanguageVersion.ORIGINAL_SUBTITLED) or (
            not version and subs
        ):
            text = (
                gettext("%(language)s original version") % {"language": audio}
                if audio
                else gettext("Original version")
            )
        elif version == LanguageVersion.DUBBED:
            text = (
                gettext("Dubbed into %(language)s") % {"language": audio}
                if audio
                else gettext("Dubbed")
            )
        elif version:
            text = str(self.get_language_version_display())
        else:
            return ""
        if subs:
            text = gettext("%(version)s with %(language)s subtitles") % {
                "version": text,
                "language": subs,
            }
        return text

    @property
    def is_open_ended(self) -> bool:
        return expansion.is_open_ended(self.recurrence)

    def clean(self):
        super().clean()
        errors = {}
        if self.screen_id and self.venue_id and self.screen.venue_id != self.venue_id:
            errors["screen"] = _("This screen belongs to another venue.")
        try:
            times = self.times
        except expansion.RuleError as error:
            errors["show_times"] = str(error)
            times = None
        if self.first_date and times is not None and "recurrence" not in errors:
            try:
                self.expand(times=times)
            except expansion.RuleError as error:
                errors["recurrence"] = str(error)
        if errors:
            raise ValidationError(errors)

    def horizon(self) -> datetime.date:
        """The last date to expand to.

        An open-ended rule is expanded a fixed distance ahead (the daily
        ``extend_occurrences`` job moves it on); a rule that ends is expanded
        to its end, however far away, since its size is already bounded.
        """
        if not self.is_open_ended:
            return datetime.date.max
        start = max(timezone.localdate(), self.first_date or timezone.localdate())
        return start + datetime.timedelta(days=conf.occurrence_horizon_days())

    def expand(self, *, times=None, until: datetime.date | None = None) -> list[expansion.Show]:
        """This screening's shows up to the horizon, without touching the database."""
        limit = conf.max_occurrences_per_screening()
        dates = expansion.expand_dates(
            self.recurrence, self.first_date, until or self.horizon(), limit=limit
        )
        shows = expansion.expand_shows(
            dates,
            times if times is not None else self.times,
            self.venue.zone,
            runtime=self.runtime,
            business_day_starts_at=conf.business_day_starts_at(),
        )
        if len(shows) > limit:
            from ..formatting import format_number

            raise expansion.RuleError(
                gettext(
                    "These dates and times give %(shows)s shows; the limit is %(limit)s. "
                    "Give the rule an end date or fewer times."
                )
                % {"shows": format_number(len(shows)), "limit": format_number(limit)}
            )
        return shows


def dates_at_utc_midnight(rule_set):
    """Pin every date in a rule to midnight UTC before django-recurrence stores it.

    django-recurrence makes naive date-times aware in whatever time zone is
    active and saves them as UTC, which can move a date to the day before.
    """
    if rule_set is None:
        return None

    def pin(value):
        if value is None:
            return None
        day = expansion.as_date(value)
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)

    rule_set.rdates = [pin(value) for value in rule_set.rdates]
    rule_set.exdates = [pin(value) for value in rule_set.exdates]
    rule_set.dtstart = pin(rule_set.dtstart)
    rule_set.dtend = pin(rule_set.dtend)
    for rule in [*rule_set.rrules, *rule_set.exrules]:
        rule.until = pin(rule.until)
    return rule_set
