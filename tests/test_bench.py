"""The benchmark's programme builder, its command line and its report.

The builder runs once per module at a tiny scale inside the test database (twice
more to check determinism); the load measurements themselves (gunicorn, wrk)
are exercised by running ``bin/bench``, not here.
"""

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.models import Page, Site

from bench.__main__ import parse_args
from bench.build import (
    DEFAULT_SEED,
    SHOWCASE_ARTICLE_SCREENINGS,
    SHOWCASE_FILM_SHOWS,
    SHOWCASE_SEASON_FILMS,
    ProgrammeBuilder,
    Sizes,
)
from bench.environment import BenchPaths
from bench.report import markdown, targets
from bench.run import measure_pages_in_process, percentile, write_ceiling_files
from home.models import HomePage
from programme import models as m

SCALE = 0.005


def _build(seed: int = DEFAULT_SEED) -> dict:
    builder = ProgrammeBuilder(
        Sizes.for_scale(SCALE),
        seed=seed,
        today=timezone.localdate(),
        progress=False,
        renditions=False,
        log=lambda _message: None,
    )
    return builder.build()


def _signature() -> dict:
    """What must not change between two builds with one seed on one day."""
    return {
        "films": list(m.FilmPage.objects.order_by("path").values_list("title", "slug", "year")),
        "screenings": [
            (s.film.title, s.venue.title, s.first_date, s.show_times, str(s.recurrence))
            for s in m.Screening.objects.select_related("film", "venue").order_by("external_id")
        ],
        "shows": list(
            m.Occurrence.objects.order_by("screening__external_id", "start").values_list(
                "screening__external_id", "start"
            )
        ),
        "articles": list(m.ArticlePage.objects.order_by("path").values_list("title", flat=True)),
    }


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """One tiny build kept for the module, plus the signatures of two throwaway builds."""
    media = tmp_path_factory.mktemp("bench-media")
    with (
        override_settings(MEDIA_ROOT=str(media)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        signatures = {}
        for name, seed in [("first", DEFAULT_SEED), ("other_seed", DEFAULT_SEED + 1)]:
            with transaction.atomic():
                _build(seed)
                signatures[name] = _signature()
                transaction.set_rollback(True)
        manifest = _build()
        signatures["second"] = _signature()
        yield {"manifest": manifest, "signatures": signatures}
        transaction.set_rollback(True)


def test_default_sizes_are_the_issues_programme():
    sizes = Sizes.for_scale(1)
    assert sizes.as_dict() == {
        "films": 2000,
        "people": 300,
        "organisations": 30,
        "price_tables": 12,
        "venues": 40,
        "screens_per_venue": 2,
        "screens": 80,
        "seasons": 60,
        "screenings": 20000,
        "recurring": 2000,
        "articles": 500,
    }


def test_sizes_scale_with_floors_for_the_showcase():
    half = Sizes.for_scale(0.5)
    assert (half.films, half.screenings, half.recurring, half.articles) == (1000, 10000, 1000, 250)
    tiny = Sizes.for_scale(SCALE)
    assert tiny.films == SHOWCASE_SEASON_FILMS + 10
    assert tiny.screenings == 2 * SHOWCASE_SEASON_FILMS
    assert tiny.venues == 2
    for bad in (0, -1):
        with pytest.raises(ValueError, match="positive"):
            Sizes.for_scale(bad)


@pytest.mark.django_db
def test_build_stores_the_planned_counts(built):
    sizes = Sizes.for_scale(SCALE)
    assert m.FilmPage.objects.live().count() == sizes.films
    assert m.Person.objects.count() == sizes.people
    assert m.VenuePage.objects.live().count() == sizes.venues
    assert m.Screen.objects.count() == sizes.screens
    assert m.SeasonPage.objects.live().count() == sizes.seasons
    assert m.Screening.objects.count() == sizes.screenings
    assert m.Screening.objects.filter(recurrence__isnull=False).count() == sizes.recurring
    assert m.ArticlePage.objects.live().count() == sizes.articles
    assert m.Occurrence.objects.count() == built["manifest"]["counts"]["occurrences"] > 0


@pytest.mark.django_db
def test_stored_shows_are_exactly_what_regenerate_stores(built):
    for screening in m.Screening.objects.select_related("film", "venue"):
        assert m.Occurrence.objects.regenerate(screening) == (0, 0, 0), screening.external_id


@pytest.mark.django_db
def test_same_seed_same_programme_other_seed_another(built):
    signatures = built["signatures"]
    assert signatures["first"] == signatures["second"]
    assert signatures["first"]["films"] != signatures["other_seed"]["films"]


@pytest.mark.django_db
def test_page_tree_is_sound_and_rooted_at_the_home_page(built):
    assert not any(Page.find_problems())
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    children = {page.specific_class for page in home.get_children().live()}
    assert {
        m.FilmIndexPage,
        m.VenueIndexPage,
        m.SeasonIndexPage,
        m.ArticleIndexPage,
        m.WhatsOnPage,
    } <= children
    assert m.FilmPage.objects.filter(url_path__startswith=home.url_path + "films/").count() == (
        Sizes.for_scale(SCALE).films
    )


@pytest.mark.django_db
def test_showcase_objects_have_their_sizes(built):
    manifest = built["manifest"]
    film = m.FilmPage.objects.get(title=manifest["showcase"]["film"])
    upcoming = m.Occurrence.objects.public().upcoming().filter(screening__film=film)
    assert upcoming.count() >= 50
    assert SHOWCASE_FILM_SHOWS >= 50

    season = m.SeasonPage.objects.get(title=manifest["showcase"]["season"])
    assert len(season.films()) == SHOWCASE_SEASON_FILMS == 100
    assert season.get_children().count() == 2  # Its strands.

    article = m.ArticlePage.objects.get(title=manifest["showcase"]["article"])
    blocks = [block for block in article.body if block.block_type == "screening"]
    assert len(blocks) == SHOWCASE_ARTICLE_SCREENINGS == 5
    assert all(block.value["screening"] is not None for block in blocks)

    for venue in m.VenuePage.objects.all():
        assert venue.screens.count() == 2
        assert venue.default_price_table.rows.count() == 4


@pytest.mark.django_db
def test_manifest_pages_render(built, settings):
    settings.PROGRAMME_PAGE_CACHE = False
    pages = dict(built["manifest"]["pages"])
    try:
        resolve(pages["api_films"].split("?")[0])
    except Resolver404:
        del pages["api_films"]  # The JSON API is not wired into this site's URLs.
    figures = dict(measure_pages_in_process(pages, samples=1))
    for name, page in figures.items():
        assert page["status"] == 200, name
        assert page["queries"] > 0, name
        assert page["bytes"] > 1000, name


def test_command_line_rejects_bad_values(capsys, tmp_path):
    for argv, message in [
        (["--scale", "0"], "must be greater than zero"),
        (["--scale", "lots"], "is not a number"),
        (["--scale", "500"], "above the supported maximum"),
        (["--duration", "-5"], "must be greater than zero"),
        (["--pages", "home,nowhere"], "unknown page nowhere"),
        (["--skip-build", "--data-dir", str(tmp_path)], "no finished build"),
        (["--connections", "1", "--threads", "2", "--build-only"], "cannot exceed"),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            parse_args(argv)
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err


def test_ceiling_files_match_the_page_sizes(tmp_path):
    paths = BenchPaths(tmp_path)
    urls = write_ceiling_files(paths, {"home": 12345, "tiny": 10})
    assert urls["home"] == "/static/bench-ceiling/home.html"
    assert (paths.ceiling_dir / "home.html").stat().st_size == 12345
    assert (paths.ceiling_dir / "tiny.html").stat().st_size == 10


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.99) == 7.0


def _results(queries=9, render=20.0, warm_rps=600.0, static_rps=1000.0, search_p95=90.0):
    load = {
        "requests": 500,
        "seconds": 5.0,
        "p50_ms": 5.0,
        "p95_ms": 9.0,
        "p99_ms": 12.0,
        "errors": {"status": 0},
    }
    return {
        "meta": {
            "date": "2025-01-01 00:00 UTC",
            "commit": "abc1234",
            "cpu_count": 2,
            "scale": 1.0,
            "counts": {"films": 2000},
            "connections": 8,
            "threads": 2,
            "duration": 5,
            "workers": 5,
            "max_requests": 0,
            "note": "",
        },
        "pages": {
            "film": {
                "path": "/films/x/",
                "status": 200,
                "bytes": 5000,
                "queries": queries,
                "render_p50_ms": render,
                "cold": {**load, "rps": 50.0},
                "warm": {**load, "rps": warm_rps},
                "static": {**load, "rps": static_rps},
                "cache": "HIT",
            },
            "api_films": {"path": "/api/v2/pages/", "status": 404, "bytes": 0},
        },
        "search": {"queries": 10, "p50_ms": 40.0, "p95_ms": search_p95, "max_ms": 120.0},
        "build": {"seconds": 120.0, "phases": {"migrate": 20.0}},
        "regeneration": {
            "screenings": 2000,
            "unchanged_seconds": 3.0,
            "unchanged_changes": 0,
            "from_empty_seconds": 30.0,
            "delete_seconds": 4.0,
            "deleted": 120000,
            "created": 120000,
        },
    }


def test_targets_met_and_gaps_are_reported_with_the_measured_figure():
    assert all(target.met for target in targets(_results()))

    verdicts = {
        target.name: target.verdict
        for target in targets(_results(queries=31, render=95.0, warm_rps=200.0, search_p95=400.0))
    }
    assert verdicts["Queries per page"] == "gap: Film (≥ 50 upcoming shows) 31 queries"
    assert verdicts["Uncached render p50"] == "gap: Film (≥ 50 upcoming shows) 95 ms"
    assert verdicts["Warm throughput"] == "gap: Film (≥ 50 upcoming shows) 20%"
    assert verdicts["Search p95"] == "gap: 400 ms"
    assert verdicts["Build"] == "met"


def test_report_lists_every_page_and_unavailable_endpoints():
    text = markdown(_results())
    assert (
        "| Film (≥ 50 upcoming shows) `/films/x/` | 5,000 | 9 | 20.0 | 5.0 / 9.0 / 12.0 | 50 "
        "| 5.0 / 9.0 / 12.0 | 600 | HIT | 1000 | 60% |"
    ) in text
    assert "not available (404)" in text
    assert "- CPUs: 2" in text
    assert "no worker recycling" in text


def test_report_says_when_no_request_completed():
    results = _results()
    results["pages"]["film"]["cold"].update(requests=0, rps=0.0)
    assert "| no response in 5 s | – |" in markdown(results)
