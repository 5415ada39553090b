import pytest
from django.core import mail
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password):
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": password})


def test_signing_in_and_out_is_audited(client):
    user = UserFactory(role=Role.AREA_LEADER)
    response = _sign_in(client, user.username, TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("core:home")).status_code == 302
    kinds = list(AuditEvent.objects.filter(user=user).order_by("id").values_list("kind", flat=True))
    assert kinds == [AuditEvent.Kind.SIGNED_IN, AuditEvent.Kind.SIGNED_OUT]


def test_a_wrong_password_is_explained_keeps_the_username_and_is_audited(client):
    user = UserFactory()
    response = _sign_in(client, user.username, "not-the-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a correct username and password" in html
    assert f'value="{user.username}"' in html
    assert "not-the-password" not in html
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SIGN_IN_FAILED)
    assert event.username == user.username and event.user is None


def test_empty_fields_each_get_an_error(client):
    html = _sign_in(client, "", "").content.decode()
    assert "Enter your username" in html and "Enter your password" in html
    assert 'href="#id_username"' in html and 'href="#id_password"' in html


def test_repeated_failures_lock_the_username_out_even_with_the_right_password(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user.username, "wrong-password")
    response = _sign_in(client, user.username, TEST_PASSWORD)
    assert response.status_code == 403
    assert "Your account is locked" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302  # still signed out
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT, username=user.username).exists()


def test_fewer_failures_than_the_limit_do_not_lock_out(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, user.username, "wrong-password")
    assert _sign_in(client, user.username, TEST_PASSWORD).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="leader@example.invalid")
    response = client.post(reverse("accounts:password-reset"), {"email": "leader@example.invalid"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PASSWORD_RESET_REQUESTED).count() == 1
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/account/password-reset/" in line)
    confirm = client.get(link.replace("http://testserver", ""), follow=True)
    assert "Choose a new password" in confirm.content.decode()
    new_password = "a-brand-new-long-passphrase"
    done = client.post(confirm.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.invalid"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_a_weak_new_password_is_refused_with_a_reason(client):
    user = UserFactory(email="leader@example.invalid")
    client.post(reverse("accounts:password-reset"), {"email": "leader@example.invalid"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/password-reset/" in line)
    confirm = client.get(link.replace("http://testserver", ""), follow=True)
    response = client.post(confirm.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})
    assert "This password is too short" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


@pytest.mark.parametrize(
    ("email", "message"),
    [("", "Enter your email address"), ("not-an-address", "Enter an email address in the correct format")],
)
def test_a_bad_reset_address_is_explained_and_kept(client, email, message):
    response = client.post(reverse("accounts:password-reset"), {"email": email})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'href="#id_email"' in html
    if email:
        assert f'value="{email}"' in html
    assert mail.outbox == [] and not AuditEvent.objects.exists()
