"""The reminders pages (ADR 0160): a person's own reminders and their choice about the digest; for
administrators, how sending goes and sending a failed e-mail again."""

from datetime import timedelta

import pytest
from django.core import mail

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.core.jobs import JobState
from sendboard.reminders.models import DigestChoice, ReminderEmail
from sendboard.reminders.services import reminders_make
from tests.html import link_hrefs, page, table_rows, text_of
from tests.jobs import run_queued_jobs
from tests.reminders.helpers import TODAY, Team, child, step

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SENDBOARD_NOTIFY_API_KEY = ""


def reminders_for(person, n: int = 1, *, failed: bool = False) -> list:
    made = []
    for _ in range(n):
        case = child(caseworker=person)
        made.append(step(of=case, warning=TODAY, due=TODAY + timedelta(days=21)))
    reminders_make(today=TODAY)
    if failed:
        ReminderEmail.objects.update(state=JobState.FAILED, error="The mail server could not be reached")
    return made


def signed_in_caseworker(client, sign_in):
    team = Team()
    user = sign_in(Role.CASEWORKER, organisation=team.organisation)
    return team, user


def test_your_reminders_lists_the_emails_made_for_you_with_a_link_to_the_case(client, sign_in):
    _, user = signed_in_caseworker(client, sign_in)
    [made] = reminders_for(user)
    run_queued_jobs()
    html = client.get("/reminders/").content
    assert table_rows(html, "E-mails sent to you")[0][1:] == [
        "Coming up: Final EHC plan issued, 23 March 2026 Open the case for: Coming up: Final EHC plan issued, "
        "23 March 2026",
        "Sent",
    ]
    assert link_hrefs(html, "Open the case for: Coming up: Final EHC plan issued, 23 March 2026") == [
        f"/casework/children/{made.child.public_id}/"
    ]


def test_your_reminders_shows_nobody_elses(client, sign_in):
    team, user = signed_in_caseworker(client, sign_in)
    reminders_for(team.caseworker)
    html = client.get("/reminders/").content
    assert text_of(page(html).xpath("//h2[text()='E-mails sent to you']/following-sibling::p[1]")[0]) == "None yet."


def test_saying_no_to_the_digest_is_kept_and_said(client, sign_in):
    _, user = signed_in_caseworker(client, sign_in)
    response = client.post("/reminders/", {"wants_digest": "no"}, follow=True)
    assert DigestChoice.objects.get(user=user).wants_digest is False
    assert text_of(page(response.content).xpath("//main//p[starts-with(., 'You ')]")[0]) == (
        "You do not get the daily digest."
    )
    assert AuditEvent.objects.filter(user=user, detail="Daily digest of reminders turned off").exists()


def test_saying_yes_again_turns_the_digest_back_on(client, sign_in):
    _, user = signed_in_caseworker(client, sign_in)
    DigestChoice.objects.create(user=user, wants_digest=False)
    client.post("/reminders/", {"wants_digest": "yes"})
    assert DigestChoice.objects.get(user=user).wants_digest is True


def test_the_digest_choice_refuses_no_answer_with_a_message_and_changes_nothing(client, sign_in):
    _, user = signed_in_caseworker(client, sign_in)
    response = client.post("/reminders/", {"wants_digest": "maybe"})
    document = page(response.content)
    assert text_of(document.xpath("//title")[0]).startswith("Error: ")
    assert [text_of(a) for a in document.xpath("//div[contains(@class, 'govuk-error-summary')]//li")] == [
        "Select whether you want the daily digest"
    ]
    assert not DigestChoice.objects.exists()


def test_a_professional_sees_their_reminders_without_links_to_childrens_records(client, sign_in):
    user = sign_in(Role.HEALTH_SOCIAL_CARE)
    case = child()
    made = step(of=case, warning=TODAY, due=TODAY + timedelta(days=21))
    ReminderEmail.objects.create(
        kind="warning", recipient=user, step=made, on_date=TODAY, subject="Coming up: Advice returned", body="."
    )
    html = client.get("/reminders/").content
    assert table_rows(html, "E-mails sent to you")[0][1:] == ["Coming up: Advice returned", "Waiting to be sent"]


@pytest.mark.parametrize("path", ["/reminders/", "/reminders/sending/"])
def test_pages_read_in_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries, path):
    user = sign_in(Role.ADMINISTRATOR)
    reminders_for(user, 2, failed=True)
    with django_assert_max_num_queries(12) as few:
        client.get(path)
    reminders_for(user, 30, failed=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_the_sending_page_is_for_administrators_only(client, sign_in):
    sign_in(Role.TEAM_MANAGER)
    assert client.get("/reminders/sending/").status_code == 403


def test_the_sending_page_counts_and_lists_the_emails_not_sent(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    team = Team()
    reminders_for(team.caseworker, 2, failed=True)
    html = client.get("/reminders/sending/").content
    rows = table_rows(html, "E-mails that could not be sent")
    assert [(row[0], row[2]) for row in rows] == [
        (team.caseworker.display_name, "The mail server could not be reached"),
        (team.caseworker.display_name, "The mail server could not be reached"),
    ]
    summary = {text_of(row.xpath("dt")[0]): text_of(row.xpath("dd")[0]) for row in page(html).xpath("//dl/div")}
    assert (summary["Not sent (in the last 7 days)"], summary["Sent through"]) == (
        "2",
        "This installation's e-mail server",
    )


def test_send_again_sends_a_failed_email_and_is_audited(client, sign_in, django_capture_on_commit_callbacks):
    admin = sign_in(Role.ADMINISTRATOR)
    team = Team()
    reminders_for(team.caseworker, failed=True)
    failed = ReminderEmail.objects.get(kind="warning")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reminders/sending/{failed.pk}/send-again/")
    failed.refresh_from_db()
    assert (failed.state, [m.to for m in mail.outbox if "Coming up" in m.subject]) == (
        JobState.SUCCEEDED,
        [[team.caseworker.email]],
    )
    assert AuditEvent.objects.filter(user=admin, detail=f"Reminder e-mail {failed.pk} sent again").exists()


def test_send_again_is_refused_to_anyone_but_administrators(client, sign_in):
    sign_in(Role.TEAM_MANAGER)
    team = Team()
    reminders_for(team.caseworker, failed=True)
    failed = ReminderEmail.objects.get(kind="warning")
    assert client.post(f"/reminders/sending/{failed.pk}/send-again/").status_code == 403
    failed.refresh_from_db()
    assert failed.state == JobState.FAILED


def test_the_operations_page_links_to_the_sending_page(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    html = client.get("/operations/").content
    assert link_hrefs(html, "See how sending goes and send again any e-mail that failed") == ["/reminders/sending/"]


def test_the_home_page_links_to_your_reminders(client, sign_in):
    sign_in(Role.HEALTH_SOCIAL_CARE)
    assert link_hrefs(client.get("/home/").content, "Your e-mail reminders and the daily digest") == ["/reminders/"]
