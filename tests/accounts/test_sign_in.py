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
    # Signed in with the password: the two-factor step comes next.
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp-enrol"))
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:sign-in"))
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


PROXY = "10.0.0.1"  # the council's reverse proxy: every request reaches sendboard from it


def _sign_in_from(client, username, password, *, address):
    """A sign-in that came through one proxy, which added the client's address to X-Forwarded-For."""
    return client.post(
        reverse("accounts:sign-in"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_lockout_behind_a_proxy_locks_only_the_username_at_the_address_that_failed(client, settings):
    settings.SENDBOARD_PROXY_COUNT = 1
    careless, colleague = UserFactory(), UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in_from(client, careless.username, "wrong-password", address="203.0.113.7")
    assert _sign_in_from(client, careless.username, TEST_PASSWORD, address="203.0.113.7").status_code == 403
    # Behind the same proxy, a colleague in the same office still signs in ...
    assert _sign_in_from(client, colleague.username, TEST_PASSWORD, address="203.0.113.7").status_code == 302
    client.logout()
    # ... and so does the user who made the mistakes, from another address.
    assert _sign_in_from(client, careless.username, TEST_PASSWORD, address="198.51.100.20").status_code == 302
    locked = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT)
    assert set(locked.values_list("username", "ip_address")) == {(careless.username, "203.0.113.7")}


def test_lockout_behind_a_proxy_an_address_failing_with_many_usernames_is_held_back(client, settings):
    settings.SENDBOARD_PROXY_COUNT = 1
    settings.SENDBOARD_SIGN_IN_ADDRESS_FAILURE_LIMIT = 8
    user = UserFactory()
    for number in range(8):  # one failure each: no (username, address) pair reaches its limit
        _sign_in_from(client, f"guess-{number}", "wrong-password", address="192.0.2.66")
    refused = _sign_in_from(client, user.username, TEST_PASSWORD, address="192.0.2.66")
    assert refused.status_code == 429
    assert "Too many failed sign-ins from your network" in refused.content.decode()
    assert client.get(reverse("core:home")).status_code == 302  # not signed in
    assert _sign_in_from(client, user.username, TEST_PASSWORD, address="203.0.113.7").status_code == 302


def test_lockout_behind_a_proxy_a_forged_forwarded_address_does_not_choose_the_key(client, settings):
    settings.SENDBOARD_PROXY_COUNT = 1
    user = UserFactory()
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The client writes an address of its own; the proxy appends the one it saw.
        _sign_in_from(client, user.username, "wrong-password", address=f"198.51.100.{number}, 203.0.113.7")
    assert _sign_in_from(client, user.username, TEST_PASSWORD, address="203.0.113.7").status_code == 403
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_IN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_without_a_proxy_the_connections_own_address_counts_and_forwarded_headers_are_ignored(client, settings):
    settings.SENDBOARD_PROXY_COUNT = 0
    user = UserFactory()
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:sign-in"),
            {"username": user.username, "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": user.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "10.0.0.2", PROXY),  # fewer entries than proxies: it did not come through them all
        (1, "", PROXY),
        (0, "203.0.113.7", PROXY),
    ],
)
def test_the_client_address_is_read_behind_the_configured_number_of_proxies(rf, settings, proxies, forwarded, expected):
    from sendboard.core.network import client_address

    settings.SENDBOARD_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
