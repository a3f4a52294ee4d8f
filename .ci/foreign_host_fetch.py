"""Fetch the foreign host's programme pages over HTTP and check what a reader and a crawler get."""

import datetime
import json
import re
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
GERMAN = "--german" in sys.argv[2:]
# The show is two days ahead: this week's listing has it.
WEEK = f"/whats-on/?week={datetime.date.today().isoformat()}"


def get(path: str, *, wait: bool = False) -> tuple[int, str, str]:
    deadline = time.monotonic() + (30 if wait else 0)
    while True:
        try:
            with urllib.request.urlopen(BASE + path, timeout=30) as response:  # noqa: S310
                return response.status, response.headers["Content-Type"], response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def json_ld_types(html: str) -> set[str]:
    types = set()
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        for item in json.loads(block):
            types.add(item.get("@type"))
    return types


failures = []


def check(
    path: str,
    *,
    content_type: str = "text/html",
    json_ld: set[str] = frozenset(),
    contains: tuple[str, ...] = (),
    wait: bool = False,
) -> str:
    status, got_type, body = get(path, wait=wait)
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    if content_type not in (got_type or ""):
        problems.append(f"Content-Type {got_type!r}")
    missing_types = json_ld - json_ld_types(body) if status == 200 and json_ld else set()
    if missing_types:
        problems.append(f"no JSON-LD {sorted(missing_types)}")
    problems += [f"no {text!r}" for text in contains if text not in body]
    print(f"{'ok  ' if not problems else 'FAIL'} {path} {'; '.join(problems)}")
    if problems:
        failures.append(path)
    return body


if GERMAN:
    # The same site after `LANGUAGE_CODE = "de"`: German words, dates and euro amounts.
    check("/films/a-film/", wait=True, contains=("Regie", "Länge", "Ana Example"))
    check("/venues/filmhaus-example/", contains=("9,50\u00a0€",))
    check(WEEK, contains=("Alle Spielstätten", "A Film in a Foreign Host"))
else:
    film = check(
        "/films/a-film/",
        wait=True,
        json_ld={"Movie", "BreadcrumbList", "ScreeningEvent"},
        contains=(
            'rel="canonical"',
            'property="og:type" content="video.movie"',
            "programme/css/programme.css",
            "Ana Example",
            "19:30",
        ),
    )
    check("/venues/filmhaus-example/", json_ld={"MovieTheater"}, contains=("Saal 1",))
    check("/seasons/autumn/", json_ld={"EventSeries"}, contains=("A Film in a Foreign Host",))
    check(WEEK, contains=("A Film in a Foreign Host", "Filmhaus Example"))
    person_links = re.findall(r'href="([^"]*/ana-example/)"', film)
    if not person_links:
        print("FAIL the film page links no person page")
        failures.append("person link")
    else:
        check(person_links[0], contains=("Ana Example", "A Film in a Foreign Host"))
    # The film's feed, and one show's "add to calendar" file, are routes of its page.
    check("/films/a-film/calendar/", content_type="text/calendar", contains=("BEGIN:VEVENT",))
    show_links = re.findall(r'href="(/films/a-film/calendar/\d+/)"', film)
    if not show_links:
        print("FAIL the film page links no show's calendar file")
        failures.append("show calendar link")
    else:
        check(show_links[0], content_type="text/calendar", contains=("BEGIN:VEVENT",))
    check("/whats-on/calendar/", content_type="text/calendar", contains=("BEGIN:VEVENT",))
    check("/api/v2/occurrences/?limit=5", content_type="application/json")

if failures:
    sys.exit(f"{len(failures)} check(s) failed")
