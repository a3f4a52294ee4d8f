"""The read-only JSON API: Wagtail's API v2 for pages, images and documents, plus shows.

- ``endpoints``: the viewsets (Wagtail's, hardened against bad input, and occurrences)
- ``filters``: the occurrences endpoint's query parameters, parsed once, 400 on bad values
- ``fields``: what a show, a film's credits, a price table… look like in JSON;
  the page models' ``api_fields`` and the blocks' ``get_api_representation`` use them,
  so it imports no models (nor does ``visibility``)
- ``visibility``: what an anonymous reader may see (live, not private), decided per request
- ``openapi``: the OpenAPI 3 description of the endpoints we define
- ``urls``: the router, mounted by a host site at ``api/v2/`` (see the module)

Importing the package imports none of them.
"""
