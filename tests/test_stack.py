"""The real serving stack over plain HTTP: gunicorn, whitenoise, security headers."""

import json
import re
import urllib.error
import urllib.request

HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.\w+$")
ONE_YEAR = 365 * 24 * 60 * 60


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def hashed_static_path(server):
    """A hashed static URL path: from the home page's markup if it links one, else the manifest."""
    status, _, body = fetch(f"{server}/")
    if status != 200:
        body = b""
    linked = re.findall(rb"""["'](/static/[^"'?#]+)["']""", body)
    hashed = [path.decode() for path in linked if HASHED_NAME.search(path.decode())]
    if hashed:
        return hashed[0]
    manifest = json.loads((server.static_root / "staticfiles.json").read_text())
    css = sorted(name for name in manifest["paths"].values() if name.endswith(".css"))
    return f"/static/{css[0]}"


def test_static_files_have_hashed_names_and_far_future_caching(gunicorn_server):
    path = hashed_static_path(gunicorn_server)
    assert HASHED_NAME.search(path), path

    status, headers, _ = fetch(f"{gunicorn_server}{path}", {"Accept-Encoding": "gzip"})

    assert status == 200
    max_age = re.search(r"max-age=(\d+)", headers.get("Cache-Control", ""))
    assert max_age, headers.get("Cache-Control")
    assert int(max_age.group(1)) >= ONE_YEAR
    assert "immutable" in headers["Cache-Control"]
    # CompressedManifestStaticFilesStorage pre-compresses; whitenoise serves that copy.
    assert headers.get("Content-Encoding") == "gzip"


def test_public_page_security_headers(gunicorn_server):
    status, headers, _ = fetch(f"{gunicorn_server}/")

    assert status == 200, gunicorn_server.log_tail()
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
