"""Refusing to delete what the programme still uses, and saying where it is used.

Wagtail 8 already refuses a delete when its reference index records a
``PROTECT`` relation to the object: the confirmation page says it cannot be
deleted and a POST is answered as a permission error (a redirect to the
dashboard with "Sorry, you do not have permission…"). It does not look at a page's descendants (so
deleting the film index would fail in the database), trusts an index that can
be stale, and does not count uses that would silently disappear, such as a
season's screenings or a screening chosen in an article's content block.
``find_uses`` asks the database itself (Django's deletion collector, through
descendants too), adds the programme's many-to-many uses and the content
blocks that the reference index knows about; the ``before_delete_*`` hooks in
wagtail_hooks answer with ``refusal`` when it finds any.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.blocks import ListBlock, RichTextBlock
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex

APP_LABEL = "programme"
MAX_LISTED = 100


@dataclass
class Use:
    """One thing that uses one of the objects being deleted."""

    used: models.Model  # the object someone wants to delete
    user: models.Model  # what uses it (an inline row is shown as its page or snippet)
    kind: str  # e.g. "Screening", "Film"
    via: str  # e.g. "Film", "Credits → Person"
    url: str | None  # where to edit the user
    below: str = ""  # when deleting a page: the page below it that is used


def find_uses(objects, request_user=None) -> list[Use]:
    """What stops these objects (and, for pages, their descendants) being deleted."""
    objects = list(objects)
    if not objects:
        return []
    targets = _with_descendants(objects)
    uses: list[Use] = []
    for blocking in _protected_rows(targets):
        uses.extend(_describe_row(blocking, targets))
    uses.extend(_many_to_many_uses(targets))
    uses.extend(_content_block_uses(targets))

    finder = AdminURLFinder(request_user)
    unique: dict[tuple, Use] = {}
    for use in uses:
        key = (_key(use.used), _key(use.user), use.via)
        if key not in unique:
            try:
                use.url = finder.get_edit_url(use.user)
            except NoReverseMatch:
                use.url = None
            unique[key] = use
    return list(unique.values())


def _key(instance) -> tuple:
    if isinstance(instance, Page):  # a page, specific or not
        return ("wagtailcore.page", instance.pk)
    return (instance._meta.concrete_model._meta.label_lower, instance.pk)


def _with_descendants(objects) -> list[models.Model]:
    """The objects, with every page below any page among them (specific instances)."""
    targets = []
    seen = set()
    for obj in objects:
        candidates = [obj]
        if isinstance(obj, Page):
            candidates = list(Page.objects.descendant_of(obj, inclusive=True).specific())
        for candidate in candidates:
            if _key(candidate) not in seen:
                seen.add(_key(candidate))
                targets.append(candidate)
    return targets


def _protected_rows(targets) -> list[models.Model]:
    """Rows whose PROTECT or RESTRICT foreign keys would make the database refuse."""
    by_model: dict[type, list] = {}
    for target in targets:
        # Collect pages as base pages: the collector follows them to their
        # specific rows and from there to everything that points at them.
        model = Page if isinstance(target, Page) else target._meta.concrete_model
        by_model.setdefault(model, []).append(target.pk)

    found = []
    for model, pks in by_model.items():
        collector = Collector(using=router.db_for_write(model))
        try:
            collector.collect(model._base_manager.filter(pk__in=pks))
        except ProtectedError as error:
            found.extend(error.protected_objects)
        except RestrictedError as error:
            found.extend(error.restricted_objects)
    return found


def _describe_row(row, targets) -> list[Use]:
    """Which target(s) a blocking row points at, through which field, shown as its owner."""
    owner, path = _owner(row)
    target_keys = {}
    for target in targets:
        for model in [target.__class__, *target._meta.get_parent_list()]:
            target_keys[(model._meta.label_lower, target.pk)] = target
    uses = []
    for field in row._meta.concrete_fields:
        if not field.is_relation or not field.many_to_one:
            continue
        if isinstance(field, ParentalKey) or field.remote_field.on_delete not in (
            models.PROTECT,
            models.RESTRICT,
        ):
            continue
        value = getattr(row, field.attname)
        target = target_keys.get((field.related_model._meta.label_lower, value))
        if target is None:
            continue
        via = " → ".join([*path, capfirst(str(field.verbose_name))])
        uses.append(Use(used=target, user=owner, kind=_kind(owner), via=via, url=None))
    if not uses:
        # Protected through a longer chain: still a refusal, never a database error.
        via = " → ".join(path) or _kind(row)
        uses.append(Use(used=targets[0], user=owner, kind=_kind(owner), via=via, url=None))
    return uses


def _owner(row) -> tuple[models.Model, list[str]]:
    """An inline row (a film's credit, a season's partner) is edited on its parent."""
    path = []
    while True:
        parental = next((f for f in row._meta.concrete_fields if isinstance(f, ParentalKey)), None)
        if parental is None:
            break
        path.insert(0, capfirst(str(row._meta.verbose_name)))
        row = getattr(row, parental.name)
    if isinstance(row, Page):
        row = row.specific
    return row, path


def _kind(instance) -> str:
    return capfirst(str(instance._meta.verbose_name))


def _many_to_many_uses(targets) -> list[Use]:
    """The programme's own many-to-many uses, e.g. the screenings in a season.

    The database would simply drop these links; a programmer would lose the
    season of every screening in it without noticing.
    """
    target_keys = {_key(target) for target in targets}
    uses = []
    for target in targets:
        for relation in target._meta.get_fields():
            if not (relation.many_to_many and relation.auto_created):
                continue
            if relation.related_model._meta.app_label != APP_LABEL:
                continue
            accessor = relation.get_accessor_name()
            field = relation.remote_field
            for user in getattr(target, accessor).all()[:MAX_LISTED]:
                if _key(user) in target_keys:
                    continue
                uses.append(
                    Use(
                        used=target,
                        user=user,
                        kind=_kind(user),
                        via=capfirst(str(field.verbose_name)),
                        url=None,
                    )
                )
    return uses


def _content_block_uses(targets) -> list[Use]:
    """Pages and snippets that show the object in a content block (from the reference index).

    A StreamField block that chose a screening, a price table or a person
    would render nothing once it is gone; the database does not know about
    it, Wagtail's reference index does. Links inside rich text do not count.
    """
    target_keys = {_key(target) for target in targets}
    uses = []
    for target in targets:
        for reference in ReferenceIndex.get_references_to(target)[: MAX_LISTED * 2]:
            try:
                field = reference.source_field
            except FieldDoesNotExist:
                continue
            if not isinstance(field, StreamField):
                continue
            block = _block_at(field.stream_block, reference.model_path.split(".")[1:])
            if block is None or isinstance(block, RichTextBlock):
                continue
            try:
                source = reference.content_type.get_object_for_this_type(pk=reference.object_id)
            except ObjectDoesNotExist:
                continue  # a stale index entry
            if isinstance(source, Page):
                source = source.specific
            if _key(source) in target_keys:
                continue
            uses.append(
                Use(
                    used=target,
                    user=source,
                    kind=_kind(source),
                    via=reference.describe_source_field(),
                    url=None,
                )
            )
    return uses


def _block_at(block, path):
    """The block a reference index ``model_path`` (minus the field name) leads to."""
    for name in path:
        if isinstance(block, ListBlock):
            if name != "item":
                return None
            block = block.child_block
            continue
        children = getattr(block, "child_blocks", None)
        if not children or name not in children:
            return None
        block = children[name]
    return block


def usage_url(instance) -> str | None:
    """Wagtail's own "usage" listing for an object (from its reference index)."""
    try:
        if isinstance(instance, Page):
            return reverse("wagtailadmin_pages:usage", args=(instance.pk,))
        viewset = getattr(instance, "snippet_viewset", None)
        if viewset is not None:
            return reverse(viewset.get_url_name("usage"), args=(instance.pk,))
    except NoReverseMatch:
        return None
    return None


def refusal(request, objects, uses: list[Use]) -> TemplateResponse:
    """The page shown instead of deleting: what is used, and where."""
    objects = list(objects)
    groups = []
    for obj in objects:
        related = []
        for use in uses:
            if _key(use.used) == _key(obj):
                related.append(replace(use, below=""))
            elif _is_descendant(use.used, obj):
                related.append(replace(use, below=_display(use.used)))
        if related:
            groups.append(
                {
                    "object": _display(obj),
                    "kind": _kind(obj),
                    "usage_url": usage_url(obj),
                    "uses": related[:MAX_LISTED],
                    "more": max(0, len(related) - MAX_LISTED),
                }
            )
    if len(objects) == 1:
        title = _("%(object)s cannot be deleted") % {"object": _display(objects[0])}
    else:
        title = _("These items cannot be deleted")
    back_url = get_valid_next_url_from_request(request) or _back_url(objects[0])
    return TemplateResponse(
        request,
        "programme/admin/delete_refused.html",
        {
            "title": title,
            "groups": groups,
            "back_url": back_url,
            "icon": "warning",
        },
        status=409 if request.method == "POST" else 200,
    )


def _is_descendant(page, ancestor) -> bool:
    return (
        isinstance(page, Page)
        and isinstance(ancestor, Page)
        and page.path.startswith(ancestor.path)
        and page.pk != ancestor.pk
    )


def _display(instance) -> str:
    if isinstance(instance, Page):
        return instance.get_admin_display_title()
    return str(instance)


def _back_url(instance) -> str:
    finder = AdminURLFinder()
    try:
        if isinstance(instance, Page):
            return reverse("wagtailadmin_explore", args=(instance.get_parent().pk,))
        viewset = getattr(instance, "snippet_viewset", None)
        if viewset is not None:
            return reverse(viewset.get_url_name("list"))
        return finder.get_edit_url(instance) or reverse("wagtailadmin_home")
    except NoReverseMatch:
        return reverse("wagtailadmin_home")
