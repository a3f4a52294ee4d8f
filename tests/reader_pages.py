"""The reader-facing page types of the demo site (``manage.py load_demo``), one URL each.

Shared by the accessibility tests (tests/browser/test_accessibility.py) and the HTML
validity test (tests/test_html_validity.py), which run them against ``gunicorn_server``.
"""

import datetime
from typing import NamedTuple


class ReaderPage(NamedTuple):
    id: str  # names the test and the screenshot
    path: str
    status: int = 200


READER_PAGES = [
    ReaderPage("home", "/"),
    ReaderPage("whats-on-today", "/whats-on/"),
    ReaderPage("whats-on-week", f"/whats-on/?week={datetime.date.today():%Y-%m-%d}"),
    ReaderPage("film-index", "/films/"),
    ReaderPage("film-the-red-soul", "/films/the-red-soul/"),
    ReaderPage("film-dear-comrades", "/films/dear-comrades/"),
    ReaderPage("venue-index", "/venues/"),
    ReaderPage("venue-museum-of-the-moving-image", "/venues/museum-of-the-moving-image/"),
    ReaderPage("venue-riverside-picture-house", "/venues/riverside-picture-house/"),
    ReaderPage("season-index", "/seasons/"),
    ReaderPage("season-putins-russia", "/seasons/putins-russia/"),
    ReaderPage("season-autumn-frames", "/seasons/autumn-frames/"),
    ReaderPage("person-jessica-gorter", "/people/jessica-gorter/"),
    ReaderPage("person-andrei-konchalovsky", "/people/andrei-konchalovsky/"),
    ReaderPage("article-index", "/articles/"),
    # The demo article that load_demo publishes under /articles/.
    ReaderPage("article", "/articles/the-red-soul-back-in-queens/"),
    ReaderPage("search", "/search/?query=red"),
    ReaderPage("not-found", "/no-such-page/", status=404),
]
