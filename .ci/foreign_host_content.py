# Run with `manage.py shell < .ci/foreign_host_content.py` in a fresh `wagtail start`
# site: build a small programme under its home page with the plugin's own models,
# the way an editor would in the admin (publish every page, save every snippet).
import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from programme import models as m

home = Site.objects.get(is_default_site=True).root_page.specific


def child(parent, page):
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if existing:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


films = child(home, m.FilmIndexPage(title="Films", slug="films"))
venues = child(home, m.VenueIndexPage(title="Venues", slug="venues"))
seasons = child(home, m.SeasonIndexPage(title="Seasons", slug="seasons"))
whats_on = child(home, m.WhatsOnPage(title="What's on", slug="whats-on"))
if hasattr(m, "PeopleIndexPage"):
    child(home, m.PeopleIndexPage(title="People", slug="people"))

director, _ = m.Person.objects.get_or_create(
    slug="ana-example", defaults={"name": "Ana Example", "sort_name": "Example, Ana"}
)
prices, _ = m.PriceTable.objects.get_or_create(name="Standard", defaults={"currency": "EUR"})
prices.rows = [m.PriceRow(label="Full price", amount=Decimal("9.50"))]
prices.save()

venue = m.VenuePage(
    title="Filmhaus Example",
    slug="filmhaus-example",
    locality="Wiesbaden",
    country="DE",
    time_zone="Europe/Berlin",
    default_price_table=prices,
)
venue.screens = [m.Screen(name="Saal 1", capacity=120)]
venue = child(venues, venue)

film = m.FilmPage(title="A Film in a Foreign Host", slug="a-film", year=2024, runtime_minutes=95)
film.credits = [m.FilmCredit(role="director", person=director)]
film = child(films, film)

season = m.SeasonPage(title="Autumn Season", slug="autumn")
season = child(seasons, season)

screening = m.Screening.objects.filter(external_id="foreign-host-1").first() or m.Screening(
    external_id="foreign-host-1"
)
screening.film = film
screening.venue = venue
screening.screen = venue.screens.first()
screening.first_date = timezone.localdate() + datetime.timedelta(days=2)
screening.show_times = "19:30"
screening.full_clean(exclude=["seasons", "access_flags", "programme_films"])
screening.seasons = [season]
screening.save()
print("Shows stored:", m.Occurrence.objects.filter(screening=screening).count())
