from django.conf import settings
from django.db import models


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
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
