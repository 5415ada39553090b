from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib.auth import SESSION_KEY, password_validation
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from sendboard.accounts import permissions
from sendboard.accounts.access import otp_enrolment_allowed
from sendboard.accounts.models import Invitation, Organisation, User
from sendboard.accounts.roles import Permission, additional_roles_check
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.concurrency import row_lock_refresh, version_check, version_token
from sendboard.core.models import LocalArea

logger = logging.getLogger(__name__)


# The secret of the authenticator app being set up, held in the (server-side) session until a code from the app
# confirms it: showing the set-up page writes no device (no GET writes), and reloading it shows the same secret.
OTP_ENROLMENT_SESSION_KEY = "sendboard_otp_enrolment_key"


def otp_enrolment_device(*, request: HttpRequest) -> TOTPDevice:
    """The app the signed-in user is setting up, not saved: its secret is made once per session and kept there."""
    key = request.session.get(OTP_ENROLMENT_SESSION_KEY)
    if not key:
        key = request.session[OTP_ENROLMENT_SESSION_KEY] = random_hex(20)
    return TOTPDevice(user=request.user, name="Authenticator app", key=key, confirmed=False)


def otp_device_confirm(*, request: HttpRequest, token: str) -> bool:
    """Confirm the app being set up (its secret in the session) with a code from it, and only then save it. A user
    who already has an app must have verified this session with it (ADR 0061); the new app then replaces the old,
    which stops working, and the log says so."""
    user = request.user
    if not otp_enrolment_allowed(user) or not request.session.get(OTP_ENROLMENT_SESSION_KEY):
        raise PermissionDenied("Setting up another authenticator app needs a code from the one set up before")
    device = otp_enrolment_device(request=request)
    checker = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    try:
        matched = checker.verify(int(token), device.tolerance)
    except ValueError:
        matched = False
    if not matched:
        audit_record(kind=AuditEvent.Kind.OTP_FAILED, user=user, detail="enrolment")
        return False
    with transaction.atomic():
        # Any app set up before, and any unconfirmed one an earlier version of this page saved, stop working.
        replaced = TOTPDevice.objects.filter(user=user, confirmed=True).delete()[0]
        TOTPDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.last_t = checker.t()  # the code just used cannot be used again to sign in
        device.set_last_used_timestamp(commit=False)
        device.save()
        del request.session[OTP_ENROLMENT_SESSION_KEY]
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


def otp_devices_remove(*, user, by=None, reason: str = "") -> int:
    """Remove every authenticator app of a user who lost theirs (an administrator's command, ADR 0061, or the
    People pages, ``by`` that administrator with their ``reason``). The user's sessions verified with them stop
    being verified at once. Audited against the user, and against the administrator who did it."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail="Authenticator app removed by an administrator")
    if by is not None:
        audit_record(
            kind=AuditEvent.Kind.RECORD_CHANGED,
            user=by,
            detail=f"Reset two-factor sign-in of {user.get_username()}: {removed} app(s) removed. Reason: {reason}",
        )
    return removed


# --- People and organisations, managed by administrators through pages (ADRs 0135 to 0137) ---------------


def _audit_change(*, user, detail: str) -> None:
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=detail)


def user_sessions_end(*, user) -> int:
    """Delete every session the user is signed in with, at once (ADR 0137). Sessions are signed blobs that name
    their user only inside, so each live one is read; a council's few thousand take a moment. Returns how many."""
    ended = []
    for key, data in (
        Session.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data").iterator()
    ):
        decoded = Session.objects.model(session_key=key, session_data=data).get_decoded()
        if decoded.get(SESSION_KEY) == str(user.pk):
            ended.append(key)
    if ended:
        Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


def person_version(person) -> str:
    """The version the change form opens with (ADR 0070)."""
    return version_token(_person_values(person))


def _person_values(person) -> dict:
    return {
        "role": person.role,
        "additional_roles": sorted(person.additional_roles or []),
        "organisation": person.organisation_id,
    }


@transaction.atomic
def person_change(*, user, person, role: str, additional_roles, organisation, version: str | None = None):
    """Change a person's roles or organisation. An administrator cannot change their own roles (nor so raise
    their rights), and the last active administrator stays one."""
    permissions.require(user, Permission.MANAGE_PEOPLE)
    if version is not None:
        row_lock_refresh(person)
        version_check(version=version, values=_person_values(person))
    additional = additional_roles_check(role=role, additional_roles=additional_roles)
    if permissions.leaves_no_administrator(person, new_role=role):
        raise ValidationError(
            {
                "role": f"{person.display_name} is the only active administrator. "
                "Make someone else an administrator first"
            }
        )
    if permissions.changes_roles(person, role=role, additional_roles=additional) and person.pk == user.pk:
        raise ValidationError({"role": "You cannot change your own role. Ask another administrator"})
    before = (person.roles_display, person.organisation.name if person.organisation else "none")
    person.role, person.additional_roles, person.organisation = role, additional, organisation
    person.save(update_fields=["role", "additional_roles", "organisation"])
    after = (person.roles_display, organisation.name if organisation else "none")
    changes = [
        f"{what} {old} → {new}"
        for what, old, new in zip(("roles", "organisation"), before, after, strict=True)
        if old != new
    ]
    if changes:
        _audit_change(user=user, detail=f"Changed {person.get_username()}: {'; '.join(changes)}")
    return person


@transaction.atomic
def person_deactivate(*, user, person) -> int:
    """Close a person's account: they cannot sign in, and every session they have ends now. Returns how many
    sessions ended."""
    permissions.require(user, Permission.MANAGE_PEOPLE)
    row_lock_refresh(person)
    if not person.is_active:
        raise ValidationError(f"{person.display_name}'s account is already deactivated")
    if permissions.leaves_no_administrator(person):
        raise ValidationError(
            f"{person.display_name} is the only active administrator. Make someone else an administrator first"
        )
    if person.pk == user.pk:
        raise ValidationError("You cannot deactivate your own account. Ask another administrator")
    person.is_active = False
    person.save(update_fields=["is_active"])
    ended = user_sessions_end(user=person)
    _audit_change(
        user=user, detail=f"Deactivated {person.get_username()}: active → deactivated; {ended} session(s) ended"
    )
    return ended


@transaction.atomic
def person_reactivate(*, user, person) -> None:
    permissions.require(user, Permission.MANAGE_PEOPLE)
    row_lock_refresh(person)
    if person.is_active:
        raise ValidationError(f"{person.display_name}'s account is already active")
    person.is_active = True
    person.save(update_fields=["is_active"])
    _audit_change(user=user, detail=f"Reactivated {person.get_username()}: deactivated → active")


@transaction.atomic
def person_two_factor_reset(*, user, person, reason: str) -> int:
    """Remove a person's authenticator app (the same removal as ``manage.py two_factor_remove``) and end their
    sessions, so that they sign in with their password and set up an app again. The reason is audited."""
    permissions.require(user, Permission.MANAGE_PEOPLE)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Enter why two-factor sign-in is being reset"})
    if person.pk == user.pk:
        raise ValidationError("You cannot reset your own two-factor sign-in. Ask another administrator")
    removed = otp_devices_remove(user=person, by=user, reason=reason)
    user_sessions_end(user=person)
    return removed


# --- Invitations ----------------------------------------------------------------------------------------

INVITATION_SALT = "sendboard.accounts.invitation"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_link_secret() -> tuple[str, str]:
    """A link's token (the secret, signed, so a forged or altered one is refused before the database is read)
    and the digest of its secret, which is all that is stored."""
    secret = secrets.token_urlsafe(32)
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(secret), _digest(secret)


def invitation_find(token: str):
    """The waiting invitation a link's token opens, or None (forged, altered, replaced, used, cancelled or
    expired: the page says the same for each)."""
    try:
        secret = signing.TimestampSigner(salt=INVITATION_SALT).unsign(
            token, max_age=timedelta(days=settings.SENDBOARD_INVITATION_DAYS)
        )
    except signing.BadSignature:
        return None
    invitation = Invitation.objects.select_related("organisation").filter(secret_digest=_digest(secret)).first()
    if invitation is None or invitation.status() != Invitation.Status.WAITING:
        return None
    return invitation


def _invitation_send(*, invitation: Invitation, token: str, site: str) -> None:
    """Send the invitation once the transaction has committed (so a rolled-back invitation sends nothing). It
    says only what the recipient needs: who the service is for, their username, the link, and when it ends."""
    # The token goes in the query string, which no log keeps (the audit log, the request log and the server's
    # access log record paths only), and leaves the address bar at once (views.invitation_open).
    link = site.rstrip("/") + reverse("accounts:invitation-open") + "?" + urlencode({"token": token})
    area = LocalArea.objects.values_list("name", flat=True).first() or ""
    context = {
        "invitation": invitation,
        "link": link,
        "days": settings.SENDBOARD_INVITATION_DAYS,
        "area_name": area,
        "username": invitation.email.lower(),
    }
    subject = "You have been invited to sendboard"
    body = render_to_string("accounts/invitation_email.txt", context)
    recipient, pk = invitation.email, invitation.pk

    def send() -> None:
        try:
            send_mail(subject, body, None, [recipient])
        except OSError:  # SMTP errors included: the invitation stands, and the list offers to send it again
            logger.warning("An invitation e-mail could not be handed to the mail server", exc_info=False)
            Invitation.objects.filter(pk=pk).update(not_delivered=True)
        else:
            Invitation.objects.filter(pk=pk, not_delivered=True).update(not_delivered=False)

    transaction.on_commit(send)


def _check_not_already_here(email: str, *, exclude_invitation=None) -> None:
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise ValidationError(
            {"email": "Someone with this email address already has an account: find them in the list of people"}
        )
    waiting = Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
    )
    if exclude_invitation is not None:
        waiting = waiting.exclude(pk=exclude_invitation.pk)
    if waiting.exists():
        raise ValidationError(
            {
                "email": (
                    "An invitation to this email address is already waiting: send it again from the list of invitations"
                )
            }
        )


@transaction.atomic
def invitation_create(
    *, user, first_name: str, last_name: str, email: str, organisation, role: str, additional_roles=(), site: str
) -> Invitation:
    """Invite a person by e-mail to set a password and set up two-factor sign-in. ``site`` is the address the
    link starts with (the one the administrator is using)."""
    permissions.require(user, Permission.MANAGE_PEOPLE)
    email = email.strip()
    _check_not_already_here(email)
    additional = additional_roles_check(role=role, additional_roles=additional_roles)
    token, digest = _new_link_secret()
    now = timezone.now()
    invitation = Invitation.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        organisation=organisation,
        role=role,
        additional_roles=additional,
        secret_digest=digest,
        invited_by=user,
        created_at=now,
        sent_at=now,
        expires_at=now + timedelta(days=settings.SENDBOARD_INVITATION_DAYS),
    )
    _invitation_send(invitation=invitation, token=token, site=site)
    _audit_change(
        user=user,
        detail=f"Invited {email} ({invitation.display_name}) as {invitation.roles_display}, {organisation.name}",
    )
    return invitation


@transaction.atomic
def invitation_resend(*, user, invitation: Invitation, site: str) -> Invitation:
    """A new link, working for the full period again; the link sent before stops working."""
    permissions.require(user, Permission.MANAGE_PEOPLE)
    row_lock_refresh(invitation)
    if invitation.status() in (Invitation.Status.ACCEPTED, Invitation.Status.CANCELLED):
        raise ValidationError(f"This invitation has been {invitation.status_label().lower()}: it cannot be sent again")
    _check_not_already_here(invitation.email, exclude_invitation=invitation)
    token, digest = _new_link_secret()
    now = timezone.now()
    invitation.secret_digest, invitation.sent_at = digest, now
    invitation.expires_at = now + timedelta(days=settings.SENDBOARD_INVITATION_DAYS)
    invitation.times_sent += 1
    invitation.save(update_fields=["secret_digest", "sent_at", "expires_at", "times_sent"])
    _invitation_send(invitation=invitation, token=token, site=site)
    _audit_change(
        user=user, detail=f"Sent the invitation to {invitation.email} again; the earlier link stopped working"
    )
    return invitation


@transaction.atomic
def invitation_cancel(*, user, invitation: Invitation) -> None:
    permissions.require(user, Permission.MANAGE_PEOPLE)
    row_lock_refresh(invitation)
    if invitation.status() in (Invitation.Status.ACCEPTED, Invitation.Status.CANCELLED):
        raise ValidationError(f"This invitation has already been {invitation.status_label().lower()}")
    invitation.cancelled_at, invitation.cancelled_by = timezone.now(), user
    invitation.save(update_fields=["cancelled_at", "cancelled_by"])
    _audit_change(user=user, detail=f"Cancelled the invitation to {invitation.email}: waiting → cancelled")


def invitation_account(invitation: Invitation):
    """The account an invitation will make, unsaved: what the password is checked against (it must not look
    like the person's name or e-mail address)."""
    return User(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        role=invitation.role,
        additional_roles=list(invitation.additional_roles),
        organisation=invitation.organisation,
    )


def invitation_waiting(digest: str):
    """The waiting invitation whose link's secret has this digest, or None."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(secret_digest=digest).first() if digest else None
    )
    if invitation is None or invitation.status() != Invitation.Status.WAITING:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, digest: str, password: str):
    """Use the link once: make the account with the password chosen. Returns the new user, or None if the link
    no longer works (used a moment ago in another tab, cancelled, replaced or expired). The invitation is
    marked used by one conditional update, which only one of two simultaneous requests can win."""
    now = timezone.now()
    won = Invitation.objects.filter(
        secret_digest=digest, accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if not won:
        return None
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(secret_digest=digest)
    if User.objects.filter(username__iexact=invitation.email).exists():
        transaction.set_rollback(True)
        return None
    account = invitation_account(invitation)
    account.set_password(password)
    account.save()
    invitation.account = account
    invitation.save(update_fields=["account"])
    _audit_change(
        user=account, detail=f"Accepted the invitation from {invitation.invited_by.get_username()} and set a password"
    )
    return account


# --- Organisations --------------------------------------------------------------------------------------


def organisation_version(organisation: Organisation) -> str:
    return version_token(_organisation_values(organisation))


def _organisation_values(organisation: Organisation) -> dict:
    return {"name": organisation.name, "kind": organisation.kind, "code": organisation.code}


def _organisation_name_free(name: str, *, exclude=None) -> None:
    taken = Organisation.objects.filter(name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"name": "There is already an organisation with this name"})


@transaction.atomic
def organisation_create(*, user, name: str, kind: str, code: str = "") -> Organisation:
    permissions.require(user, Permission.MANAGE_ORGANISATIONS)
    name = " ".join(name.split())
    _organisation_name_free(name)
    organisation = Organisation.objects.create(name=name, kind=kind, code=code)
    _audit_change(
        user=user,
        detail=f"Added the organisation {name} ({organisation.get_kind_display()}{', code ' + code if code else ''})",
    )
    return organisation


@transaction.atomic
def organisation_change(
    *, user, organisation: Organisation, name: str, kind: str, code: str = "", version: str | None = None
) -> Organisation:
    """Rename an organisation, or correct its type or code. Its people and records stay with it."""
    permissions.require(user, Permission.MANAGE_ORGANISATIONS)
    if version is not None:
        row_lock_refresh(organisation)
        version_check(version=version, values=_organisation_values(organisation))
    name = " ".join(name.split())
    _organisation_name_free(name, exclude=organisation)
    before = {"name": organisation.name, "type": organisation.get_kind_display(), "code": organisation.code or "none"}
    organisation.name, organisation.kind, organisation.code = name, kind, code
    organisation.save(update_fields=["name", "kind", "code"])
    after = {"name": organisation.name, "type": organisation.get_kind_display(), "code": organisation.code or "none"}
    changes = [f"{what} {before[what]} → {after[what]}" for what in before if before[what] != after[what]]
    if changes:
        _audit_change(user=user, detail=f"Changed the organisation {before['name']}: {'; '.join(changes)}")
    return organisation


@transaction.atomic
def administrator_create_first(
    *, username: str, email: str, first_name: str, last_name: str, organisation_name: str, password: str
) -> User:
    """An installation's first administrator, from the command line (everyone after is invited from People).
    The password must pass every password rule; the organisation is added as a council if it is new."""
    if User.objects.filter(Q(username__iexact=username) | Q(email__iexact=email)).exists():
        raise ValidationError("There is already an account with this username or email address")
    organisation = Organisation.objects.filter(
        name__iexact=organisation_name.strip()
    ).first() or Organisation.objects.create(name=" ".join(organisation_name.split()), kind=Organisation.Kind.COUNCIL)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=permissions.administrator_role(),
        organisation=organisation,
    )
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    _audit_change(user=user, detail=f"Administrator {username} made from the command line")
    return user
