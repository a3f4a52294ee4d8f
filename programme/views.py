from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .caching import cache_public_response, depend_on, store
from .models import FilmPage, Person


@cache_public_response()
def person_detail(request, slug: str):
    person = get_object_or_404(Person, slug=slug)
    depend_on(request, store.person_tag(person.pk))
    films = (
        FilmPage.objects.live().filter(credits__person=person).distinct().order_by("-year", "title")
    )
    credits = person.credits.filter(film__live=True).select_related("film")
    roles: dict[int, list[str]] = {}
    for credit in credits:
        roles.setdefault(credit.film_id, []).append(str(credit.role_display))
    return TemplateResponse(
        request,
        "programme/person_detail.html",
        {
            "person": person,
            "films": [(film, roles.get(film.pk, [])) for film in films],
            "filmography": person.filmography.select_related("film"),
        },
    )
