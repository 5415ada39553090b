"""Journey: an administrator signs in through the sign-in page, with their authenticator app, and reads the audit
log for who opened a child's record. From the start page, by clicking and typing into forms only."""

from __future__ import annotations

from datetime import date

import pytest
from django_otp.oath import totp

from sendboard.accounts.roles import Role
from tests.browser.conftest import choose, field, go_to_section, heading, press, start
from tests.casework.helpers import make_case, team
from tests.factories import TEST_PASSWORD, TOTPDeviceFactory, UserFactory
from tests.page_quality import PageQualityClient
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db(transaction=True)


def audit_rows(page) -> list[tuple[str, str]]:
    """(event, user) of each row of the audit log, newest first."""
    rows = page.get_by_role("table", name="Audit events").locator("tbody tr")
    return [
        (row.locator("td").nth(1).inner_text().strip(), row.locator("td").nth(2).inner_text().strip())
        for row in rows.all()
    ]


def test_an_administrator_signs_in_and_reads_who_opened_a_childs_record(page):
    # Given a caseworker who opened a child's record, and an administrator with an authenticator app
    caseworker = UserFactory(role=Role.CASEWORKER, username="cass.worker")
    team(caseworker.organisation)
    child = make_case(received=date(2026, 1, 5), caseworker=caseworker)
    colleague = PageQualityClient()
    force_login_verified(colleague, caseworker)
    assert colleague.get(f"/casework/children/{child.public_id}/").status_code == 200
    administrator = UserFactory(role=Role.ADMINISTRATOR, username="alex.admin")
    device = TOTPDeviceFactory(user=administrator)

    # When the administrator signs in from the start page, with their password and a code from their app
    start(page)
    press(page, "Sign in")
    field(page, "Username").fill("alex.admin")
    page.get_by_role("textbox", name="Password").fill(TEST_PASSWORD)
    press(page, "Sign in")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    field(page, "Code from your authenticator app").fill(f"{code:06d}")
    press(page, "Continue")
    assert heading(page) == "Your work"

    # and opens the audit log
    go_to_section(page, "Audit log")
    assert heading(page) == "Audit log"

    # Then their own sign-in is the newest event
    assert audit_rows(page)[:2] == [("One-time password accepted", "alex.admin"), ("Signed in", "alex.admin")]

    # When they show only records viewed
    choose(page, "Show only", "Record viewed")
    press(page, "Apply filters")

    # Then the one row is the caseworker opening the child's record, named by an opaque id only
    assert audit_rows(page) == [("Record viewed", "cass.worker")]
    detail = page.get_by_role("table", name="Audit events").locator("tbody tr td").nth(4).inner_text()
    assert str(child.public_id) in detail and child.surname not in detail
