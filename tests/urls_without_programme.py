"""A host's URLconf with nothing from ``programme`` but the documented API include.

The demo host's own search page stays: its base template links to it.
"""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", include("programme.api.urls")),
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
]
