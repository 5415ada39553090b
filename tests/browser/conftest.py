"""Browser tests: headless Debian Chromium driven by Playwright, with axe-core (WCAG 2.2 AA) on every page.

Nothing is downloaded at run time: Chromium is Debian's (/usr/bin/chromium) and axe-core comes from the
pinned npm package. Users sign in by session cookie, never by typing a password.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from playwright.sync_api import Page, sync_playwright

from tests.factories import UserFactory
from tests.page_quality import assert_page_quality
from tests.sessions import force_login_verified

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


@pytest.fixture
def job_worker(settings):
    """Jobs asked for in the browser wait in the database, as in production, until the test runs the real job
    worker, ``manage.py db_worker --batch`` (in the test's process: an SQLite test database in memory cannot be
    shared with another process). Returns the function that runs it, which returns how many jobs it ran."""
    import signal

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    def run() -> int:
        before = DBTaskResult.objects.successful().count()
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        finally:
            for sig, handler in handlers.items():  # the worker sets its own; the test run keeps pytest's
                signal.signal(sig, handler)
        return DBTaskResult.objects.successful().count() - before

    return run


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
    """A page whose every Content-Security-Policy refusal (an inline script or style, say) fails the test."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    assert refused == [], f"the Content-Security-Policy refused something on a page: {refused}"


@pytest.fixture
def browser_sign_in(page, live_server):
    """Give the browser the session of a new user of ``role``, or of ``user`` (OTP-verified, as every account "
    "must be)."""

    def _sign_in(role: str | None = None, *, user=None, verified: bool = True, **user_fields):
        user = user or UserFactory(role=role, **user_fields)
        client = Client()
        if verified:
            force_login_verified(client, user)
        else:
            client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return user

    return _sign_in


def assert_accessible(page: Page) -> None:
    """axe-core, WCAG 2.2 AA and below, with zero violations."""
    # Evaluated through the browser's developer protocol, which the page's Content-Security-Policy does not
    # govern: a script tag added to the page would be an inline script, which the policy refuses.
    page.evaluate(AXE_SCRIPT.read_text())
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


# --- Journeys: a role's main job done from the start page by clicking, never by typing an address ---------
# Every step ends on a new page, checked as every page is: page quality, axe, and a phone's width for a public
# page. Links, buttons and fields are found by their accessible names, as a screen reader user finds them.


def check_page(page: Page) -> None:
    """The checks every page gets, on the page the journey has reached."""
    check_current_page(page)
    if is_public_page(urlsplit(page.url).path):
        assert_fits_a_phone(page)


def start(page: Page) -> None:
    """Open the start page: the only address a journey ever goes to."""
    page.set_default_timeout(10_000)  # a missing link fails the journey in seconds, not half a minute
    visit_and_check(page, "/")


def follow(page: Page, link: str, *, within: str = "main", exact: bool = True) -> None:
    """Click the link named ``link`` (in the main content, or in ``within``: a CSS selector) and check where it
    leads; ``exact=False`` for a link whose name goes on (a hidden "for <the row>", say)."""
    with page.expect_navigation():
        page.locator(within).get_by_role("link", name=link, exact=exact).click()
    check_page(page)


def go_to_section(page: Page, section: str) -> None:
    """Choose ``section`` in the header's service navigation."""
    follow(page, section, within=".govuk-service-navigation")


def press(page: Page, button: str) -> None:
    """Press the button named ``button`` (submitting its form) and check the page that comes back."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    check_page(page)


def fill_date(page: Page, legend: str, day: date) -> None:
    """Type a date into the GOV.UK date input whose legend is ``legend``."""
    group = page.get_by_role("group", name=legend)
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        group.get_by_label(part, exact=True).fill(str(value))


def heading(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def wait_for_job(page: Page, *, done: str) -> None:
    """After the job has run, come back to its page (by its refresh link, or as the page refreshes itself) until
    the text ``done`` shows."""
    refresh = page.locator("main").get_by_role("link", name=re.compile(r"^Refresh"))
    if refresh.count():
        with page.expect_navigation():
            refresh.first.click()
    page.get_by_text(done).first.wait_for()
    check_page(page)


def field(page: Page, label: str):
    """The form field labelled ``label`` (GOV.UK adds " (optional)" to the label of a field that may be left empty)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}(?: \(optional\))?\s*$"))


def choose(page: Page, label: str, option: str) -> None:
    """Choose the option ``option`` (or the first that starts with it) in the select box labelled ``label``."""
    select = field(page, label)
    options = [text.strip() for text in select.locator("option").all_text_contents()]
    select.select_option(
        label=option if option in options else next(text for text in options if text.startswith(option))
    )
