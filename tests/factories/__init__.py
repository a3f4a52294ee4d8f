"""Factories for every programme model; pages land under get-or-created index pages."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from programme import models


def home_page() -> Page:
    """The default Site's root page, whatever its type: the plugin assumes no home model."""
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


def _index(model, title: str, slug: str):
    home = home_page()
    existing = model.objects.child_of(home).first()
    if existing:
        return existing
    page = model(title=title, slug=slug)
    home.add_child(instance=page)
    return page


def film_index() -> models.FilmIndexPage:
    return _index(models.FilmIndexPage, "Films", "films")


def venue_index() -> models.VenueIndexPage:
    return _index(models.VenueIndexPage, "Venues", "venues")


def season_index() -> models.SeasonIndexPage:
    return _index(models.SeasonIndexPage, "Seasons", "seasons")


def whats_on_page() -> models.WhatsOnPage:
    """Its ``calendar/`` route is the whole programme's feed."""
    return _index(models.WhatsOnPage, "What’s on", "whats-on")


def people_index() -> models.PeopleIndexPage:
    """Person pages are its routes, ``/people/<slug>/``; without it people are not linked."""
    return _index(models.PeopleIndexPage, "People", "people")


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Still {n}")


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")

    class Meta:
        model = models.Person


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Company {n}")
    kind = "distributor"

    class Meta:
        model = models.Organisation


class PriceTableFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Prices {n}")
    currency = "GBP"

    class Meta:
        model = models.PriceTable
        skip_postgeneration_save = True

    @factory.post_generation
    def rows(self, create, extracted, **kwargs):
        rows = extracted if extracted is not None else [("Full price", Decimal("12.00"), "")]
        for position, (label, amount, conditions) in enumerate(rows):
            row = models.PriceRow(
                table=self,
                label=label,
                amount=Decimal(amount),
                conditions=conditions,
                sort_order=position,
            )
            if create:
                row.save()


class FilmPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Film {n}")
    parent = factory.LazyFunction(film_index)
    year = 2020
    runtime_minutes = 100

    class Meta:
        model = models.FilmPage


class VenuePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Venue {n}")
    parent = factory.LazyFunction(venue_index)
    locality = "London"
    country = "GB"
    time_zone = "Europe/London"

    class Meta:
        model = models.VenuePage


class ScreenFactory(DjangoModelFactory):
    venue = factory.SubFactory(VenuePageFactory)
    name = factory.Sequence(lambda n: f"Screen {n}")
    capacity = 120

    class Meta:
        model = models.Screen


class SeasonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Season {n}")
    parent = factory.LazyFunction(season_index)
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    class Meta:
        model = models.SeasonPage


class ScreeningFactory(DjangoModelFactory):
    film = factory.SubFactory(FilmPageFactory)
    venue = factory.SubFactory(VenuePageFactory)
    first_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1))
    show_times = "19:30"

    class Meta:
        model = models.Screening
        skip_postgeneration_save = True

    @factory.post_generation
    def seasons(self, create, extracted, **kwargs):
        if extracted:
            self.seasons.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def access_flags(self, create, extracted, **kwargs):
        if extracted:
            self.access_flags.set(models.AccessFlag.objects.filter(slug__in=extracted))
            if create:
                self.save()
