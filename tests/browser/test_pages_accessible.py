"""Given each page of the foundation, when it is opened in Chromium, then it passes page quality and axe."""

import pytest
from django.http import HttpRequest
from django.test import override_settings
from django.urls import include, path
from django_otp.oath import totp

from sendboard.accounts.access import public
from sendboard.accounts.roles import Role
from tests.browser.conftest import check_current_page, visit_and_check
from tests.factories import TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/request-an-assessment/",
    "/sendiass/",
    "/feedback/",
    "/accessibility/",
    "/cookies/",
    "/account/sign-in/",
    "/account/password-reset/",
    "/account/password-reset/sent/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_signed_out(page, url):
    visit_and_check(page, url)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_signed_in(page, browser_sign_in, url):
    browser_sign_in(Role.AREA_LEADER)
    visit_and_check(page, url)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.ADMINISTRATOR, "/home/"),
        (Role.ACTION_OWNER, "/home/"),
        (Role.ADMINISTRATOR, "/non-working-days/"),
        (Role.ADMINISTRATOR, "/account/organisations/"),
        (Role.ADMINISTRATOR, "/audit/"),
        (Role.CASEWORKER, "/reminders/"),
        (Role.ADMINISTRATOR, "/reminders/sending/"),
    ],
)
def test_staff_pages(page, browser_sign_in, role, url):
    browser_sign_in(role)
    visit_and_check(page, url)


def test_the_phone_width_check_fails_on_a_page_wider_than_a_phone(page):
    from tests.browser.conftest import assert_fits_a_phone

    page.goto("/")
    # Set through the style object, which a Content-Security-Policy allows, not as an inline style attribute.
    page.evaluate(
        "const wide = document.createElement('div'); wide.textContent = 'wide'; wide.style.width = '600px';"
        " document.querySelector('main').appendChild(wide)"
    )
    with pytest.raises(AssertionError, match="px wide on a 375 px phone screen"):
        assert_fits_a_phone(page)


def test_error_pages(page, browser_sign_in):
    visit_and_check(page, "/no-such-page/", status=404)
    browser_sign_in(Role.ACTION_OWNER)
    visit_and_check(page, "/audit/", status=403)


def test_an_invalid_password_reset_link(page):
    visit_and_check(page, "/account/password-reset/MQ/not-a-token/")


def test_two_factor_pages(page, browser_sign_in):
    user = browser_sign_in(Role.CASEWORKER, verified=False)
    visit_and_check(page, "/account/two-factor/set-up/")
    TOTPDeviceFactory(user=user)
    visit_and_check(page, "/account/two-factor/")


def test_forms_with_errors_stay_accessible_and_move_focus_to_the_summary(page, browser_sign_in):
    page.goto("/account/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Sign in")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    check_current_page(page)

    browser_sign_in(Role.ADMINISTRATOR)
    page.goto("/non-working-days/")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add non-working day").click()
    page.wait_for_load_state()
    assert page.get_by_label("Day").input_value() == "31"
    check_current_page(page)
    page.get_by_role("link", name="The date must be a real date").click()
    assert page.evaluate("document.activeElement.id") == "id_date_day"


def _fail_to_sign_in(page, username: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_locked_out_user_sees_an_accessible_page(page, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _fail_to_sign_in(page, user.username)
    assert page.title().startswith("Your account is locked")
    check_current_page(page)


def test_an_address_held_back_sees_an_accessible_page(page, settings):
    settings.SENDBOARD_SIGN_IN_ADDRESS_FAILURE_LIMIT = 3
    for number in range(4):
        _fail_to_sign_in(page, f"guess-{number}")
    assert page.title().startswith("Too many failed sign-ins from your network")
    check_current_page(page)


def test_replacing_an_authenticator_app(page, browser_sign_in):
    browser_sign_in(Role.CASEWORKER)
    visit_and_check(page, "/account/two-factor/set-up/")
    assert page.get_by_text("This replaces the authenticator app you set up before").is_visible()


def test_a_newcomer_signs_in_with_a_password(page):
    """The one browser test that types a password and a code: the sign-in journey itself."""
    user = UserFactory(role=Role.AREA_LEADER)
    device = TOTPDeviceFactory(user=user)
    page.goto("/")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/?next=*")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{code:06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your work"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
    assert page.get_by_role("link", name="Sign in").is_visible()


@public
def _broken(request: HttpRequest):
    raise RuntimeError("a deliberate failure for the 500 page test")


urlpatterns = [path("broken/", _broken), path("", include("sendboard.config.urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page(page):
    visit_and_check(page, "/broken/", status=500)
