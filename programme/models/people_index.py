"""The people index: everyone credited, A to Z, and each person's page as one of its routes.

People are snippets, not pages (one record gathers every credit and is chosen in
many places), so their pages are sub-URLs of this page: a host puts it anywhere
in its tree and person links follow, with no ``urls.py`` change.

Links to a person are on every film page and card, so finding this page must
cost no query per link: its URL is remembered in the cache until a people index
is published, unpublished, moved or deleted, or a site changes
(``signal_handlers.forget_people_index_url``).
"""

from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import conf

URL_CACHE_KEY = "programme:people-index-url"


class PeopleIndexPage(RoutablePageMixin, Page):
    """Lists people by sort name; ``<slug>/`` is a person's page.

    One in the whole installation: ``Person.get_absolute_url`` has no request to
    choose between sites, and one address per person is what search engines want.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    subpage_types: list[str] = []
    max_count = 1
    template = "programme/pages/people_index_page.html"
    person_template = "programme/person_detail.html"
    #: People listed per page of the index.
    per_page = 100

    class Meta:
        verbose_name = _("people index page")

    @path("")
    def index_route(self, request, *args, **kwargs):
        from .people import Person

        people = Person.objects.order_by("sort_name", "name", "pk").only(
            "name", "sort_name", "slug"
        )
        page_of_people = Paginator(people, self.per_page).get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"people": page_of_people})

    @path("<str:slug>/", name="person")
    def person_view(self, request, slug: str):
        """A person's page: their films in our programme and their filmography."""
        from ..caching import depend_on, store
        from .films import FilmPage
        from .people import Person

        person = get_object_or_404(Person, slug=slug)
        depend_on(request, store.person_tag(person.pk))
        films = (
            FilmPage.objects.listable()
            .filter(credits__person=person)
            .distinct()
            .order_by("-year", "title")
        )
        credits = person.credits.filter(film__live=True).select_related("film")
        roles: dict[int, list[str]] = {}
        for credit in credits:
            roles.setdefault(credit.film_id, []).append(str(credit.role_display))
        return self.render(
            request,
            template=self.person_template,
            context_overrides={
                "person": person,
                "films": [(film, roles.get(film.pk, [])) for film in films],
                "filmography": person.filmography.select_related("film"),
            },
        )


def people_index_url() -> str:
    """The live people index's URL (relative, like ``page.url``), or "" when there is none."""
    cache = caches[conf.page_cache_alias()]
    url = cache.get(URL_CACHE_KEY)
    if url is None:
        index = PeopleIndexPage.objects.live().order_by("path").first()
        url = (index.url or "") if index is not None else ""
        cache.set(URL_CACHE_KEY, url, timeout=None)
    return url


def forget_people_index_url() -> None:
    """Now, and again on commit: a request in between may have remembered the old URL."""

    def forget():
        caches[conf.page_cache_alias()].delete(URL_CACHE_KEY)

    forget()
    transaction.on_commit(forget, robust=True)


def person_url(slug: str) -> str:
    """A person's page under the people index, or "" when the site has no people index."""
    base = people_index_url()
    if not base:
        return ""
    return base + PeopleIndexPage.get_resolver().reverse("person", slug=slug)
