"""Wagtail admin registration for the programme: menus, the calendar, delete protection."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from .admin_views import find_uses, refusal
from .caching import depend_on, refuse_sharing
from .caching.dependencies import page_cache_tags
from .modeladmin import ProgrammeCalendarAdmin
from .viewsets import ProgrammeViewSetGroup

# Screenings, prices, people, organisations and access flags, in one "Programme" menu.
register_snippet(ProgrammeViewSetGroup)

# The calendar's views and permissions; its menu item joins the Programme menu below.
calendar_admin = ProgrammeCalendarAdmin()
calendar_admin.register_with_wagtail()


@hooks.register("register_programme_menu_item")
def programme_calendar_menu_item():
    return calendar_admin.get_menu_item(order=150)


@hooks.register("register_admin_urls")
def recurrence_catalogue_url():
    # The rule editor's labels (programme/forms.py), served by the admin for every host.
    return [
        path(
            "programme/recurrence-jsi18n/",
            JavaScriptCatalog.as_view(packages=["recurrence"]),
            name="programme_admin_recurrence_jsi18n",
        )
    ]


@hooks.register("before_delete_page")
def refuse_deleting_used_page(request, page):
    uses = find_uses([page], request.user)
    if uses:
        return refusal(request, [page], uses)
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_used_snippets(request, instances):
    uses = find_uses(instances, request.user)
    if uses:
        return refusal(request, instances, uses)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_used_pages(request, action_type, objects, action_class_instance):
    # Snippets' bulk delete runs before_delete_snippet; pages' runs only this.
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    uses = find_uses(pages, request.user) if pages else []
    if uses:
        return refusal(request, pages, uses)
    return None


@hooks.register("before_serve_page")
def declare_page_cache_dependencies(page, request, serve_args, serve_kwargs):
    if getattr(request, "programme_cache", None) is None:
        return  # not a request the cache serves (an editor, a POST, caching off)
    # A password- or login-protected page is never shared between readers.
    if page.get_view_restrictions().exists():
        refuse_sharing(request)
    else:
        depend_on(request, *page_cache_tags(page))
