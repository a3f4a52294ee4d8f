"""Optional, and only for sites that included it before: the old addresses, redirected.

Person pages and calendar feeds are now routes of the programme's own pages, so a
new site includes nothing from here. A site whose ``urls.py`` has
``path("", include("programme.urls"))`` may keep it (before ``wagtail.urls``) so that
links and calendar subscriptions to the old addresses answer with a permanent
redirect (301) to the new ones, or 404 when there is nothing there any more:

- ``people/<slug>/`` → the person's page under the people index
- ``programme/ics/show/<id>.ics`` → ``<film page>/calendar/<id>/``
- ``programme/ics/film|venue|season/<id or slug>.ics`` → ``<page>/calendar/``
- ``programme/ics/programme.ics`` → ``<what's on page>/calendar/``
"""

from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("people/<str:slug>/", views.person, name="person"),
    path("programme/ics/show/<int:pk>.ics", views.show_calendar, name="ics-show"),
    path("programme/ics/film/<str:key>.ics", views.film_calendar, name="ics-film"),
    path("programme/ics/venue/<str:key>.ics", views.venue_calendar, name="ics-venue"),
    path("programme/ics/season/<str:key>.ics", views.season_calendar, name="ics-season"),
    path("programme/ics/programme.ics", views.programme_calendar, name="ics-programme"),
]
