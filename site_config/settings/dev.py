"""Local development and the README's demo server.

The demo (``bin/serve``) runs with DJANGO_DEBUG=0 so that it exercises the same
hashed, compressed static files and error pages as production, over plain HTTP
on 127.0.0.1.
"""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SERVE_MEDIA_FILES = True
