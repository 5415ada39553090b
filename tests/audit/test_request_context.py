"""Where an audited thing was asked from reaches the audit log one way (ADR 0112): a middleware binds the request's
path and client address, and services pass only the acting user."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.context import current, request_bound
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.services import non_working_day_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_outside_a_request_an_event_has_no_path_or_address():
    event = audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, detail="From a command")
    assert (event.path, event.ip_address) == ("", None)


def test_inside_a_request_an_event_takes_its_path_and_address_and_the_binding_ends_with_it():
    with request_bound(path="/plans/1/", address="198.51.100.4"):
        with request_bound(path="/inner/", address=None):
            assert current().path == "/inner/"
        event = audit_record(kind=AuditEvent.Kind.RECORD_CHANGED)
    assert (event.path, event.ip_address) == ("/plans/1/", "198.51.100.4")
    assert current().path == ""


def test_a_service_given_only_the_user_is_audited_with_the_page_it_was_called_from(client, sign_in):
    user = sign_in(Role.ADMINISTRATOR)
    response = client.post(
        reverse("core:non-working-days"),
        {"date-day": "29", "date-month": "12", "date-year": "2026", "reason": "Council closure"},
        REMOTE_ADDR="192.0.2.9",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(detail="Added non-working day 2026-12-29")
    assert (event.user, event.path, event.ip_address) == (user, "/non-working-days/", "192.0.2.9")


def test_the_same_service_called_without_a_request_records_who_but_not_where():
    from datetime import date

    user = UserFactory(role=Role.ADMINISTRATOR)
    non_working_day_create(user=user, day=date(2026, 12, 30), reason="Council closure")
    event = AuditEvent.objects.get(detail="Added non-working day 2026-12-30")
    assert (event.user, event.path, event.ip_address) == (user, "", None)


def test_a_refused_page_is_audited_with_its_path_but_never_its_query_string(client, sign_in):
    sign_in(Role.CASEWORKER)
    assert client.get(reverse("audit:log") + "?username=someone", REMOTE_ADDR="192.0.2.10").status_code == 403
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PERMISSION_REFUSED)
    assert (event.path, event.ip_address) == ("/audit/", "192.0.2.10")
