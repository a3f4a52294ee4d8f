"""First real-browser checks against the gunicorn-served site."""

import pytest


@pytest.mark.parametrize("width", [390, 1280])
def test_home_page_renders(gunicorn_server, page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(f"{gunicorn_server}/", wait_until="networkidle")

    assert response is not None
    assert response.status == 200, gunicorn_server.log_tail()
    assert page.locator("h1").count() >= 1
    assert page.locator("html").get_attribute("lang")
    screenshot(page, f"home-{width}")
    assert page.console_errors == []


def test_admin_login_reaches_dashboard(gunicorn_server, page, superuser):
    response = page.goto(f"{gunicorn_server}/admin/login/")
    assert response is not None
    assert response.status == 200

    page.fill("input[name=username]", superuser["username"])
    page.fill("input[name=password]", superuser["password"])
    page.click("form button[type=submit]")

    page.wait_for_url(f"{gunicorn_server}/admin/")
    assert page.locator(".w-dashboard").count() == 1
    assert page.locator("h1").first.is_visible()
