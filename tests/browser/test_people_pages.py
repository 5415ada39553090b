"""Given each page of people and organisations, when it is opened in Chromium (and each form submitted empty or
wrong), then it passes page quality and axe."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from sendboard.accounts import services
from sendboard.accounts.roles import Role
from tests.browser.conftest import check_current_page, visit_and_check
from tests.casework.helpers import make_case
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(browser_sign_in):
    admin = browser_sign_in(Role.ADMINISTRATOR)
    person = UserFactory(
        role=Role.CASEWORKER, additional_roles=[Role.LOCAL_OFFER_OFFICER], first_name="Cass", last_name="Worker"
    )
    gone = UserFactory(role=Role.ANALYST, is_active=False)
    make_case(caseworker=person)  # the deactivation page warns that they hold a case
    services.invitation_create(
        user=admin,
        first_name="Jo",
        last_name="Bloggs",
        email="jo@example.org",
        organisation=person.organisation,
        role=Role.ANALYST,
        site="http://testserver/",
    )
    return {
        "admin": admin,
        "person": person,
        "gone": gone,
        "organisation": OrganisationFactory(name="Riverside Primary"),
    }


def _pages(people) -> list[str]:
    person, gone = people["person"], people["gone"]
    return [
        reverse("accounts:people"),
        reverse("accounts:people") + "?status=all&role=local_offer_officer",
        reverse("accounts:invite"),
        reverse("accounts:invitations"),
        reverse("accounts:person", args=[person.pk]),
        reverse("accounts:person", args=[people["admin"].pk]),
        reverse("accounts:person-change", args=[person.pk]),
        reverse("accounts:person-deactivate", args=[person.pk]),
        reverse("accounts:person-two-factor-reset", args=[person.pk]),
        reverse("accounts:person-reactivate", args=[gone.pk]),
        reverse("accounts:organisations"),
        reverse("accounts:organisation-add"),
        reverse("accounts:organisation-change", args=[people["organisation"].pk]),
    ]


def test_every_people_page_passes_the_checks(page, people):
    for address in _pages(people):
        visit_and_check(page, address)


@pytest.mark.parametrize(
    ("name", "button"),
    [
        ("accounts:people", "Search"),
        ("accounts:invite", "Send invitation"),
        ("accounts:organisation-add", "Add organisation"),
        ("accounts:person-two-factor-reset", "Reset two-factor sign-in"),
    ],
)
def test_people_forms_with_errors_pass_the_checks(page, people, name, button):
    address = reverse(name, args=[people["person"].pk]) if "person" in name else reverse(name)
    visit_and_check(page, address)
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    assert page.title().startswith("Error: ")
    check_current_page(page)


def test_a_link_that_does_not_work_passes_the_checks(page):
    visit_and_check(page, reverse("accounts:invitation-open") + "?token=not-a-real-link")


def test_the_set_password_form_with_errors_passes_the_checks(page, people):
    page.context.clear_cookies()  # the invitee, not the administrator
    link = re.search(r"http://testserver(/account/invitation/\?token=\S+)", mail.outbox[-1].body).group(1)
    visit_and_check(page, link)
    page.get_by_label("Create a password").fill("short")
    with page.expect_navigation():
        page.get_by_role("button", name="Set password and continue").click()
    assert page.title().startswith("Error: ")
    check_current_page(page)


def test_search_results_pass_the_checks(page, people):
    visit_and_check(page, reverse("accounts:people"))
    page.get_by_label("Find a person").fill("Cass")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert page.get_by_text("1 person matches").is_visible()
    check_current_page(page)
