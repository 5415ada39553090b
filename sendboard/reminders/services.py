"""Writes for reminders (ADR 0160): making the day's reminder e-mails (the daily command), sending one again,
and a person's choice about the digest."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.jobs import JobState, job_retry
from sendboard.reminders import permissions, selectors, sending
from sendboard.reminders.models import DigestChoice, ReminderEmail, ReminderKind

# A failed e-mail is tried again by each daily run, this many times, within this many days; after that it waits
# for an administrator's "Send again" on the sending page.
AUTOMATIC_RETRIES = 2
AUTOMATIC_RETRY_DAYS = 7


@dataclass(frozen=True)
class Made:
    reminders: int
    digests: int
    retried: int
    without_owner: int  # steps calling for a reminder that nobody could be sent (no caseworker, no manager)


def reminders_make(*, today: date, recipients: set[int] | None = None) -> Made:
    """Make today's reminder e-mails and digests, each once, queue failed ones again (a few times), and ask the
    worker to send what is waiting. A fixed number of queries, however many steps and people. ``recipients``
    limits them to some people (the demo area's, so that loading it does not send to hundreds of made-up ones)."""
    names = selectors.step_names()
    with transaction.atomic():
        reminders, without_owner = _step_reminders(today=today, names=names, recipients=recipients)
        digests = _digests(today=today, names=names, recipients=recipients)
        ReminderEmail.objects.bulk_create(reminders + digests, ignore_conflicts=True)
        retried = ReminderEmail.objects.filter(
            state=JobState.FAILED,
            automatic_retries__lt=AUTOMATIC_RETRIES,
            requested_at__gte=timezone.now() - timedelta(days=AUTOMATIC_RETRY_DAYS),
        ).update(
            state=JobState.QUEUED,
            error="",
            message="Waiting to be sent again",
            task_id="",
            automatic_retries=F("automatic_retries") + 1,
        )
        if reminders or digests or retried:
            transaction.on_commit(_enqueue_waiting)
    return Made(reminders=len(reminders), digests=len(digests), retried=retried, without_owner=without_owner)


def _enqueue_waiting() -> None:
    """One task sends every e-mail waiting (the worker works through them), so the daily run enqueues once."""
    from sendboard.reminders.tasks import reminders_send_waiting

    result = reminders_send_waiting.enqueue()
    ReminderEmail.objects.filter(state=JobState.QUEUED, task_id="").update(task_id=str(result.id))


def _step_reminders(*, today: date, names: dict[str, str], recipients) -> tuple[list[ReminderEmail], int]:
    steps = selectors.steps_calling_for_reminders(today=today)
    owners = selectors.step_owners(steps)
    made = selectors.reminders_already_made(row.id for row in steps)
    rows, without_owner = [], 0
    for step in steps:
        due = selectors.reminder_kind_due(step, today=today)
        if due is None:
            continue
        kind, on_date = due
        people = owners.of(step.id)
        if not people:
            without_owner += 1
        for person in people:
            if (step.id, kind, on_date, person.id) in made or (recipients is not None and person.id not in recipients):
                continue
            written = sending.step_reminder_write(
                kind=kind,
                step_name=names.get(step.step, "A statutory step"),
                due_date=step.due_date,
                today=today,
                reason=owners.reason_by_step[step.id],
                link=sending.step_link(
                    person,
                    child_public_id=step.child_public_id,
                    advice_request_public_id=owners.advice_request_by_step.get(step.id),
                ),
            )
            rows.append(
                ReminderEmail(
                    kind=kind,
                    recipient=person,
                    step_id=step.id,
                    on_date=on_date,
                    subject=written.subject,
                    body=written.body,
                    message="Waiting to be sent",
                )
            )
    return rows, without_owner


def _digests(*, today: date, names: dict[str, str], recipients) -> list[ReminderEmail]:
    steps = selectors.steps_for_digest(today=today)
    owners = selectors.step_owners(steps)
    done = selectors.digests_already_made(today=today) | selectors.people_not_wanting_digest()
    per_person: dict[int, list] = defaultdict(list)
    people = {}
    for step in steps:  # by due date, so the most overdue first
        for person in owners.of(step.id):
            if person.id not in done and (recipients is None or person.id in recipients):
                per_person[person.id].append(step)
                people[person.id] = person
    rows = []
    for person_id, owned in per_person.items():
        person = people[person_id]
        overdue = sum(step.due_date < today for step in owned)
        shown = [
            sending.DigestItem(
                step_name=names.get(step.step, "A statutory step"),
                due_date=step.due_date,
                overdue=step.due_date < today,
                link=sending.step_link(
                    person,
                    child_public_id=step.child_public_id,
                    advice_request_public_id=owners.advice_request_by_step.get(step.id),
                ),
            )
            for step in owned[: selectors.DIGEST_LIST_LIMIT]
        ]
        all_link = sending.all_steps_link(person)
        written = sending.digest_write(
            today=today, overdue=overdue, due_this_week=len(owned) - overdue, shown=shown, all_link=all_link
        )
        rows.append(
            ReminderEmail(
                kind=ReminderKind.DIGEST,
                recipient=person,
                on_date=today,
                subject=written.subject,
                body=written.body,
                message="Waiting to be sent",
            )
        )
    return rows


def reminder_send_again(*, user, reminder: ReminderEmail) -> bool:
    """An administrator sends a failed e-mail again (by POST); False if it is not failed (sent again already)."""
    permissions.require_manage_sending(user)
    with transaction.atomic():
        again = job_retry(reminder, message="Waiting to be sent again")
        if again:
            audit_record(
                kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Reminder e-mail {reminder.pk} sent again"
            )
    return again


def digest_choice_set(*, user, wants_digest: bool) -> None:
    """A person's own choice: whether they get the daily digest. Step reminders cannot be turned off."""
    with transaction.atomic():
        DigestChoice.objects.update_or_create(user=user, defaults={"wants_digest": wants_digest})
        audit_record(
            kind=AuditEvent.Kind.RECORD_CHANGED,
            user=user,
            detail="Daily digest of reminders turned " + ("on" if wants_digest else "off"),
        )
