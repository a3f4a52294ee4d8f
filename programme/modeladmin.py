"""The programme calendar: every stored show, filtered by date, venue, film…

A wagtail-modeladmin ``ModelAdmin`` over ``Occurrence``. Shows are generated
from screenings, so nobody creates or deletes one here; an editor may only
change one show's status (cancel one night) or add a note to it.
"""

import datetime

from django import forms
from django.contrib.admin import ListFilter, RelatedOnlyFieldListFilter
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import FieldPanel, Panel
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from .choices import ScreeningStatus
from .formatting import format_date, format_date_skeleton, format_time
from .models import Occurrence


class ShowPermissionHelper(PermissionHelper):
    """Shows come from their screening's rule: they are edited, never added or removed."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_copy_obj(self, user, obj):
        return False


class ProgrammeDateFilter(ListFilter):
    """Shows by programme date: presets (today, next 7 days…) or a from/to range.

    Query parameters: ``when`` (one of the presets) or ``date_from`` and/or
    ``date_to`` (YYYY-MM-DD, inclusive). Without any, upcoming shows are listed.
    """

    title = _("programme date")
    template = "programme/admin/date_filter.html"
    parameters = ("when", "date_from", "date_to")
    DEFAULT = "upcoming"
    presets = [
        ("upcoming", _("From today")),
        ("today", _("Today")),
        ("tomorrow", _("Tomorrow")),
        ("next7", _("Next 7 days")),
        ("next30", _("Next 30 days")),
        ("past", _("Past shows")),
        ("all", _("All dates")),
    ]

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.request = request
        values = {}
        for name in self.parameters:
            if name in params:
                value = params.pop(name)
                values[name] = (value[-1] if isinstance(value, list) else value).strip()
        self.errors = []
        self.date_from = self._parse(values.get("date_from"), _("from"))
        self.date_to = self._parse(values.get("date_to"), _("to"))
        when = values.get("when")
        if when not in dict(self.presets):
            when = None
        if when is None and not (self.date_from or self.date_to):
            when = self.DEFAULT
        self.when = when

    def _parse(self, text, label):
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            self.errors.append(
                _("“%(value)s” is not a date (%(label)s): write it as YYYY-MM-DD.")
                % {"value": text, "label": label}
            )
            return None

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def date_range(self) -> tuple[datetime.date | None, datetime.date | None]:
        today = timezone.localdate()
        day = datetime.timedelta(days=1)
        return {
            "upcoming": (today, None),
            "today": (today, today),
            "tomorrow": (today + day, today + day),
            "next7": (today, today + 6 * day),
            "next30": (today, today + 29 * day),
            "past": (None, today - day),
            "all": (None, None),
            None: (self.date_from, self.date_to),
        }[self.when]

    def queryset(self, request, queryset):
        first, last = self.date_range()
        if first:
            queryset = queryset.filter(business_date__gte=first)
        if last:
            queryset = queryset.filter(business_date__lte=last)
        return queryset

    def choices(self, changelist):
        for value, label in self.presets:
            yield {
                "selected": self.when == value,
                "query_string": changelist.get_query_string(
                    {"when": value}, remove=["date_from", "date_to"]
                ),
                "display": label,
            }

    def other_params(self):
        """The current query string minus this filter and the page: hidden fields for its form."""
        return [
            (name, value)
            for name, values in self.request.GET.lists()
            if name not in self.parameters and name not in ("p", "export")
            for value in values
        ]


class ShowSummaryPanel(Panel):
    """What this show is, read-only, above the two fields an editor may change."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            show = self.instance
            if show is None or not show.pk:
                return ""
            screening = show.screening
            screening_url = AdminURLFinder(self.request.user).get_edit_url(screening)
            return format_html(
                '<div class="help-block help-info"><p><strong>{}</strong><br>{} · {}{}</p>'
                "<p>{} {}</p></div>",
                screening.title,
                f"{format_date(show.local_start)}, {format_time(show.local_start)}",
                screening.venue.title,
                f" · {screening.screen.name}" if screening.screen_id else "",
                _(
                    "Only this show changes. Dates and times are set on the screening; "
                    "editing the screening keeps the status and note set here."
                ),
                format_html('<a href="{}">{}</a>', screening_url, _("Edit the screening"))
                if screening_url
                else "",
            )


class CalendarIndexView(IndexView):
    @property
    def export_headings(self):
        # wagtail-modeladmin reads the headings from the view, not the ModelAdmin.
        return self.model_admin.export_headings


class ProgrammeCalendarAdmin(ModelAdmin):
    model = Occurrence
    menu_label = _("Programme calendar")
    menu_icon = "calendar-check"
    # Listed in the Programme menu (see wagtail_hooks), not at the top level.
    add_to_admin_menu = False
    permission_helper_class = ShowPermissionHelper
    index_view_class = CalendarIndexView
    inspect_view_enabled = False

    list_display = ("local_start", "film", "venue", "screen", "status_label", "note")
    list_filter = (
        ProgrammeDateFilter,
        ("screening__venue", RelatedOnlyFieldListFilter),
        ("screening__film", RelatedOnlyFieldListFilter),
        ("screening__seasons", RelatedOnlyFieldListFilter),
        "status",
        ("screening__access_flags", RelatedOnlyFieldListFilter),
    )
    search_fields = ("screening__film__title", "screening__programme_title")
    ordering = ("start", "pk")
    list_per_page = 100
    list_export = (
        "business_date",
        "local_start_naive",
        "film",
        "venue",
        "screen",
        "status_text",
        "note",
        "access",
    )
    export_headings = {
        "business_date": _("Programme date"),
        "local_start_naive": _("Start (venue time)"),
        "film": _("Film"),
        "venue": _("Venue"),
        "screen": _("Screen"),
        "status_text": _("Status"),
        "note": _("Note"),
        "access": _("Access"),
    }
    export_filename = "programme-calendar"
    index_view_extra_css = ["programme/admin/calendar.css"]

    panels = [
        ShowSummaryPanel(),
        FieldPanel(
            "status_override",
            widget=forms.Select(choices=[("", _("As the screening")), *ScreeningStatus.choices]),
        ),
        FieldPanel("note"),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("screening__film", "screening__venue", "screening__screen")
            .prefetch_related("screening__access_flags")
        )

    def register_indexing(self):
        # Shows are regenerated in bulk: Wagtail's reference index would list
        # every one of them as a "use" of its screening, and miss most.
        pass

    @staticmethod
    def _local(show):
        return show.start.astimezone(show.screening.venue.zone)

    def local_start(self, show):
        local = self._local(show)
        return f"{format_date_skeleton(local, 'yMMMEd')}, {format_time(local)}"

    local_start.short_description = _("Start (venue time)")
    local_start.admin_order_field = "start"

    def local_start_naive(self, show):
        return self._local(show).replace(tzinfo=None)

    local_start_naive.short_description = _("Start (venue time)")

    def film(self, show):
        return show.screening.title

    film.short_description = _("Film")
    film.admin_order_field = "screening__film__title"

    def venue(self, show):
        return show.screening.venue.title

    venue.short_description = _("Venue")
    venue.admin_order_field = "screening__venue__title"

    def screen(self, show):
        return show.screening.screen.name if show.screening.screen_id else ""

    screen.short_description = _("Screen")

    def status_label(self, show):
        label = show.get_status_display()
        if show.status_override:
            return format_html("{} <small>({})</small>", label, _("this show only"))
        return label

    status_label.short_description = _("Status")
    status_label.admin_order_field = "status"

    def status_text(self, show):
        return show.get_status_display()

    status_text.short_description = _("Status")

    def access(self, show):
        return ", ".join(
            flag.abbreviation or flag.name for flag in show.screening.access_flags.all()
        )

    access.short_description = _("Access")
