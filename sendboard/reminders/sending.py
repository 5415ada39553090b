"""Writing and sending reminder e-mails (ADR 0160). The words are the templates in ``jinja2/reminders/email``;
they go through GOV.UK Notify's client when a council has set an API key, otherwise through Django's e-mail
backend (SMTP, or the console in the demo).

What an e-mail may hold: the step's name, its due date, why the person is sent it, and a link to sendboard
with the child's opaque id. Never the child's name, date of birth, address, pupil number or anything else
from the record: e-mail leaves sendboard and may be read where sendboard cannot control it. Signing in shows
the rest, as it always would (ADR 0160).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from sendboard.reminders import permissions
from sendboard.reminders.models import ReminderKind

NOTIFY, DJANGO = "notify", "django"
THROUGH_WORDS = {NOTIFY: "GOV.UK Notify", DJANGO: "E-mail server"}

WHOSE = {
    "caseworker": ("on a case you hold", "you are its caseworker"),
    "manager": (
        "on a case with no caseworker",
        "the case has no caseworker and you manage the casework team for its area",
    ),
    "advice": ("on advice asked of your organisation", "the advice was asked of your organisation"),
}


def site_link(path: str) -> str:
    return settings.SENDBOARD_SITE_URL + path


def step_link(person, *, child_public_id, advice_request_public_id=None) -> str:
    """Where a reminder leads, by opaque ids only: an advice request sent through sendboard, for those who answer
    it; the child's record, for those who may open it; otherwise the person's own reminders page."""
    if advice_request_public_id is not None and permissions.may_open_advice_requests(person):
        return site_link(reverse("advice:request", args=[advice_request_public_id]))
    if permissions.may_open_child_records(person):
        return site_link(reverse("casework:child", args=[child_public_id]))
    return site_link(reverse("reminders:mine"))


def all_steps_link(person) -> str:
    """The digest's link to every step: the person's cases, their organisation's advice queue, or their reminders."""
    if permissions.may_open_child_records(person):
        return site_link(reverse("casework:my-cases") + "?status=due")
    if permissions.may_open_advice_requests(person):
        return site_link(reverse("advice:queue"))
    return site_link(reverse("reminders:mine"))


@dataclass(frozen=True)
class Written:
    subject: str
    body: str


def _render(name: str, context: dict) -> str:
    return render_to_string(f"reminders/email/{name}", context).strip()


def step_reminder_write(*, kind: str, step_name: str, due_date: date, today: date, reason: str, link: str) -> Written:
    whose, why = WHOSE[reason]
    context = {
        "kind": kind,
        "step_name": step_name,
        "due_date": due_date,
        "days": (due_date - today).days,
        "whose": whose,
        "why": why,
        "link": link,
    }
    subject = " ".join(_render("step_subject.txt", context).split())
    return Written(subject=subject[:200], body=_render("step_body.txt", context) + "\n")


@dataclass(frozen=True)
class DigestItem:
    step_name: str
    due_date: date
    overdue: bool
    link: str


def digest_write(*, today: date, overdue: int, due_this_week: int, shown: list[DigestItem], all_link: str) -> Written:
    context = {
        "today": today,
        "overdue": overdue,
        "due_this_week": due_this_week,
        "shown": shown,
        "all_link": all_link,
        "choice_link": site_link(reverse("reminders:mine")),
    }
    subject = " ".join(_render("digest_subject.txt", context).split())
    return Written(subject=subject[:200], body=_render("digest_body.txt", context) + "\n")


# --- sending -----------------------------------------------------------------------------------------------------


def notify_client():
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.SENDBOARD_NOTIFY_API_KEY)


def email_send(*, to: str, subject: str, body: str, kind: str, reference: str) -> str:
    """Send one e-mail; returns how it went (NOTIFY or DJANGO). Raises when it could not be sent."""
    if settings.SENDBOARD_NOTIFY_API_KEY:
        template_id = (
            settings.SENDBOARD_NOTIFY_DIGEST_TEMPLATE_ID
            if kind == ReminderKind.DIGEST
            else settings.SENDBOARD_NOTIFY_REMINDER_TEMPLATE_ID
        )
        notify_client().send_email_notification(
            email_address=to,
            template_id=template_id,
            personalisation={"subject": subject, "body": body},
            reference=reference,
        )
        return NOTIFY
    EmailMessage(subject=subject, body=body, to=[to]).send(fail_silently=False)
    return DJANGO


def failure_words(error: BaseException) -> str:
    """Why an e-mail was not sent, in words an administrator can act on. Only the kind of failure and, from
    Notify, its status: an error's own text can quote the address or the message."""
    from notifications_python_client.errors import HTTPError

    if isinstance(error, HTTPError):
        status = error.status_code
        if status in (401, 403):
            return (
                f"GOV.UK Notify refused the API key ({status}): check the API key in sendboard's settings, "
                "then send it again"
            )
        if status == 400:
            return (
                "GOV.UK Notify refused the e-mail (400): check the template ids and the person's e-mail address, "
                "then send it again"
            )
        if status == 429:
            return "GOV.UK Notify's sending limit was reached (429): it will be sent again tomorrow"
        return f"GOV.UK Notify could not take the e-mail ({status}): it will be sent again tomorrow"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "The mail server refused the person's e-mail address: check it, then send it again"
    if isinstance(error, OSError):
        return "The mail server could not be reached or refused the e-mail: it will be sent again tomorrow"
    return f"The e-mail was not sent ({type(error).__name__}): send it again"
