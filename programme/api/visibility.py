"""What an anonymous API reader may see: live pages outside every private section.

The API never authenticates, so a page behind a password, a login or a group
restriction is private to it whatever the request's session holds, and so is
every page below it. Shows are public only when both their film and their
venue are. The restricted sections are read once per request and reused for
every check, so a listing costs one query for them whatever its length.

Imports no models (the API's fields use it, and page models use those): the
occurrences to narrow down are handed in.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction


class Visibility:
    """The private sections of the page tree, read once."""

    def __init__(self) -> None:
        self.private_paths: tuple[str, ...] = tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        )

    @classmethod
    def for_request(cls, request) -> Visibility:
        """One per request, created on first use and shared by filters and serializers."""
        if request is None:
            return cls()
        # REST framework wraps Django's request: keep one answer for both.
        request = getattr(request, "_request", request)
        visibility = getattr(request, "_programme_visibility", None)
        if visibility is None:
            visibility = cls()
            request._programme_visibility = visibility
        return visibility

    @classmethod
    def for_context(cls, context: dict) -> Visibility:
        """The request's, from a serializer's context (or one for the context alone)."""
        request = context.get("request")
        if request is not None:
            return cls.for_request(request)
        return context.setdefault("programme_visibility", cls())

    def shows(self, page: Page | None) -> bool:
        """Whether an anonymous reader may see this page."""
        return page is not None and page.live and not page.path.startswith(self.private_paths)

    def public_pages_q(self, prefix: str = "") -> Q:
        """A filter for live pages outside the private sections, on ``prefix`` (a relation)."""
        q = Q(**{f"{prefix}live": True})
        for path in self.private_paths:
            q &= ~Q(**{f"{prefix}path__startswith": path})
        return q

    def public_occurrences(self, occurrences: QuerySet) -> QuerySet:
        """Those of ``occurrences`` (an occurrence queryset) whose film and venue are public."""
        return occurrences.filter(
            self.public_pages_q("screening__film__"), self.public_pages_q("screening__venue__")
        )
