"""Calendar feeds as sub-URLs of the pages whose shows they carry.

``calendar/`` on a film, venue or season page is that page's subscribable
feed; ``calendar/<show id>/`` on a film page is one show's "add to calendar"
file. Wagtail serves them like the page itself (live pages only, with the
page's view restrictions and cache tags), so no ``urls.py`` change is needed.

Wagtail's page URLs are slash-terminated words (``[\\w-]+/``, no dots), so the
feeds are ``calendar/``, not ``calendar.ics``; calendar apps go by the
``text/calendar`` content type and the ``.ics`` file name in the response.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .. import calendar


class CalendarFeedMixin(RoutablePageMixin):
    """A page with an iCalendar feed of its shows at ``calendar/``."""

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        return calendar.page_feed(request, self)

    def calendar_shows(self):
        """The public shows this page's feed carries (an ``Occurrence`` queryset)."""
        raise NotImplementedError

    @property
    def calendar_url(self) -> str:
        """The feed's URL, relative like ``page.url``; "" when the page has none."""
        url = self.url
        return url + self.reverse_subpage("calendar") if url else ""

    def get_cached_paths(self) -> list[str]:
        # A configured CDN keeps the feed as long as the page: purge them together.
        return [*super().get_cached_paths(), "/" + self.reverse_subpage("calendar")]
