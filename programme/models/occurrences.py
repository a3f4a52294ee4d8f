"""Stored occurrences: every show of every screening, one row each, queried by date.

Rows are derived from screenings by ``Occurrence.objects.regenerate(screening)``
and never edited by hand, except for the per-show override fields
(``status_override`` and ``note``), which survive regeneration.
"""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ScreeningStatus
from .screenings import DISPLAY_PREFETCH_RELATED, DISPLAY_SELECT_RELATED, Screening
from .visibility import inside_private_section


class OccurrenceQuerySet(models.QuerySet):
    def public(self) -> "OccurrenceQuerySet":
        """Shows of live films at live venues, neither of them behind a password or login."""
        return (
            self.filter(screening__film__live=True, screening__venue__live=True)
            .exclude(inside_private_section("screening__film__path"))
            .exclude(inside_private_section("screening__venue__path"))
        )

    def upcoming(self, now: datetime.datetime | None = None) -> "OccurrenceQuerySet":
        return self.filter(end__gte=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> "OccurrenceQuerySet":
        return self.filter(end__lt=now or timezone.now())

    def on_business_dates(
        self, first: datetime.date, last: datetime.date | None = None
    ) -> "OccurrenceQuerySet":
        return self.filter(business_date__gte=first, business_date__lte=last or first)

    def for_listing(self) -> "OccurrenceQuerySet":
        """Everything a listing row shows, in a fixed number of queries."""
        return self.select_related(
            *(f"screening__{name}" for name in DISPLAY_SELECT_RELATED)
        ).prefetch_related(
            *(f"screening__{name}" for name in DISPLAY_PREFETCH_RELATED),
            "screening__seasons",
        )

    def for_api(self) -> "OccurrenceQuerySet":
        """Everything the API's ``OccurrenceSerializer`` reads, in a fixed number of queries."""
        # SeasonPage as the relation names it: seasons.py imports this module.
        season_model = Screening._meta.get_field("seasons").related_model
        return self.select_related(
            *(f"screening__{name}" for name in DISPLAY_SELECT_RELATED)
        ).prefetch_related(
            *(f"screening__{name}" for name in DISPLAY_PREFETCH_RELATED),
            "screening__programme_films",
            models.Prefetch("screening__seasons", queryset=season_model.objects.order_by("title")),
        )


class OccurrenceManager(models.Manager.from_queryset(OccurrenceQuerySet)):
    @transaction.atomic
    def regenerate(self, screening, *, until: datetime.date | None = None) -> tuple[int, int, int]:
        """Bring a screening's stored shows in line with its rule.

        Idempotent: a second call changes nothing. Shows that still exist keep
        their per-show overrides. Returns (created, updated, deleted).
        """
        shows = screening.expand(until=until)
        existing = {occ.start: occ for occ in self.filter(screening=screening)}
        wanted = {show.start.astimezone(datetime.UTC): show for show in shows}

        stale = [occ.pk for start, occ in existing.items() if start not in wanted]
        if stale:
            self.filter(pk__in=stale).delete()

        to_create, to_update = [], []
        for start, show in wanted.items():
            occ = existing.get(start)
            if occ is None:
                to_create.append(
                    self.model(
                        screening=screening,
                        start=start,
                        end=show.end,
                        business_date=show.business_date,
                        status=screening.status,
                    )
                )
                continue
            status = occ.status_override or screening.status
            if (occ.end, occ.business_date, occ.status) != (show.end, show.business_date, status):
                occ.end, occ.business_date, occ.status = show.end, show.business_date, status
                to_update.append(occ)
        self.bulk_create(to_create, batch_size=500)
        self.bulk_update(to_update, ["end", "business_date", "status"], batch_size=500)
        return len(to_create), len(to_update), len(stale)


class Occurrence(models.Model):
    """One show: a screening at a moment.

    ``business_date`` is the venue-local programme day (a 00:30 show belongs
    to the evening before), so a day's listing is one indexed equality lookup.
    ``status`` is the screening's status unless this one show overrides it.
    """

    screening = models.ForeignKey(
        "programme.Screening", on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    business_date = models.DateField(_("programme date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.SCHEDULED,
    )
    status_override = models.CharField(
        _("status of this show only"),
        max_length=16,
        choices=ScreeningStatus.choices,
        blank=True,
        help_text=_("Leave blank to follow the screening."),
    )
    note = models.CharField(
        _("note for this show"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Q&A with the director tonight"'),
    )

    objects = OccurrenceManager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("show")
        verbose_name_plural = _("programme calendar")
        constraints = [
            models.UniqueConstraint(fields=["screening", "start"], name="unique_show_per_screening")
        ]
        indexes = [
            models.Index(fields=["business_date", "start"], name="occurrence_day_idx"),
            models.Index(fields=["start"], name="occurrence_start_idx"),
            models.Index(fields=["end"], name="occurrence_end_idx"),
        ]

    def __str__(self) -> str:
        local = self.local_start
        return f"{self.screening.title} — {local:%a %d %b %Y %H:%M}"

    def save(self, *args, **kwargs):
        # An override edited on its own must show at once, without a regeneration.
        self.status = self.status_override or self.screening.status
        super().save(*args, **kwargs)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.screening.venue.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.screening.venue.zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == ScreeningStatus.CANCELLED

    @property
    def calendar_url(self) -> str:
        """Its "add to calendar" file, a route of its film's page; "" when that has no URL."""
        film = self.screening.film
        url = film.url if self.pk else ""
        return url + film.reverse_subpage("show-calendar", args=[self.pk]) if url else ""

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()
