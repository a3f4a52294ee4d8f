"""Test settings: fast hashing, in-memory email and cache, no manifest lookups."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, STORAGES

# The example extension app (an event page hosting screenings), tested by
# tests/test_extension.py; it uses only the documented extension points.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.extension_app"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        # django-tasks 0.7 (Wagtail 7.0) otherwise waits for the transaction to commit,
        # which a test's never does: reference index updates would not run. Later
        # versions (Wagtail 8) have no such option and ignore it.
        "ENQUEUE_ON_COMMIT": False,
    }
}
# Serve static files from the finders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
