"""The plugin assumes nothing about its host: groups, tree, demo content and the cache."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site

from programme import checks
from programme.models import ArticleIndexPage, FilmIndexPage, WhatsOnPage
from tests.factories import home_page

pytestmark = pytest.mark.django_db

MIDDLEWARE_WITH_CACHE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    checks.CACHE_MIDDLEWARE,
]
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SHARED = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}


def programme_permissions(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(
        group.permissions.filter(content_type__app_label="programme").values_list(
            "codename", flat=True
        )
    )


def test_migrations_leave_the_hosts_groups_alone():
    assert programme_permissions("Editors") == set()
    assert programme_permissions("Moderators") == set()


def test_setup_programme_groups_grants_snippet_permissions_once():
    out = io.StringIO()
    call_command("setup_programme_groups", stdout=out)
    call_command("setup_programme_groups", stdout=out)

    editors = programme_permissions("Editors")
    assert {"add_screening", "change_screening", "view_pricetable"} <= editors
    assert "delete_screening" not in editors
    assert "delete_screening" in programme_permissions("Moderators")
    assert Group.objects.filter(name="Editors").count() == 1
    assert "Editors: 18 programme permissions" in out.getvalue()


def test_setup_programme_groups_can_name_the_sites_own_group():
    call_command("setup_programme_groups", "--group", "Programmers", stdout=io.StringIO())

    assert "change_screening" in programme_permissions("Programmers")
    assert programme_permissions("Editors") == set()


@override_settings(PROGRAMME_PARENT_PAGE_TYPES={})
def test_top_level_pages_go_under_any_page_by_default():
    for model in (WhatsOnPage, ArticleIndexPage, FilmIndexPage):
        assert Page in model.clean_parent_page_models()
        assert model in Page.clean_subpage_models()


@override_settings(PROGRAMME_PARENT_PAGE_TYPES={"WhatsOnPage": ["programme.FilmIndexPage"]})
def test_a_site_narrows_where_top_level_pages_go():
    assert WhatsOnPage.clean_parent_page_models() == [FilmIndexPage]
    assert Page in ArticleIndexPage.clean_parent_page_models()


@override_settings(PROGRAMME_PARENT_PAGE_TYPES={"WhatsOnPage": ["nosuchapp.HomePage"]})
def test_a_mistyped_parent_type_is_a_system_check_error():
    errors = [error.id for error in WhatsOnPage.check()]
    assert "wagtailcore.E002" in errors


def test_demo_content_leaves_the_hosts_site_and_home_page_alone():
    site = Site.objects.get(is_default_site=True)
    home = home_page()
    site_name, home_title, home_revision = site.site_name, home.title, home.latest_revision_id

    call_command("load_demo", stdout=io.StringIO())

    site.refresh_from_db()
    home.refresh_from_db()
    assert (site.site_name, home.title) == (site_name, home_title)
    assert home.latest_revision_id == home_revision
    assert FilmIndexPage.objects.child_of(home).live().exists()

    call_command("load_demo", "--set-site-name", stdout=io.StringIO())

    site.refresh_from_db()
    home.refresh_from_db()
    assert site.site_name == home.title == "Northlight Cinemas"


@override_settings(PROGRAMME_PAGE_CACHE=False, MIDDLEWARE=[], CACHES=LOCMEM)
def test_the_page_cache_is_opt_in_and_off_by_default():
    from django.conf import settings

    del settings.PROGRAMME_PAGE_CACHE
    from programme import conf

    assert conf.page_cache_enabled() is False
    assert checks.check_page_cache(None) == []


@override_settings(PROGRAMME_PAGE_CACHE=True, MIDDLEWARE=MIDDLEWARE_WITH_CACHE, CACHES=SHARED)
def test_a_shared_cache_with_the_middleware_passes_the_check():
    assert checks.check_page_cache(None) == []


@override_settings(PROGRAMME_PAGE_CACHE=True, MIDDLEWARE=MIDDLEWARE_WITH_CACHE, CACHES=LOCMEM)
def test_a_per_process_cache_is_warned_about():
    assert [warning.id for warning in checks.check_page_cache(None)] == ["programme.W002"]


@override_settings(PROGRAMME_PAGE_CACHE=True, MIDDLEWARE=[], CACHES=SHARED)
def test_turning_the_cache_on_without_its_middleware_is_warned_about():
    assert [warning.id for warning in checks.check_page_cache(None)] == ["programme.W001"]


# A host's base.html as `wagtail start` writes it: no block of ours, no head tags.
WAGTAIL_START_BASE = """{% load static wagtailcore_tags wagtailuserbar %}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{% block title %}{{ page.title }}{% endblock %}</title>
{% block extra_css %}{% endblock %}</head>
<body class="{% block body_class %}{% endblock %}">{% block content %}{% endblock %}
{% block extra_js %}{% endblock %}</body></html>"""


@pytest.fixture
def wagtail_start_templates(tmp_path, settings):
    (tmp_path / "base.html").write_text(WAGTAIL_START_BASE)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path]},
    ]
    settings.PROGRAMME_PAGE_CACHE = False
    return tmp_path


def test_a_plain_host_base_template_gets_the_head_tags_once(client, wagtail_start_templates):
    from tests.factories import FilmPageFactory, ScreeningFactory

    film = FilmPageFactory(title="Host Film")
    ScreeningFactory(film=film)

    html = client.get(film.url).content.decode()

    head = html[: html.index("</head>")]
    assert head.count('<link rel="canonical"') == 1
    assert head.count('<script type="application/ld+json">') == 1
    assert '"@type":"Movie"' in head
    assert '<meta property="og:type" content="video.movie">' in head
    assert "programme/css/programme.css" in head
    assert '<div class="programme">' in html
    assert 'class="breadcrumbs"' in html


def test_a_host_base_that_adds_the_head_tag_itself_still_gets_each_tag_once(
    client, wagtail_start_templates
):
    from tests.factories import FilmPageFactory

    base = WAGTAIL_START_BASE.replace("{% load static", "{% load programme_tags static").replace(
        "<title>", "{% programme_head %}<title>"
    )
    (wagtail_start_templates / "base.html").write_text(base)
    film = FilmPageFactory(title="Host Film")

    head = client.get(film.url).content.decode().split("</head>")[0]

    assert head.count('<link rel="canonical"') == 1
    assert head.count("application/ld+json") == 1
