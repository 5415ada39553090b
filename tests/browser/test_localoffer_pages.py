"""Given the Local Offer's pages, when each is opened in Chromium (public pages signed out and signed in,
forms also in their error state), then each passes page quality and axe (WCAG 2.2 AA), and the search works
with JavaScript turned off."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import Feedback, InformationPage, InformationTopic
from sendboard.localoffer.services import feedback_create, feedback_respond, service_change_submit, version_content
from tests.browser.conftest import check_current_page, visit_and_check
from tests.factories import UserFactory
from tests.localoffer.factories import DirectoryBuilder

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory():
    builder = DirectoryBuilder()
    builder.service("Speech therapy drop-in")
    builder.service("Saturday club", needs=("ASD",), free=False, postcode="WR14 2AB", latitude=52.112, longitude=-2.325)
    for n in range(21):
        builder.service(f"Playgroup {n:02d}", needs=("PD",), ages=(0, 5))
    InformationPage.objects.create(
        topic=InformationTopic.HEALTH,
        title="Health provision",
        summary="Health services.",
        body="One.\n\nTwo.",
        review_by="2099-01-01",
        updated_at="2026-11-01T10:00Z",
    )
    feedback_respond(
        user=builder.team_user,
        feedback=feedback_create(comment="c"),
        publish=True,
        you_said="The map was hard to read.",
        we_did="We added a list of addresses.",
    )
    return builder


def public_paths(directory) -> list[str]:
    service = directory.organisation.services.order_by("created_at").first()
    return [
        "/local-offer/",
        "/local-offer/services/",
        "/local-offer/services/?need=PD&age=3",
        "/local-offer/services/?need=PD&page=2",
        "/local-offer/services/?q=nothing+at+all&free=on",
        "/local-offer/services/?age=old&place=nowhere",
        f"/local-offer/services/{service.id}/",
        "/local-offer/information/health/",
        "/local-offer/feedback/",
        "/local-offer/feedback/sent/",
        "/local-offer/you-said-we-did/",
    ]


def test_public_pages_signed_out(page, directory):
    for path in public_paths(directory):
        visit_and_check(page, path)


def test_public_pages_signed_in(page, browser_sign_in, directory):
    browser_sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    for path in public_paths(directory):
        visit_and_check(page, path)


def submit(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_feedback_in_its_error_state(page, directory):
    visit_and_check(page, "/local-offer/feedback/")
    submit(page, "Send feedback")
    assert page.title().startswith("Error: ")
    check_current_page(page)


def test_the_search_works_without_javascript(browser, live_server, directory):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    no_js = context.new_page()
    no_js.goto("/local-offer/services/")
    no_js.get_by_label("Search for").fill("saturday")
    submit(no_js, "Apply filters")
    assert "1 service" in no_js.content() and "Saturday club" in no_js.content()
    no_js.get_by_role("link", name="Saturday club").click()
    assert no_js.locator("h1").inner_text() == "Saturday club"
    context.close()


def test_provider_pages_and_the_edit_form_error_state(page, browser_sign_in, directory):
    browser_sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    visit_and_check(page, "/local-offer/provider/")
    service = directory.organisation.services.order_by("created_at").first()
    visit_and_check(page, f"/local-offer/provider/services/{service.id}/edit/")
    page.get_by_label("Youngest age").fill("20")
    page.get_by_label("Oldest age").fill("3")
    submit(page, "Send for approval")
    assert page.title().startswith("Error: ")
    check_current_page(page)


def test_team_pages_and_their_error_states(page, browser_sign_in, directory):
    team = browser_sign_in(Role.LOCAL_OFFER_OFFICER)
    provider = UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner)
    service = directory.organisation.services.order_by("created_at").first()
    pending = service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    new_feedback = feedback_create(comment="The phone number for the Saturday club is wrong.")
    assert team and Feedback.objects.count() == 2
    for path in (
        "/local-offer/team/",
        "/local-offer/team/checklist/",
        "/local-offer/team/import/",
        "/local-offer/team/information/complaints/",
        "/local-offer/team/information/health/",
    ):
        visit_and_check(page, path)
    for path, button in (
        (f"/local-offer/team/changes/{pending.pk}/", "Record decision"),
        (f"/local-offer/team/feedback/{new_feedback.pk}/", "Save response"),
        ("/local-offer/team/information/complaints/", "Save and publish"),
        ("/local-offer/team/import/", "Check the file"),
    ):
        visit_and_check(page, path)
        submit(page, button)
        assert page.title().startswith("Error: "), path
        check_current_page(page)
