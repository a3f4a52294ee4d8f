"""Keep the stored occurrence table and the search index in step with what they derive from."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import FilmPage, Occurrence, PeopleIndexPage, Person, Screening, VenuePage
from .models.people_index import forget_people_index_url

#: The one field of each page that moves its screenings' shows: a venue's time
#: zone moves every start, a film's runtime every end.
SHOW_SHAPING_FIELD = {VenuePage: "time_zone", FilmPage: "runtime_minutes"}


@receiver(post_save, sender=Screening)
def regenerate_screening_occurrences(sender, instance: Screening, raw=False, **kwargs):
    if raw:
        return
    Occurrence.objects.regenerate(instance)


@receiver(pre_save, sender=VenuePage)
@receiver(pre_save, sender=FilmPage)
def note_show_shaping_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """Compare with the stored row before publishing overwrites it."""
    field = SHOW_SHAPING_FIELD[sender]
    if raw or instance.pk is None or (update_fields is not None and field not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    instance._shows_out_of_date = stored != getattr(instance, field)


@receiver(page_published)
def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once published, with its committed child rows.

    Wagtail indexes a page when its row is saved, before modelcluster commits the
    page's child rows (credits, awards, subject tags), so a freshly published film
    would be indexed with its previous credits.
    """
    index.insert_or_update_object(instance)


@receiver(post_save, sender=Person)
def reindex_films_of_person(sender, instance, raw=False, created=False, **kwargs):
    """A person's new name reaches the search index of the films crediting them."""
    if raw or created:
        return
    for film in FilmPage.objects.filter(credits__person=instance).distinct():
        index.insert_or_update_object(film)


@receiver(page_published, sender=VenuePage)
@receiver(page_published, sender=FilmPage)
def regenerate_after_publish(sender, instance, **kwargs):
    # Publishing a venue with hundreds of screenings must not re-expand them all
    # for a typo fix; when in doubt (no comparison was made), regenerate.
    if not getattr(instance, "_shows_out_of_date", True):
        return
    for screening in instance.screenings.select_related("film", "venue"):
        Occurrence.objects.regenerate(screening)
    instance._shows_out_of_date = False


@receiver(post_save, sender=PeopleIndexPage)
@receiver(post_delete, sender=PeopleIndexPage)
@receiver(page_published, sender=PeopleIndexPage)
@receiver(page_unpublished, sender=PeopleIndexPage)
@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_people_index_url_on_change(sender, **kwargs):
    """Person links follow the people index wherever it goes (an ancestor's move included)."""
    forget_people_index_url()
