"""The daily digest (ADR 0160): per person, their overdue and due-this-week counts and their steps, once a day,
unless they said no."""

from datetime import timedelta

import pytest
from django.core import mail

from sendboard.reminders.models import DigestChoice, ReminderEmail
from sendboard.reminders.selectors import DIGEST_LIST_LIMIT
from sendboard.reminders.services import reminders_make
from tests.jobs import run_queued_jobs
from tests.reminders.helpers import TODAY, Team, child, step

pytestmark = pytest.mark.django_db

SITE = "https://sendboard.example.org"


@pytest.fixture(autouse=True)
def _email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SENDBOARD_SITE_URL = SITE
    settings.SENDBOARD_NOTIFY_API_KEY = ""


def digests():
    return [message for message in mail.outbox if message.subject.startswith("Your statutory steps")]


def test_the_digest_counts_and_lists_a_persons_steps_the_most_overdue_first():
    team = Team()
    first = child(caseworker=team.caseworker)
    second = child(caseworker=team.caseworker)
    step(of=first, name="advice", due=TODAY - timedelta(days=3))
    step(of=second, name="final_plan", due=TODAY + timedelta(days=5), warning=TODAY + timedelta(days=1))
    step(of=second, name="annual_review", due=TODAY + timedelta(days=30))  # not this week: not in it
    reminders_make(today=TODAY)
    run_queued_jobs()
    [digest] = digests()
    assert (digest.to, digest.subject) == (
        [team.caseworker.email],
        "Your statutory steps today: 1 overdue, 1 due in the next 7 days",
    )
    assert digest.body == (
        "Your statutory steps on 2 March 2026:\n\n"
        "- 1 step is overdue\n"
        "- 1 step is due in the next 7 days\n\n"
        "The steps, the most overdue first:\n\n"
        "- Advice returned, due 27 February 2026 (overdue)\n"
        f"  {SITE}/casework/children/{first.public_id}/\n"
        "- Final EHC plan issued, due 7 March 2026\n"
        f"  {SITE}/casework/children/{second.public_id}/\n\n"
        "This e-mail does not say whose cases these are: sign in to see.\n\n"
        f"You can stop this daily digest at {SITE}/reminders/ (reminders of each step still come).\n"
    )


def test_a_long_digest_lists_the_first_steps_and_links_to_the_rest():
    team = Team()
    case = child(caseworker=team.caseworker)
    for days in range(DIGEST_LIST_LIMIT + 5):
        step(of=case, due=TODAY - timedelta(days=days + 1))
    reminders_make(today=TODAY)
    run_queued_jobs()
    [digest] = digests()
    lines = digest.body.splitlines()
    assert (lines[5], sum(line.startswith("- Final") for line in lines), lines[-5]) == (
        f"The {DIGEST_LIST_LIMIT} most overdue, the most overdue first:",
        DIGEST_LIST_LIMIT,
        f"Every step: {SITE}/casework/?status=due",
    )


def test_the_team_managers_digest_holds_the_unallocated_cases():
    team = Team()
    step(of=child(caseworker=None), due=TODAY - timedelta(days=1))
    step(of=child(caseworker=team.caseworker), due=TODAY - timedelta(days=1))
    reminders_make(today=TODAY)
    run_queued_jobs()
    assert sorted((d.to[0], d.subject) for d in digests()) == sorted(
        [
            (team.manager.email, "Your statutory steps today: 1 overdue, 0 due in the next 7 days"),
            (team.caseworker.email, "Your statutory steps today: 1 overdue, 0 due in the next 7 days"),
        ]
    )


def test_nobody_with_nothing_overdue_or_due_this_week_gets_a_digest():
    team = Team()
    step(of=child(caseworker=team.caseworker), due=TODAY + timedelta(days=8), warning=TODAY + timedelta(days=1))
    reminders_make(today=TODAY)
    assert not ReminderEmail.objects.filter(kind="digest").exists()


def test_someone_who_said_no_gets_no_digest_but_still_gets_reminders():
    team = Team()
    DigestChoice.objects.create(user=team.caseworker, wants_digest=False)
    step(of=child(caseworker=team.caseworker), due=TODAY + timedelta(days=2), warning=TODAY - timedelta(days=19))
    reminders_make(today=TODAY)
    assert sorted(ReminderEmail.objects.values_list("kind", flat=True)) == ["due"]


def test_one_digest_a_day():
    team = Team()
    step(of=child(caseworker=team.caseworker), due=TODAY - timedelta(days=1))
    reminders_make(today=TODAY)
    reminders_make(today=TODAY)
    reminders_make(today=TODAY + timedelta(days=1))
    assert sorted(ReminderEmail.objects.values_list("on_date", flat=True)) == [TODAY, TODAY + timedelta(days=1)]
