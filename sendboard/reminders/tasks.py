"""The worker's side of reminders (ADR 0105, ADR 0160): send one e-mail, or every e-mail waiting."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from sendboard.casework.models import StatutoryStep
from sendboard.core.jobs import JobState, job_run
from sendboard.reminders import sending
from sendboard.reminders.models import ReminderEmail


def _send(job: ReminderEmail, progress) -> None:
    if (
        job.step_id is not None
        and not StatutoryStep.objects.filter(pk=job.step_id, done_date__isnull=True, excepted=False).exists()
    ):
        progress(100, "Not sent: the step was done before the reminder went")
        return
    through = sending.email_send(
        to=job.recipient.email, subject=job.subject, body=job.body, kind=job.kind, reference=f"reminder-{job.pk}"
    )
    progress(100, f"Sent through {sending.THROUGH_WORDS[through]}", sent_at=timezone.now(), sent_through=through)


def reminder_send_now(pk: int) -> None:
    job_run(ReminderEmail, pk, _send, failed_words=sending.failure_words)


@task()
def reminder_send(pk: int) -> None:
    """Send one e-mail (a retry asks for this)."""
    reminder_send_now(pk)


@task()
def reminders_send_waiting() -> int:
    """Send every e-mail waiting, oldest first (the daily run asks for this once). Each is claimed as it is
    sent, so two workers, or a retry of one, never send an e-mail twice."""
    waiting = list(ReminderEmail.objects.filter(state=JobState.QUEUED).order_by("id").values_list("pk", flat=True))
    for pk in waiting:
        reminder_send_now(pk)
    return len(waiting)
