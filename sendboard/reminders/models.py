"""What reminders were sent, to whom and how it went, and who does not want the daily digest (ADR 0160)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sendboard.core.jobs import Job


class ReminderKind(models.TextChoices):
    WARNING = "warning", "Coming up"
    DUE = "due", "Due soon"
    DIGEST = "digest", "Daily digest"


class ReminderEmail(Job):
    """One e-mail to one person: a reminder of one step's warning or due date, or one day's digest. The row is
    made before it is sent (by ``manage.py send_reminders``) and is sent by the worker; its state says whether it
    went. It exists once for each step, date, kind and recipient, so a reminder is never sent twice."""

    job_task = "sendboard.reminders.tasks.reminder_send"
    stopped_words = "The e-mail was not sent: the worker stopped. Send it again"

    Kind = ReminderKind

    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_emails")
    # Empty for a digest. A step that is removed (a withdrawn request) takes its reminders with it.
    step = models.ForeignKey(
        "casework.StatutoryStep", on_delete=models.CASCADE, null=True, related_name="reminder_emails"
    )
    on_date = models.DateField(help_text="The step's warning or due date the reminder is for; a digest's day")
    # What the e-mail says, written when it is made (from the templates in jinja2/reminders/email): never a
    # child's name or other details, only the step, its dates and a link with the child's opaque id.
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_at = models.DateTimeField(null=True)
    sent_through = models.CharField(max_length=20, blank=True, help_text="notify or django")
    # Failed sends the daily run has tried again by itself (a person's retry is not counted).
    automatic_retries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "kind", "on_date", "recipient"],
                condition=models.Q(step__isnull=False),
                name="reminders_step_reminder_once",
            ),
            models.UniqueConstraint(
                fields=["recipient", "on_date"],
                condition=models.Q(kind="digest"),
                name="reminders_digest_once_a_day",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "-requested_at"], name="reminders_mine")]

    def __str__(self) -> str:
        return f"Reminder e-mail {self.pk}"


class DigestChoice(models.Model):
    """A person who has said they do not want the daily digest. Statutory reminders cannot be turned off."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_choice")
    wants_digest = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Digest choice {self.pk}"
