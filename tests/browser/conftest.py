"""Browser tests: headless Debian Chromium driven by Playwright, with axe-core (WCAG 2.2 AA) on every page.

Nothing is downloaded at run time: Chromium is Debian's (/usr/bin/chromium) and axe-core comes from the
pinned npm package. Users sign in by session cookie, never by typing a password.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django_otp import DEVICE_ID_SESSION_KEY
from playwright.sync_api import Page, sync_playwright

from sendboard.accounts.roles import ROLES_SEEING_PERSONAL_DATA
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.page_quality import assert_page_quality

# Playwright's synchronous API runs an event loop in this thread; the ORM calls the tests make are still
# ordinary blocking calls, so Django's async-safety guard is lifted for browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SENDBOARD_CHROMIUM", "/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _job_pages_hold_still(settings):
    """Job pages refresh themselves while their job runs; not while axe reads them."""
    settings.SENDBOARD_JOB_REFRESH_SECONDS = 300


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_sign_in(page, live_server):
    """Give the browser the session of a new user of ``role`` (OTP-verified where the role needs it)."""

    def _sign_in(role: str, *, verified: bool = True, **user_fields):
        user = UserFactory(role=role, **user_fields)
        client = Client()
        client.force_login(user)
        if verified and role in ROLES_SEEING_PERSONAL_DATA:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = TOTPDeviceFactory(user=user).persistent_id
            session.save()
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
        )
        return user

    return _sign_in


def assert_accessible(page: Page) -> None:
    """axe-core, WCAG 2.2 AA and below, with zero violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], f"axe found accessibility violations on {page.url}:\n{json.dumps(violations, indent=2)}"


PHONE_WIDTH = 375


def is_public_page(path: str) -> bool:
    """Pages anyone may open without signing in (the view's declared access policy): the pages a phone user reaches."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    policy = getattr(match.func, "access_policy", None)
    return bool(policy and policy.public)


def assert_fits_a_phone(page: Page) -> None:
    """Nothing on the page is wider than a 375 px phone screen (no sideways scrolling)."""
    original = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 812})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        if original:
            page.set_viewport_size(original)
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide on a {PHONE_WIDTH} px phone screen"


def visit_and_check(page: Page, path: str, *, status: int = 200) -> None:
    """Open ``path``, and check its status, its page quality (served HTML) and its accessibility (live DOM);
    a public page must also fit a phone screen."""
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: status {response and response.status}"
    assert_page_quality(response.text(), where=path)
    assert_accessible(page)
    if status == 200 and is_public_page(path):
        assert_fits_a_phone(page)


def check_current_page(page: Page) -> None:
    """Page quality and accessibility of the page the browser is on now (after a form was submitted)."""
    # A click that submits a form returns once the new document has started; wait until it has loaded.
    page.wait_for_load_state("load")
    assert_page_quality(page.content(), where=page.url)
    assert_accessible(page)
