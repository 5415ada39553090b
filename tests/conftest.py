import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from sendboard.accounts.roles import ROLES_SEEING_PERSONAL_DATA, Role
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.page_quality import PageQualityClient


@pytest.fixture
def client():
    """Every HTML page a test fetches goes through the page-quality check."""
    return PageQualityClient()


@pytest.fixture
def sign_in(client):
    """Sign a new user of the given role in by session (never by typing a password), OTP-verified if needed."""

    def _sign_in(role: str = Role.AREA_LEADER, *, verified: bool = True, **user_fields):
        user = UserFactory(role=role, **user_fields)
        client.force_login(user)
        if verified and role in ROLES_SEEING_PERSONAL_DATA:
            device = TOTPDeviceFactory(user=user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return user

    return _sign_in
