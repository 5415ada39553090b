"""Journey: an administrator invites a person by e-mail; the invitee opens the link, sets a password, sets up an
authenticator app and signs in to their home page; the administrator then deactivates them, and the session
they are using ends at once. From the start page by clicking (the invitee from the e-mail's link), every page
checked with axe and the page checks."""

from __future__ import annotations

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import totp

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from tests.browser.conftest import check_page, field, follow, go_to_section, heading, press, start, visit_and_check
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "lantern-orchard-pebble-42"


def _code(secret: str, *, drift: int = 0) -> str:
    return f"{totp(base64.b32decode(secret), drift=drift):06d}"


def test_an_administrator_invites_a_person_who_signs_in_and_is_later_deactivated(
    page, browser, live_server, browser_sign_in
):
    # Given the administrator signed in, and the organisation the new person works for
    OrganisationFactory(name="Worcestershire Children First")
    browser_sign_in(
        user=UserFactory(role=Role.ADMINISTRATOR, username="demo.administrator", first_name="Dana", last_name="Admin")
    )

    # When they go from the start page to People and invite a caseworker who is also in the Local Offer team
    start(page)
    press(page, "Go to your work")
    go_to_section(page, "People")
    assert heading(page) == "People"
    press(page, "Invite a person")
    field(page, "First name").fill("Jo")
    field(page, "Last name").fill("Bloggs")
    field(page, "Email address").fill("jo.bloggs@example.org")
    page.get_by_label("Organisation").select_option(label="Worcestershire Children First")
    page.get_by_label("Main role").select_option(label="SEND caseworker")
    page.get_by_label("Local Offer team member").check()
    press(page, "Send invitation")

    # Then the invitation waits, and Jo has an e-mail with a link
    assert heading(page) == "Invitations waiting to be accepted"
    assert page.get_by_text("Invitation sent to jo.bloggs@example.org").is_visible()
    assert page.get_by_role("row", name=re.compile("Jo Bloggs")).get_by_text("Waiting").is_visible()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jo.bloggs@example.org"]
    link = re.search(r"https?://\S+/account/invitation/\?token=\S+", mail.outbox[0].body).group(0)

    # When Jo opens the link in their own browser, sets a password and sets up their authenticator app
    jo = browser.new_context(base_url=live_server.url).new_page()
    visit_and_check(jo, link)
    assert heading(jo) == "Set your password"
    assert "/invitation/accept/" in jo.url  # the token left the address bar
    field(jo, "Create a password").fill(PASSWORD)
    field(jo, "Type the password again").fill(PASSWORD)
    press(jo, "Set password and continue")
    assert heading(jo) == "Set up two-factor sign-in"
    secret = jo.locator(".sendboard-secret").inner_text().strip()
    field(jo, "Code from your authenticator app").fill(_code(secret))
    press(jo, "Confirm")
    assert heading(jo) == "Your work"

    # and signs out, then signs in from the start page with their password and a later code from the app
    press(jo, "Sign out")
    start(jo)
    press(jo, "Sign in")
    field(jo, "Username").fill("jo.bloggs@example.org")
    jo.get_by_role("textbox", name="Password").fill(PASSWORD)
    press(jo, "Sign in")
    field(jo, "Code from your authenticator app").fill(_code(secret, drift=1))
    press(jo, "Continue")

    # Then they land on their home page, as both their roles
    assert heading(jo) == "Your work"
    assert jo.get_by_text("SEND caseworker and Local Offer team member").is_visible()
    for section in ("Casework", "Local Offer"):
        assert jo.locator(".govuk-service-navigation").get_by_role("link", name=section, exact=True).is_visible()

    # When the administrator finds Jo among the people and deactivates the account
    go_to_section(page, "People")
    follow(page, "Jo Bloggs")
    follow(page, "Deactivate account")
    press(page, "Deactivate account")
    assert page.get_by_text("Jo Bloggs's account is deactivated").is_visible()

    # Then Jo's session has ended: their next click goes to the sign-in page
    with jo.expect_navigation():
        jo.locator(".govuk-service-navigation").get_by_role("link", name="Casework").click()
    check_page(jo)
    assert heading(jo) == "Sign in"
    assert not User.objects.get(username="jo.bloggs@example.org").is_active
    jo.context.close()
