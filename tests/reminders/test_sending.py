"""What reminder e-mails say and how they are sent (ADR 0160): through Django's e-mail backend, or through
GOV.UK Notify's client (faked at its HTTP boundary: no network), once, with failures kept and tried again."""

import json
import uuid
from datetime import timedelta

import pytest
import requests
from django.core import mail

from sendboard.core.jobs import JobState
from sendboard.reminders.models import ReminderEmail
from sendboard.reminders.services import reminders_make
from sendboard.reminders.tasks import reminders_send_waiting
from tests.jobs import run_queued_jobs
from tests.reminders.helpers import TODAY, Team, child, step

pytestmark = pytest.mark.django_db

SITE = "https://sendboard.example.org"


@pytest.fixture(autouse=True)
def _email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SENDBOARD_SITE_URL = SITE
    settings.SENDBOARD_NOTIFY_API_KEY = ""


@pytest.fixture
def notify(settings, monkeypatch):
    """GOV.UK Notify, faked where its client meets HTTP: each request is kept, each answer is the next status."""
    settings.SENDBOARD_NOTIFY_API_KEY = f"sendboard_test-{uuid.uuid4()}-{uuid.uuid4()}"
    settings.SENDBOARD_NOTIFY_REMINDER_TEMPLATE_ID = "11111111-1111-1111-1111-111111111111"
    settings.SENDBOARD_NOTIFY_DIGEST_TEMPLATE_ID = "22222222-2222-2222-2222-222222222222"

    class Fake:
        requests: list = []
        statuses: list = []

    def send(adapter, request, **kwargs):
        Fake.requests.append(request)
        response = requests.Response()
        response.status_code = Fake.statuses.pop(0) if Fake.statuses else 201
        response.url = request.url
        response.request = request
        body = {"id": str(uuid.uuid4())} if response.status_code == 201 else {"errors": [{"error": "BadRequestError"}]}
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    return Fake


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def one_reminder(*, caseworker, **fields):
    case = child(caseworker=caseworker, **fields)
    row = step(of=case, warning=TODAY, due=TODAY + timedelta(days=21))
    reminders_make(today=TODAY)
    return case, row


def test_a_reminder_goes_through_django_email_to_the_caseworker():
    team = Team()
    case, _ = one_reminder(caseworker=team.caseworker)
    run_queued_jobs()
    [sent] = [message for message in mail.outbox if "Coming up" in message.subject]
    assert (sent.to, sent.subject) == ([team.caseworker.email], "Coming up: Final EHC plan issued, 23 March 2026")


def test_a_reminders_body_gives_the_step_its_due_date_and_a_link_by_the_childs_opaque_id():
    team = Team()
    case, _ = one_reminder(caseworker=team.caseworker)
    run_queued_jobs()
    body = next(message.body for message in mail.outbox if "Coming up" in message.subject)
    assert body == (
        "A statutory step on a case you hold is due in 21 days.\n\n"
        "Step: Final EHC plan issued\n"
        "Due: 23 March 2026\n\n"
        "Open it in sendboard:\n"
        f"{SITE}/casework/children/{case.public_id}/\n\n"
        "This e-mail does not say whose case it is: sign in to see. You get it because you are its caseworker.\n"
    )


def personal_details(case) -> list[str]:
    return [
        case.forename,
        case.surname,
        "19 July 2014",
        "2014-07-19",
        "19/07/2014",
        case.upn,
        case.postcode,
        case.postcode.replace(" ", ""),
    ]


def test_no_email_holds_the_childs_name_date_of_birth_pupil_number_or_postcode():
    team = Team()
    case = child(caseworker=team.caseworker)
    step(of=case, warning=TODAY, due=TODAY + timedelta(days=21))
    step(of=case, name="advice", due=TODAY - timedelta(days=3))  # overdue: in the digest
    reminders_make(today=TODAY)
    run_queued_jobs()
    assert {message.subject.split(":")[0] for message in mail.outbox} == {"Coming up", "Your statutory steps today"}
    for message in mail.outbox:
        for detail in personal_details(case):
            assert detail.lower() not in (message.subject + message.body).lower(), detail


def test_a_reminder_is_sent_once_when_the_task_is_delivered_twice():
    team = Team()
    one_reminder(caseworker=team.caseworker)
    reminders_send_waiting.call()
    reminders_send_waiting.call()
    run_queued_jobs()
    assert len([m for m in mail.outbox if "Coming up" in m.subject]) == 1


def test_a_sent_reminder_records_when_and_how():
    team = Team()
    one_reminder(caseworker=team.caseworker)
    run_queued_jobs()
    sent = ReminderEmail.objects.get(kind="warning")
    assert (sent.state, sent.sent_through, sent.sent_at is not None, sent.recipient, sent.on_date) == (
        JobState.SUCCEEDED,
        "django",
        True,
        team.caseworker,
        TODAY,
    )


def test_a_step_done_before_its_reminder_went_is_not_sent():
    team = Team()
    _, row = one_reminder(caseworker=team.caseworker)
    row.done_date = TODAY
    row.save()
    run_queued_jobs()
    reminder = ReminderEmail.objects.get(kind="warning")
    assert (mail.outbox, reminder.state, reminder.sent_at) == ([], JobState.SUCCEEDED, None)


def test_the_daily_run_asks_the_worker_once_and_the_worker_sends_everything_waiting(
    django_capture_on_commit_callbacks,
):
    team = Team()
    for _ in range(3):
        step(of=child(caseworker=team.caseworker), warning=TODAY, due=TODAY + timedelta(days=21))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reminders_make(today=TODAY)
    assert (len(callbacks), len(mail.outbox)) == (1, 3)


def test_with_a_notify_key_the_reminder_goes_through_notify_not_django(notify):
    team = Team()
    case, _ = one_reminder(caseworker=team.caseworker)
    run_queued_jobs()
    [request] = notify.requests
    sent = json.loads(request.body)
    assert (
        mail.outbox,
        request.url,
        sent["email_address"],
        sent["template_id"],
        sent["personalisation"]["subject"],
    ) == (
        [],
        "https://api.notifications.service.gov.uk/v2/notifications/email",
        team.caseworker.email,
        "11111111-1111-1111-1111-111111111111",
        "Coming up: Final EHC plan issued, 23 March 2026",
    )
    assert f"/casework/children/{case.public_id}/" in sent["personalisation"]["body"]
    assert ReminderEmail.objects.get().sent_through == "notify"


def test_a_digest_goes_through_notifys_digest_template(notify):
    team = Team()
    step(of=child(caseworker=team.caseworker), due=TODAY - timedelta(days=1))
    reminders_make(today=TODAY)
    run_queued_jobs()
    [request] = notify.requests
    assert json.loads(request.body)["template_id"] == "22222222-2222-2222-2222-222222222222"


def test_a_send_notify_refuses_is_kept_as_failed_with_why(notify):
    notify.statuses = [400]
    team = Team()
    one_reminder(caseworker=team.caseworker)
    run_queued_jobs()
    failed = ReminderEmail.objects.get()
    assert (failed.state, failed.sent_at, failed.error) == (
        JobState.FAILED,
        None,
        "GOV.UK Notify refused the e-mail (400): check the template ids and the person's e-mail address, "
        "then send it again",
    )


def test_a_failed_send_is_tried_again_by_the_next_daily_run(notify):
    notify.statuses = [500]
    team = Team()
    one_reminder(caseworker=team.caseworker)
    run_queued_jobs()
    reminders_make(today=TODAY + timedelta(days=1))
    run_queued_jobs()
    reminder = ReminderEmail.objects.get(kind="warning")
    assert (reminder.state, reminder.automatic_retries, len(notify.requests)) == (JobState.SUCCEEDED, 1, 2)


def test_automatic_retries_stop_after_two(settings):
    settings.EMAIL_BACKEND = "tests.reminders.test_sending.FailingBackend"
    team = Team()
    one_reminder(caseworker=team.caseworker)
    for day in range(4):
        reminders_make(today=TODAY + timedelta(days=day))
        run_queued_jobs()
    reminder = ReminderEmail.objects.get(kind="warning")
    assert (reminder.state, reminder.automatic_retries, reminder.error) == (
        JobState.FAILED,
        2,
        "The mail server could not be reached or refused the e-mail: it will be sent again tomorrow",
    )
