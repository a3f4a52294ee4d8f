import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

#: Enough of today's shows to fill a phone screen or two; the rest are on What's on.
TODAY_SHOWS_LIMIT = 12


class HomePage(Page):
    """The site's front page: what is on today and this week, seasons, articles, films."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from programme.listings import group_by_day
        from programme.models import (
            ArticlePage,
            FilmPage,
            Occurrence,
            SeasonPage,
            WhatsOnPage,
        )
        from programme.models.whats_on import current_business_date

        context = super().get_context(request, *args, **kwargs)
        today = current_business_date()
        week_end = today + datetime.timedelta(days=6)
        shows = Occurrence.objects.public().upcoming()
        todays = list(
            shows.on_business_dates(today).order_by("start").for_listing()[: TODAY_SHOWS_LIMIT + 1]
        )
        context["today"] = today
        context["today_by_day"] = group_by_day(todays[:TODAY_SHOWS_LIMIT])
        context["more_today"] = len(todays) > TODAY_SHOWS_LIMIT
        context["week_show_count"] = shows.on_business_dates(today, week_end).count()
        context["whats_on"] = WhatsOnPage.objects.listable().first()
        # Seasons running now or starting within a month; festival strands stay on their festival.
        context["seasons"] = (
            SeasonPage.objects.listable()
            .filter(depth=self.depth + 2)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .filter(
                Q(start_date__isnull=True) | Q(start_date__lte=today + datetime.timedelta(days=31))
            )
            .order_by("start_date")[:6]
        )
        context["articles"] = ArticlePage.objects.listable().order_by(
            "-date", "-first_published_at"
        )[:3]
        showing_ids = shows.on_business_dates(today, week_end).values("screening__film_id")
        context["films"] = (
            FilmPage.objects.listable()
            .filter(pk__in=showing_ids)
            .order_by("title")
            .for_cards()[:12]
        )
        return context
