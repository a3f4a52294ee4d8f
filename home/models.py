from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: leads with what is on, then seasons and films."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from programme.models import FilmPage, SeasonPage

        context = super().get_context(request, *args, **kwargs)
        context["seasons"] = SeasonPage.objects.live().order_by("-start_date")[:6]
        context["films"] = FilmPage.objects.live().order_by("-first_published_at").for_cards()[:12]
        return context
