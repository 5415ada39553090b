from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One thing that happened that an administrator may need to account for. Never edited or deleted."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out after repeated failed sign-ins"
        SIGNED_OUT = "signed_out", "Signed out"
        PERMISSION_REFUSED = "permission_refused", "Permission refused"
        OTP_ENROLLED = "otp_enrolled", "Enrolled a one-time password app"
        OTP_FAILED = "otp_failed", "One-time password refused"
        OTP_VERIFIED = "otp_verified", "One-time password accepted"
        PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
        RECORD_CHANGED = "record_changed", "Record changed"
        RECORD_VIEWED = "record_viewed", "Record viewed"

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=40, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    username = models.CharField(max_length=150, blank=True, help_text="As typed, for failed sign-ins")
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True)
    # Words of at most ``DETAIL_LENGTH`` characters, or a page's list of the children it named (ADR 0173).
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"


class Change(models.Model):
    """One change to a record, with what it was before and after: the history read back on a record's page
    (ADR 0115). Written only by ``audit.history``; never edited or deleted.

    ``subject`` is the record whose history this is (an action, a rule, a statutory step); ``within`` the wider
    record it is also read under (an action's plan), if any. Values are stored as the database keeps them
    (choice codes, ISO dates) and put into words by the app that shows them."""

    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=200)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    within_type = models.ForeignKey(ContentType, null=True, on_delete=models.PROTECT, related_name="+")
    within_id = models.CharField(max_length=64, blank=True)
    within = GenericForeignKey("within_type", "within_id")

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="audit_change_subject"),
            models.Index(fields=["within_type", "within_id"], name="audit_change_within"),
        ]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.what}"
