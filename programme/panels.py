"""Edit-form panels of the programme's own.

Page models put these panels in their class bodies, so this module imports no
models: a panel reads them from the page's relations or by name at render time.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import Panel


class ScreeningsPanel(Panel):
    """A read-only list of a film's or venue's screenings, with links to edit them.

    Screenings are snippets that point at the page rather than child rows of it,
    so an editor looking at a film would otherwise have no way to see when it
    is on. The list is read from the saved page, never from the form.
    """

    def __init__(self, relation: str = "screenings", **kwargs):
        super().__init__(**kwargs)
        self.relation = relation

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["relation"] = self.relation
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "screenings"

    class BoundPanel(Panel.BoundPanel):
        template_name = "programme/admin/panels/screenings.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # Through the relation and by name: the page models import this module.
            Screening = self.instance._meta.get_field(self.panel.relation).related_model
            Occurrence = apps.get_model("programme", "Occurrence")
            screenings = []
            if self.instance.pk:
                screenings = list(
                    getattr(self.instance, self.panel.relation)
                    .select_related("film", "venue", "screen")
                    .order_by("-first_date")
                )
            next_shows = {}
            for show in (
                Occurrence.objects.upcoming()
                .filter(screening__in=screenings)
                .order_by("start")
                .values("screening_id", "start")
            ):
                next_shows.setdefault(show["screening_id"], show["start"])
            finder = AdminURLFinder(self.request.user)
            context["rows"] = [
                {
                    "screening": screening,
                    "edit_url": finder.get_edit_url(screening),
                    "next_show": (
                        timezone.localtime(next_shows[screening.pk], screening.venue.zone)
                        if screening.pk in next_shows
                        else None
                    ),
                }
                for screening in screenings
            ]
            try:
                context["add_url"] = reverse(Screening.snippet_viewset.get_url_name("add"))
            except (AttributeError, NoReverseMatch):  # a site that does not register it
                context["add_url"] = None
            context["empty_message"] = (
                _("Save this page first, then add screenings that show it.")
                if not self.instance.pk
                else _("No screenings yet.")
            )
            return context
