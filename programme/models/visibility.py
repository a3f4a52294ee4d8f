"""What readers may see listed: the one rule every HTML listing follows.

A page is listed when it is live and no password or login restriction covers
it or any page above it. Unlike Wagtail's ``public()``, which reads every
restriction first (a query per listing), the check is a subquery of the
listing's own query. Shows follow the same rule through their film and venue
(``Occurrence.objects.public()``), and the API through ``api/visibility.py``.
"""

from django.db import models
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def inside_private_section(path_field: str = "path") -> models.Exists:
    """The page at ``path_field`` is, or is below, a page with a view restriction."""
    # A page path is its ancestors' paths plus its own step: compare the prefix.
    return models.Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(models.OuterRef(path_field), 1, Length("page__path"))
        )
    )


class ListablePageQuerySet(PageQuerySet):
    def listable(self):
        """Live pages that anyone may read: none behind a password or login, nor below one."""
        return self.live().exclude(inside_private_section())


ListablePageManager = PageManager.from_queryset(ListablePageQuerySet)
