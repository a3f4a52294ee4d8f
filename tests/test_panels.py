"""The Screenings tab on film and venue edit forms."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import FilmPageFactory, ScreeningFactory, film_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_film_edit_form_lists_its_screenings(admin_client):
    screening = ScreeningFactory(
        first_date=datetime.date.today() + datetime.timedelta(days=2),
        show_times="18:15",
        status="sold_out",
    )
    other = ScreeningFactory()  # another film's screening stays off this tab
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[screening.film.pk])).content
    html = html.decode()
    tab = html[html.index('class="programme-screenings-panel"') :]
    edit_url = reverse(screening.snippet_viewset.get_url_name("edit"), args=[screening.pk])
    assert edit_url in tab
    assert "18:15" in tab and "Sold out" in tab
    assert other.venue.title not in tab


def test_venue_edit_form_lists_its_screenings(admin_client):
    screening = ScreeningFactory(show_times="21:00")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[screening.venue.pk]))
    html = html.content.decode()
    tab = html[html.index('class="programme-screenings-panel"') :]
    assert screening.film.title in tab and "21:00" in tab


def test_new_film_form_explains_screenings_come_after_saving(admin_client):
    index = film_index()
    url = reverse("wagtailadmin_pages:add", args=["programme", "filmpage", index.pk])
    html = admin_client.get(url).content.decode()
    assert "Save this page first" in html


def test_film_without_screenings_says_so(admin_client):
    film = FilmPageFactory()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[film.pk])).content.decode()
    assert "No screenings yet." in html
