"""Sign-in events reach the audit log from Django's and django-axes' own signals, whichever view raised them."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def _signed_in(sender, request, user, **kwargs) -> None:
    audit_record(kind=AuditEvent.Kind.SIGNED_IN, user=user)


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(kind=AuditEvent.Kind.SIGNED_OUT, user=user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username=str(credentials.get("username", "")))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit_record(kind=AuditEvent.Kind.LOCKED_OUT, username=username or "")
