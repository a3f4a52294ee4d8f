from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import views

app_name = "programme"

urlpatterns = [
    path("people/<str:slug>/", views.person_detail, name="person"),
    # django-recurrence's admin widget translates its labels with this catalogue.
    path(
        "programme/jsi18n/",
        JavaScriptCatalog.as_view(packages=["recurrence"]),
        name="recurrence-jsi18n",
    ),
]
