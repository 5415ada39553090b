from __future__ import annotations

import django_otp
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendboard.accounts.access import otp_enrolment_allowed
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record


def otp_device_get_or_create_unconfirmed(*, user) -> TOTPDevice:
    """The device a user is enrolling: kept until confirmed, so reloading the page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def otp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm the app being set up with a code from it. A user who already has an app must have verified this
    session with it (ADR 0061); the new app then replaces the old, which stops working, and the log says so."""
    user = request.user
    if device.user_id != user.pk or not otp_enrolment_allowed(user):
        raise PermissionDenied("Setting up another authenticator app needs a code from the one set up before")
    if not device.verify_token(token):
        audit_record(kind=AuditEvent.Kind.OTP_FAILED, user=user, detail="enrolment")
        return False
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()[0]
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        audit_record(
            kind=AuditEvent.Kind.OTP_ENROLLED, user=user, detail="replaced the app set up before" if replaced else ""
        )
    return True


def otp_verify(*, request: HttpRequest, token: str) -> bool:
    device = django_otp.match_token(request.user, token)
    if device is None:
        audit_record(kind=AuditEvent.Kind.OTP_FAILED, user=request.user)
        return False
    django_otp.login(request, device)
    audit_record(kind=AuditEvent.Kind.OTP_VERIFIED, user=request.user)
    return True


def password_reset_requested_record() -> None:
    """Someone asked for a password reset. The address typed is not recorded: it may not belong to anyone."""
    audit_record(kind=AuditEvent.Kind.PASSWORD_RESET_REQUESTED)


def otp_devices_remove(*, user) -> int:
    """Remove every authenticator app of a user who lost theirs (an administrator's command, ADR 0061). The
    user's sessions verified with them stop being verified at once. Audited against the user."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail="Authenticator app removed by an administrator")
    return removed
