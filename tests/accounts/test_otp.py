"""Every account enrols and uses a one-time password before it sees any staff page (ADR 0061)."""

import base64

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendboard.accounts.roles import Role
from sendboard.accounts.services import OTP_ENROLMENT_SESSION_KEY
from sendboard.audit.models import AuditEvent
from tests.factories import TOTPDeviceFactory
from tests.html import page as parsed
from tests.html import text_of

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrolment_code(client) -> str:
    """The code the app being set up shows now: its secret is the one the set-up page put in the session."""
    return _code(TOTPDevice(key=client.session[OTP_ENROLMENT_SESSION_KEY]))


@pytest.mark.parametrize("role", sorted(Role.values))
def test_two_factor_for_every_staff_account_every_role_must_enrol_before_any_staff_page(client, sign_in, role):
    sign_in(role, verified=False)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-enrol"))


def test_with_two_factor_turned_off_for_local_development_no_role_is_asked(client, sign_in, settings):
    settings.SENDBOARD_OTP_REQUIRED = False
    sign_in(Role.ACTION_OWNER, verified=False)
    assert client.get(reverse("core:home")).status_code == 200


def test_two_factor_bypass_a_password_only_session_with_an_app_set_up_is_sent_to_enter_its_code(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    TOTPDeviceFactory(user=user)
    response = client.get(reverse("accounts:otp-enrol") + "?next=/casework/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp-verify") + "?next=%2Fcasework%2F"
    assert TOTPDevice.objects.filter(user=user).count() == 1  # no new secret was made, let alone shown


def test_two_factor_bypass_a_code_from_a_second_app_never_verifies_a_password_only_session(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    TOTPDeviceFactory(user=user)
    # A secret the attacker somehow holds: an unconfirmed device, as the set-up page used to make and show.
    second = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    response = client.post(reverse("accounts:otp-enrol"), {"token": _code(second), "next": "/home/"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp-verify"))
    second.refresh_from_db()
    assert not second.confirmed
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp-verify"))
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_ENROLLED).exists()
    # The code from the app set up before is still the way in.
    first = TOTPDevice.objects.get(user=user, confirmed=True)
    assert (
        client.post(reverse("accounts:otp-verify"), {"token": _code(first), "next": "/home/"})["Location"] == "/home/"
    )


def test_two_factor_bypass_the_enrolment_service_refuses_a_password_only_session_too(rf, sign_in):
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.exceptions import PermissionDenied

    from sendboard.accounts import services

    user = TOTPDeviceFactory().user
    user.is_verified = lambda: False
    request = rf.post("/account/two-factor/set-up/")
    request.user, request.session = user, SessionStore()
    second = services.otp_enrolment_device(request=request)  # a secret the attacker somehow holds
    with pytest.raises(PermissionDenied):
        services.otp_device_confirm(request=request, token=_code(second))
    assert list(TOTPDevice.objects.filter(user=user).values_list("confirmed", flat=True)) == [True]


def test_replacing_an_app_needs_a_verified_session_and_is_audited(client, sign_in):
    user = sign_in(Role.TEAM_MANAGER)  # verified with the app set up before
    old = TOTPDevice.objects.get(user=user, confirmed=True)
    page = client.get(reverse("accounts:otp-enrol"))
    assert page.status_code == 200
    assert "This replaces the authenticator app you set up before" in page.content.decode()
    secret = client.session[OTP_ENROLMENT_SESSION_KEY]
    response = client.post(reverse("accounts:otp-enrol"), {"token": _enrolment_code(client), "next": "/home/"})
    assert response["Location"] == "/home/"
    assert list(TOTPDevice.objects.filter(user=user).values_list("key", "confirmed")) == [(secret, True)]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.OTP_ENROLLED, user=user)
    assert event.detail == "replaced the app set up before"
    assert client.get(reverse("core:home")).status_code == 200


def test_enrolling_confirms_the_device_and_returns_to_the_page_asked_for(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    page = client.get(reverse("accounts:otp-enrol") + "?next=/home/")
    assert "Set up two-factor sign-in" in page.content.decode()
    secret = client.session[OTP_ENROLMENT_SESSION_KEY]
    response = client.post(reverse("accounts:otp-enrol"), {"token": _enrolment_code(client), "next": "/home/"})
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert list(TOTPDevice.objects.filter(user=user).values_list("key", "confirmed")) == [(secret, True)]
    assert OTP_ENROLMENT_SESSION_KEY not in client.session
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_ENROLLED, user=user).exists()


def test_a_wrong_enrolment_code_is_explained_and_confirms_nothing(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    client.get(reverse("accounts:otp-enrol"))
    response = client.post(reverse("accounts:otp-enrol"), {"token": "000000"})
    html = response.content.decode()
    assert "That code did not match" in html
    assert 'value="000000"' in html
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(reverse("core:home")).status_code == 302


def test_an_enrolled_user_is_asked_for_a_code_and_an_outside_next_is_ignored(client, sign_in):
    user = sign_in(Role.TEAM_MANAGER, verified=False)
    device = TOTPDeviceFactory(user=user)
    response = client.get(reverse("core:home"))
    assert response["Location"].startswith(reverse("accounts:otp-verify"))
    bad = client.post(reverse("accounts:otp-verify"), {"token": "12345a"})
    assert "The code must be 6 digits" in bad.content.decode()
    response = client.post(reverse("accounts:otp-verify"), {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_the_setting_can_be_off_only_when_debugging(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import sendboard.config.settings as settings_module

    monkeypatch.setenv("SENDBOARD_DEBUG", "false")
    monkeypatch.setenv("SENDBOARD_OTP_REQUIRED", "false")
    with pytest.raises(ImproperlyConfigured, match="only when SENDBOARD_DEBUG is on"):
        importlib.reload(settings_module)
    monkeypatch.setenv("SENDBOARD_OTP_REQUIRED", "true")
    importlib.reload(settings_module)


def test_an_administrator_removes_a_lost_app_so_the_user_can_set_up_a_new_one(client, sign_in):
    import io

    from django.core.management import CommandError, call_command

    user = sign_in(Role.CASEWORKER)  # verified with the app now lost
    out = io.StringIO()
    call_command("two_factor_remove", user.username, stdout=out)
    assert out.getvalue().strip() == f"Removed 1 authenticator app(s) for {user.username}"
    assert not TOTPDevice.objects.filter(user=user).exists()
    # The session verified with the lost app is verified no more, and setting up a new one is open.
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp-enrol"))
    assert client.get(reverse("accounts:otp-enrol")).status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.RECORD_CHANGED, user=user)
    assert event.detail == "Authenticator app removed by an administrator"
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("two_factor_remove", "nobody")


def test_showing_the_set_up_page_saves_no_app_and_shows_the_same_secret_until_it_is_confirmed(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    first = client.get(reverse("accounts:otp-enrol"))
    again = client.get(reverse("accounts:otp-enrol"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    secret = base64.b32encode(bytes.fromhex(client.session[OTP_ENROLMENT_SESSION_KEY])).decode("ascii")
    shown = [
        text_of(parsed(response.content).xpath("//code[@class='sendboard-secret']")[0]) for response in (first, again)
    ]
    assert shown == [secret, secret]


def test_a_code_used_to_set_up_the_app_cannot_sign_in_again(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    client.get(reverse("accounts:otp-enrol"))
    code = _enrolment_code(client)
    client.post(reverse("accounts:otp-enrol"), {"token": code, "next": "/home/"})
    client.logout()
    client.force_login(user)
    response = client.post(reverse("accounts:otp-verify"), {"token": code, "next": "/home/"})
    assert "That code did not match" in response.content.decode()
