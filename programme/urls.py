from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import calendar_views, views

app_name = "programme"

urlpatterns = [
    path("people/<str:slug>/", views.person_detail, name="person"),
    # django-recurrence's admin widget translates its labels with this catalogue.
    path(
        "programme/jsi18n/",
        JavaScriptCatalog.as_view(packages=["recurrence"]),
        name="recurrence-jsi18n",
    ),
    # iCalendar: "add to calendar" for one show, and subscribable feeds.
    path("programme/ics/show/<int:pk>.ics", calendar_views.occurrence_ics, name="ics-show"),
    path("programme/ics/film/<str:key>.ics", calendar_views.film_feed, name="ics-film"),
    path("programme/ics/venue/<str:key>.ics", calendar_views.venue_feed, name="ics-venue"),
    path("programme/ics/season/<str:key>.ics", calendar_views.season_feed, name="ics-season"),
    path("programme/ics/programme.ics", calendar_views.programme_feed, name="ics-programme"),
]
