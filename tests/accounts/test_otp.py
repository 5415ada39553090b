"""Staff whose role can see personal data must enrol and use a one-time password before they see any."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendboard.accounts.roles import ROLES_SEEING_PERSONAL_DATA, Role
from sendboard.audit.models import AuditEvent
from tests.factories import TOTPDeviceFactory

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("role", sorted(ROLES_SEEING_PERSONAL_DATA))
def test_a_role_that_sees_personal_data_must_enrol_before_any_staff_page(client, sign_in, role):
    sign_in(role, verified=False)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-enrol"))


@pytest.mark.parametrize("role", sorted(set(Role.values) - ROLES_SEEING_PERSONAL_DATA))
def test_other_roles_need_no_one_time_password(client, sign_in, role):
    sign_in(role, verified=False)
    assert client.get(reverse("core:home")).status_code == 200


def test_enrolling_confirms_the_device_and_returns_to_the_page_asked_for(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    page = client.get(reverse("accounts:otp-enrol") + "?next=/home/")
    assert "Set up two-factor sign-in" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp-enrol"), {"token": _code(device), "next": "/home/"})
    assert response.status_code == 302 and response["Location"] == "/home/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OTP_ENROLLED, user=user).exists()


def test_a_wrong_enrolment_code_is_explained_and_confirms_nothing(client, sign_in):
    user = sign_in(Role.CASEWORKER, verified=False)
    client.get(reverse("accounts:otp-enrol"))
    response = client.post(reverse("accounts:otp-enrol"), {"token": "000000"})
    html = response.content.decode()
    assert "That code did not match" in html
    assert 'value="000000"' in html
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
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
