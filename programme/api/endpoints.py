"""The API's endpoints: Wagtail's pages, images and documents, and the programme's shows.

Wagtail's viewsets are used as they are, with three changes every endpoint
shares (``ProgrammeEndpointMixin``): a private page, image or document is never
listed, whatever the request's session holds; a filter value is checked before
the ORM sees it, and a search query before the search backend does; and an
offset too large for any database is a 400. Everything answers GET, HEAD and
OPTIONS only: other methods are a 405.
"""

from django.db.models import Q
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from ..caching import depend_on, store
from ..models import Occurrence
from . import openapi
from .fields import OccurrenceSerializer
from .filters import (
    ID_PATTERN,
    BoundedPagination,
    OccurrenceFilter,
    SanitisedSearchFilter,
    ValidatedFieldsFilter,
    check_known,
    occurrence_parameters,
)
from .visibility import Visibility

HARDENED = {FieldsFilter: ValidatedFieldsFilter, SearchFilter: SanitisedSearchFilter}


def _hardened(backends: list) -> list:
    return [HARDENED.get(backend, backend) for backend in backends]


class CachedEndpointMixin:
    """Anonymous GETs are served from the page cache, renewed by any programme change."""

    def dispatch(self, request, *args, **kwargs):
        depend_on(request, store.PROGRAMME)
        return super().dispatch(request, *args, **kwargs)


class ProgrammeEndpointMixin(CachedEndpointMixin):
    pagination_class = BoundedPagination

    def find_object(self, queryset, request):
        # Wagtail hands ?id= to the ORM as it is: "abc" would be a 500.
        if "id" in request.GET and not ID_PATTERN.fullmatch(request.GET["id"]):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


class PagesEndpoint(ProgrammeEndpointMixin, PagesAPIViewSet):
    filter_backends = _hardened(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        # Wagtail lets a reader who unlocked a password-protected page in this
        # session see it in the API; a public API shows no private page at all.
        return super().get_base_queryset().public()


class PublicCollectionsMixin:
    """Images and documents of private collections are never listed, as pages are not."""

    def get_queryset(self):
        private = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        in_private_collection = Q()
        for path in private:
            in_private_collection |= Q(collection__path__startswith=path)
        queryset = super().get_queryset()
        return queryset.exclude(in_private_collection) if in_private_collection else queryset


class ImagesEndpoint(ProgrammeEndpointMixin, PublicCollectionsMixin, ImagesAPIViewSet):
    filter_backends = _hardened(ImagesAPIViewSet.filter_backends)


class DocumentsEndpoint(ProgrammeEndpointMixin, PublicCollectionsMixin, DocumentsAPIViewSet):
    filter_backends = _hardened(DocumentsAPIViewSet.filter_backends)


class OccurrencesEndpoint(CachedEndpointMixin, BaseAPIViewSet):
    """Shows of public films at public venues, filtered, ordered and paginated.

    Parameters are described once, in ``filters.occurrence_parameters``; each
    item is an ``OccurrenceSerializer``. A listing costs the same number of
    queries whatever its length.
    """

    name = "occurrences"
    model = Occurrence
    pagination_class = BoundedPagination
    filter_backends = [OccurrenceFilter]

    def get_queryset(self):
        visibility = Visibility.for_request(self.request)
        return visibility.public_occurrences(Occurrence.objects.all()).for_api()

    def check_query_parameters(self, queryset):
        known = {parameter.name for parameter in occurrence_parameters()}
        check_known(self.request.GET, known)

    def get_serializer_class(self):
        return OccurrenceSerializer

    @classmethod
    def get_urlpatterns(cls):
        # Listing and detail; Wagtail's find view looks objects up by fields shows do not have.
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in {"listing", "detail"}
        ]


class OpenAPIView(APIView):
    """The OpenAPI 3 description of the occurrences endpoint and the page listing."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response(openapi.build_schema(request))
