"""Journeys for reminders by e-mail, from the start page by clicking: a caseworker reads the reminders sent to
them and turns the daily digest off; an administrator finds an e-mail that was not sent and sends it again."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.core.jobs import JobState
from sendboard.reminders.models import DigestChoice, ReminderEmail
from sendboard.reminders.services import reminders_make
from tests.browser.conftest import check_page, follow, heading, press, start
from tests.reminders.helpers import Team, child, step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SENDBOARD_NOTIFY_API_KEY = ""


def due_words() -> str:
    due = timezone.localdate() + timedelta(days=21)
    return f"{due.day} {due:%B %Y}"


def a_reminder_for(person) -> None:
    today = timezone.localdate()
    step(of=child(caseworker=person), warning=today, due=today + timedelta(days=21))
    reminders_make(today=today)


def test_a_caseworker_reads_their_reminders_and_turns_the_digest_off(page, browser_sign_in):
    team = Team()
    caseworker = browser_sign_in(user=team.caseworker)
    a_reminder_for(caseworker)

    start(page)
    press(page, "Go to your work")
    follow(page, "Your e-mail reminders and the daily digest")
    assert heading(page) == "Your reminders"
    rows = page.get_by_role("table", name="E-mails sent to you, the newest first").locator("tbody tr")
    assert rows.count() == 1
    assert "Coming up: Final EHC plan issued" in rows.first.inner_text()

    page.get_by_label("No, do not send me the daily digest").check()
    press(page, "Save")
    assert page.locator("main p", has_text="daily digest.").first.inner_text() == "You do not get the daily digest."
    assert DigestChoice.objects.get(user=caseworker).wants_digest is False


def test_an_administrator_sends_a_failed_email_again(page, browser_sign_in, job_worker):
    browser_sign_in(Role.ADMINISTRATOR)
    team = Team()
    a_reminder_for(team.caseworker)
    ReminderEmail.objects.update(
        state=JobState.FAILED,
        error="The mail server could not be reached or refused the e-mail: it will be sent again tomorrow",
    )

    start(page)
    press(page, "Go to your work")
    follow(page, "Running sendboard: version, data release and health")
    follow(page, "See how sending goes and send again any e-mail that failed")
    assert heading(page) == "Reminder e-mails"
    failed = page.get_by_role("table", name="E-mails that could not be sent, the newest first")
    assert failed.locator("tbody tr").count() == 1
    with page.expect_navigation():
        failed.get_by_role("button", name=re.compile(r"^Send again")).first.click()
    check_page(page)
    job_worker()  # the daily run's task and the retry's: the e-mail goes once
    page.reload()
    check_page(page)
    assert page.locator("main h2 + p").inner_text() == "Every e-mail was sent, or is waiting to be."
    assert [message.subject for message in mail.outbox] == ["Coming up: Final EHC plan issued, " + due_words()]
