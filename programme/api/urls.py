"""The API's URLs; a host site mounts them with ``path("api/v2/", include("programme.api.urls"))``.

Endpoints live in Wagtail's ``wagtailapi`` namespace, as Wagtail's router
expects (``wagtailapi:occurrences:listing``, ``wagtailapi:pages:detail``).
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from .endpoints import (
    DocumentsEndpoint,
    ImagesEndpoint,
    OccurrencesEndpoint,
    OpenAPIView,
    PagesEndpoint,
)

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
api_router.register_endpoint("occurrences", OccurrencesEndpoint)

urlpatterns = [
    path("openapi.json", OpenAPIView.as_view(), name="programme-api-openapi"),
    path("", api_router.urls),
]
