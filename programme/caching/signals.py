"""Invalidate cached responses when what they show changes.

Each change invalidates twice: at once, so the saving request (and a test in
one transaction) never reads an old copy, and again once the transaction
commits, recomputed from the committed rows (a screening's new seasons are
written after its own row) and so that a render that read the old rows
meanwhile cannot survive.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from ..models import (
    AccessFlag,
    Occurrence,
    Organisation,
    PeopleIndexPage,
    Person,
    PriceRow,
    PriceTable,
    Screening,
    ScreeningLabel,
)
from . import dependencies, store


def _purge_frontend_cache(tags: Iterable[str]) -> None:
    """Tell a configured CDN about changed detail pages (listings are never kept there)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    page_ids = [int(tag.split(":", 1)[1]) for tag in tags if tag.startswith("page:")]
    if page_ids:
        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().filter(pk__in=page_ids).specific())
        batch.purge()


def _invalidate(compute: Callable[[], set[str]], before: set[str] | None = None) -> None:
    tags = (before or set()) | compute()
    store.invalidate(tags)

    def after_commit():
        final = tags | compute()
        store.invalidate(final)
        _purge_frontend_cache(final)

    transaction.on_commit(after_commit, robust=True)


@receiver(pre_save, sender=Screening)
def remember_screening_pages(sender, instance: Screening, raw=False, **kwargs):
    # A screening moved to another film or venue must leave the old pages too.
    if not raw and instance.pk:
        instance._cache_tags_before = dependencies.tags_for_screenings([instance.pk])


@receiver(post_save, sender=Screening)
def screening_saved(sender, instance: Screening, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_cache_tags_before", set())
    _invalidate(lambda: dependencies.tags_for_screenings([instance.pk]), before)


@receiver(pre_delete, sender=Screening)
def screening_deleted(sender, instance: Screening, **kwargs):
    tags = dependencies.tags_for_screenings([instance.pk])
    _invalidate(lambda: set(), tags)


@receiver(post_save, sender=Occurrence)
def show_saved(sender, instance: Occurrence, raw=False, **kwargs):
    # One show cancelled or annotated from the calendar.
    if not raw:
        _invalidate(lambda: dependencies.tags_for_screenings([instance.screening_id]))


@receiver(post_save, sender=PriceRow)
@receiver(post_delete, sender=PriceRow)
def price_row_changed(sender, instance: PriceRow, raw=False, **kwargs):
    # Rows saved on their own (a script, the shell); the admin saves the whole table.
    table = PriceTable.objects.filter(pk=instance.table_id).first()
    if not raw and table is not None:  # None: the whole table is being deleted
        _invalidate(lambda: dependencies.tags_for_object(table))


@receiver(post_save, sender=PriceTable)
@receiver(post_save, sender=Person)
@receiver(post_save, sender=AccessFlag)
@receiver(post_save, sender=ScreeningLabel)
@receiver(post_save, sender=Organisation)
@receiver(post_save, sender=get_image_model())
@receiver(post_save, sender=get_document_model())
def object_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _invalidate(lambda: dependencies.tags_for_object(instance))


@receiver(pre_delete, sender=PriceTable)
@receiver(pre_delete, sender=Person)
@receiver(pre_delete, sender=AccessFlag)
@receiver(pre_delete, sender=ScreeningLabel)
@receiver(pre_delete, sender=Organisation)
@receiver(pre_delete, sender=get_image_model())
@receiver(pre_delete, sender=get_document_model())
def object_deleted(sender, instance, **kwargs):
    tags = dependencies.tags_for_object(instance)
    _invalidate(lambda: set(), tags)


@receiver(post_save)
def live_page_saved(sender, instance, raw=False, **kwargs):
    # A live page saved without publishing (a script, an import, a fixture) changes
    # what readers see too; listings and derived choices follow at once.
    if not raw and isinstance(instance, Page) and instance.live:
        store.invalidate({store.PROGRAMME, store.page_tag(instance.pk)})


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance: Page, **kwargs):
    _invalidate(lambda: dependencies.tags_for_page_change(instance))


# Sent for the Page row behind every page type. A receiver for all senders would
# turn off Django's fast delete everywhere (shows are deleted by the thousand).
@receiver(pre_delete, sender=Page)
def page_deleted(sender, instance: Page, **kwargs):
    if instance.live:
        tags = dependencies.tags_for_page_change(instance)
        _invalidate(lambda: set(), tags)


@receiver(page_published, sender=PeopleIndexPage)
@receiver(page_unpublished, sender=PeopleIndexPage)
@receiver(post_delete, sender=PeopleIndexPage)
def people_index_changed(sender, **kwargs):
    # Person links on every film page, card and article appear, move or go with it.
    _invalidate(lambda: {store.SITE})


@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_structure_changed(sender, **kwargs):
    # Every URL below a moved page changes, in every page that links to one.
    _invalidate(lambda: {store.SITE})


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance: PageViewRestriction, raw=False, **kwargs):
    # The admin's privacy dialog: a page (and all below it) goes private or public again.
    # Listings, feeds and the API drop or regain it; its detail page stops (or starts)
    # being shared, and a CDN must forget the public copy.
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # the page itself is being deleted; its own signal covers it
        return
    _invalidate(lambda: dependencies.tags_for_view_restriction(page))
