"""Permission checks live in one place and no view can bypass them (ADR 0003)."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from sendboard.accounts.access import AccessPolicy
from sendboard.accounts.roles import (
    READ_ONLY_PERMISSIONS,
    ROLE_PERMISSIONS,
    ROLES_SEEING_PERSONAL_DATA,
    Permission,
    Role,
)
from sendboard.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

STAFF_PAGES = {
    "core:home": Permission.VIEW_HOME,
    "core:non-working-days": Permission.MANAGE_NON_WORKING_DAYS,
    "accounts:organisations": Permission.VIEW_ORGANISATIONS,
    "audit:log": Permission.VIEW_AUDIT_LOG,
}


def _all_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _all_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_url_declares_an_access_policy():
    undeclared = [
        route for route, view in _all_patterns() if not isinstance(getattr(view, "access_policy", None), AccessPolicy)
    ]
    assert undeclared == []


def undeclared_view(request):
    return HttpResponse("personal data")


urlpatterns = [path("undeclared/", undeclared_view)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_declares_no_policy_is_never_served(client):
    client.raise_request_exception = True
    with pytest.raises(Exception, match="declares no access policy"):
        client.get("/undeclared/")


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_signed_out_requests_for_staff_pages_redirect_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?next={reverse(name)}"


@pytest.mark.parametrize(
    ("role", "name"),
    [
        (role, name)
        for role in Role.values
        for name, permission in STAFF_PAGES.items()
        if permission not in ROLE_PERMISSIONS[role]
    ],
)
def test_a_role_without_permission_gets_403_and_the_refusal_is_logged(client, sign_in, role, name):
    user = sign_in(role)
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PERMISSION_REFUSED)
    assert (event.user, event.path, event.detail) == (user, reverse(name), STAFF_PAGES[name].value)


@pytest.mark.parametrize(
    ("role", "name"),
    [
        (role, name)
        for role in Role.values
        for name, permission in STAFF_PAGES.items()
        if permission in ROLE_PERMISSIONS[role]
    ],
)
def test_a_role_with_permission_sees_the_page(client, sign_in, role, name):
    sign_in(role)
    assert client.get(reverse(name)).status_code == 200
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_REFUSED).exists()


def test_only_administrators_read_the_audit_log():
    assert [role for role in Role.values if Permission.VIEW_AUDIT_LOG in ROLE_PERMISSIONS[role]] == [Role.ADMINISTRATOR]


def test_an_adviser_changes_nothing_but_monitoring_records():
    assert ROLE_PERMISSIONS[Role.ADVISER] - READ_ONLY_PERMISSIONS == {Permission.RECORD_MONITORING}


def test_only_personal_data_roles_hold_permissions_on_children():
    holders = {role for role in Role.values if Permission.VIEW_CHILDREN in ROLE_PERMISSIONS[role]}
    assert holders <= ROLES_SEEING_PERSONAL_DATA


def test_sen2_export_only_administrators_and_team_managers_may_download_the_register():
    holders = {role for role in Role.values if Permission.EXPORT_REGISTER in ROLE_PERMISSIONS[role]}
    assert holders == {Role.ADMINISTRATOR, Role.TEAM_MANAGER}
    assert Permission.EXPORT_REGISTER not in ROLE_PERMISSIONS[Role.ANALYST]
