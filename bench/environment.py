"""Where the benchmark keeps its files, and the environment Django and gunicorn run in.

One place for both, so the in-process measurements (query counts, regeneration,
search) and the gunicorn servers read the very same database, media and cache.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "bench" / ".data"

#: The settings bin/serve runs with: the benchmark measures the site as it is deployed.
SETTINGS_MODULE = "site_config.settings.dev"
#: Django's cache shared by every gunicorn worker, so a page cached by one serves all.
CACHE_BACKEND = "django.core.cache.backends.filebased.FileBasedCache"


@dataclass(frozen=True)
class BenchPaths:
    """The files of one benchmark data directory."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "programme.sqlite3"

    @property
    def manifest(self) -> Path:
        """Written last by a successful build: what was built and which URLs to measure."""
        return self.data_dir / "manifest.json"

    @property
    def static_root(self) -> Path:
        return self.data_dir / "static"

    @property
    def media_root(self) -> Path:
        return self.data_dir / "media"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def ceiling_dir(self) -> Path:
        """Static files of the same sizes as the pages: the whitenoise ceiling."""
        return self.static_root / "bench-ceiling"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    def remove_build(self) -> None:
        """Forget the last build: its database, images and cache (which holds renditions)."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        self.manifest.unlink(missing_ok=True)
        shutil.rmtree(self.media_root, ignore_errors=True)
        self.clear_cache()

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache_dir, ignore_errors=True)
        self.cache_dir.mkdir(parents=True, exist_ok=True)


def django_environment(paths: BenchPaths, *, page_cache: bool) -> dict[str, str]:
    """The variables that point Django at the bench's database, files and cache."""
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": paths.database_url(),
        "STATIC_ROOT": str(paths.static_root),
        "MEDIA_ROOT": str(paths.media_root),
        "CACHE_BACKEND": CACHE_BACKEND,
        "CACHE_LOCATION": str(paths.cache_dir),
        # "0" switches the page cache off: the cold measurements and every in-process one.
        "PROGRAMME_PAGE_CACHE": "1" if page_cache else "0",
        "LOG_LEVEL": "WARNING",
    }


def server_environment(paths: BenchPaths, *, page_cache: bool, bind: str) -> dict[str, str]:
    """The whole environment of a gunicorn server: this one, minus Django's and pytest's.

    GUNICORN_* variables pass through (``--workers`` sets GUNICORN_WORKERS), so the
    servers run with the repo's gunicorn config and whatever the caller adds to it.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_"))
    }
    env.update(django_environment(paths, page_cache=page_cache))
    env.update(
        GUNICORN_BIND=bind,
        WAGTAILADMIN_BASE_URL=f"http://{bind}",
        PYTHONUNBUFFERED="1",
    )
    return env
