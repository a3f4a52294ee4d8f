"""An event page that hosts screenings through the programme's extension points."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from programme.models import AbstractHostedScreening, ScreeningHostMixin

from .blocks import EventBodyBlock


class EventPage(ScreeningHostMixin, Page):
    """A quiz night, a talk or a double bill: text, a running order and its screenings.

    The screenings are chosen, not copied: their dates, labels and status are
    read from the programme whenever the page is shown.
    """

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(EventBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("hosted_screenings", label=_("Screening")),
    ]

    subpage_types: list[str] = []
    template = "extension_app/event_page.html"

    class Meta:
        verbose_name = _("event")


class EventScreening(AbstractHostedScreening):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="hosted_screenings")
