from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse


def robots_txt(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
