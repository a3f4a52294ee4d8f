"""The programme's snippets in the Wagtail admin, grouped under one "Programme" menu.

Registered in wagtail_hooks. The programme calendar (a ModelAdmin over the
stored shows, see ``modeladmin``) joins the same menu through
``ProgrammeViewSetGroup.submenu_hook``.
"""

import django_filters
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choices import OrganisationKind, ScreeningStatus
from .compat import SubmenuHookMixin
from .forms import PriceTableForm, ScreeningForm
from .models import (
    AccessFlag,
    Occurrence,
    Organisation,
    Person,
    PriceTable,
    Screening,
    ScreeningLabel,
    SeasonPage,
    VenuePage,
)


def _with_form(edit_handler, form_class):
    """A copy of a model's edit handler that builds its form from ``form_class``."""
    kwargs = edit_handler.clone_kwargs()
    kwargs["base_form_class"] = form_class
    return edit_handler.__class__(**kwargs)


# --- Screenings ---------------------------------------------------------------


class ScreeningFilterSet(WagtailFilterSet):
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"), queryset=VenuePage.objects.order_by("title")
    )
    season = django_filters.ModelChoiceFilter(
        label=_("Season"),
        field_name="seasons",
        queryset=SeasonPage.objects.order_by("title"),
        distinct=True,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ScreeningStatus.choices)
    access_flag = django_filters.ModelChoiceFilter(
        label=_("Access"),
        field_name="access_flags",
        queryset=AccessFlag.objects.all(),
        distinct=True,
    )
    first_date = django_filters.DateFromToRangeFilter(
        label=_("First date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Screening
        fields = ["venue", "season", "status", "access_flag", "first_date"]


def _repeats(screening) -> bool:
    rule_set = screening.recurrence
    return bool(rule_set and (rule_set.rrules or rule_set.rdates))


def _next_show(screening) -> str:
    start = getattr(screening, "next_show", None)
    if start is None:
        return ""
    return date_format(start.astimezone(screening.venue.zone), "D j M Y, H:i")


class ScreeningViewSet(SnippetViewSet):
    model = Screening
    icon = "calendar-alt"
    menu_label = _("Screenings")
    menu_order = 100
    add_to_admin_menu = False
    list_per_page = 50
    # Searching the database directly keeps film renames visible at once.
    search_backend_name = None
    search_fields = ["film__title", "programme_title", "film__original_title"]
    filterset_class = ScreeningFilterSet
    ordering = ["-first_date", "venue__title"]
    list_display = [
        "title",
        Column("venue", label=_("Venue"), accessor="venue.title", sort_key="venue__title"),
        Column("first_date", label=_("First date"), sort_key="first_date"),
        Column("show_times", label=_("Show times")),
        BooleanColumn("repeats", label=_("Repeats"), accessor=_repeats),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("next_show", label=_("Next show"), accessor=_next_show, sort_key="next_show"),
    ]
    list_export = [
        "title",
        "venue.title",
        "first_date",
        "show_times",
        "recurrence",
        "get_status_display",
        "note",
    ]
    export_headings = {
        "title": _("Title"),
        "venue.title": _("Venue"),
        "recurrence": _("Repeats"),
        "get_status_display": _("Status"),
    }
    edit_handler = _with_form(Screening.edit_handler, ScreeningForm)

    def get_queryset(self, request):
        upcoming = (
            Occurrence.objects.filter(screening=OuterRef("pk"), end__gte=timezone.now())
            .order_by("start")
            .values("start")[:1]
        )
        return Screening.objects.select_related("film", "venue").annotate(
            next_show=Subquery(upcoming)
        )


# --- Prices -----------------------------------------------------------------------


def _from_price(table) -> str:
    # An unambiguous "12.50 GBP" for editors comparing tables in several currencies.
    amount = table.from_amount
    if amount is None:
        return ""
    return f"{amount:.2f} {table.currency}" if amount else str(_("Free"))


class PriceTableViewSet(SnippetViewSet):
    model = PriceTable
    icon = "table"
    menu_label = _("Price tables")
    menu_order = 200
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["name"]
    list_display = [
        "name",
        Column("currency", label=_("Currency"), sort_key="currency"),
        Column("row_count", label=_("Prices"), sort_key="row_count"),
        Column("from_price", label=_("From"), accessor=_from_price),
    ]
    edit_handler = ObjectList(PriceTable.panels, base_form_class=PriceTableForm)

    def get_queryset(self, request):
        return PriceTable.objects.annotate(row_count=Count("rows")).prefetch_related("rows")


# --- People and organisations -------------------------------------------------------


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 300
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["name", "sort_name"]
    ordering = ["sort_name", "name"]
    list_display = [
        "name",
        Column("sort_name", label=_("Sort name"), sort_key="sort_name"),
        Column("credit_count", label=_("Credits"), sort_key="credit_count"),
    ]

    def get_queryset(self, request):
        return Person.objects.annotate(credit_count=Count("credits"))


class OrganisationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = ["kind"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 400
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["name"]
    filterset_class = OrganisationFilterSet
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("website", label=_("Website")),
    ]


class AccessFlagViewSet(SnippetViewSet):
    model = AccessFlag
    icon = "tag"
    menu_label = _("Access flags")
    menu_order = 500
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["name", "abbreviation", "slug"]
    list_display = [
        "name",
        Column("abbreviation", label=_("Abbreviation")),
        Column("slug", label=_("Code")),
        Column("description", label=_("Description")),
    ]


class ScreeningLabelViewSet(SnippetViewSet):
    model = ScreeningLabel
    icon = "tag"
    menu_label = _("Screening labels")
    menu_order = 600
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["name", "slug"]
    list_display = [
        "name",
        Column("slug", label=_("Code")),
        Column("description", label=_("Description")),
    ]


class ProgrammeViewSetGroup(SubmenuHookMixin, SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_name = "programme"
    menu_icon = "media"
    menu_order = 150
    items = (
        ScreeningViewSet,
        PriceTableViewSet,
        PersonViewSet,
        OrganisationViewSet,
        AccessFlagViewSet,
        ScreeningLabelViewSet,
    )
    #: Other menu items (the programme calendar) join this menu through this hook.
    submenu_hook = "register_programme_menu_item"
