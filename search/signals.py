"""Keep the search index in step with what a page shows.

Wagtail indexes a page when its row is saved, before modelcluster commits the
page's child rows (credits, awards, subject tags), so a freshly published film
would be indexed with its previous credits. Re-indexing on ``page_published``
reads the committed children. A person's new name reaches the films crediting them.
"""

from django.db.models.signals import post_save
from wagtail.search import index
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def reindex_films_of_person(sender, instance, raw=False, created=False, **kwargs):
    from programme.models import FilmPage

    if raw or created:
        return
    for film in FilmPage.objects.filter(credits__person=instance).distinct():
        index.insert_or_update_object(film)


def connect() -> None:
    from programme.models import Person

    page_published.connect(reindex_published_page, dispatch_uid="search.reindex_published_page")
    post_save.connect(
        reindex_films_of_person, sender=Person, dispatch_uid="search.reindex_films_of_person"
    )
