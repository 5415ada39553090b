import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_an_administrator_reads_events_newest_first_and_filters_them(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="first.attempt")
    audit_record(kind=AuditEvent.Kind.PERMISSION_REFUSED, username="second.attempt")
    html = client.get(reverse("audit:log")).content.decode()
    assert html.index("second.attempt") < html.index("first.attempt")
    filtered = client.get(reverse("audit:log"), {"kind": AuditEvent.Kind.SIGN_IN_FAILED}).content.decode()
    assert "first.attempt" in filtered and "second.attempt" not in filtered


def test_the_log_pages_with_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries):
    sign_in(Role.ADMINISTRATOR)
    for n in range(120):
        audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username=f"attempt{n}")
    with django_assert_max_num_queries(8):
        first = client.get(reverse("audit:log"))
    with django_assert_max_num_queries(8):
        last = client.get(reverse("audit:log"), {"page": 3})
    assert "attempt119" in first.content.decode() and "attempt0<" in last.content.decode().replace(" ", "")


def test_paths_are_recorded_without_query_strings(rf):
    request = rf.get("/home/?search=Jane+Smith")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    event = audit_record(kind=AuditEvent.Kind.PERMISSION_REFUSED, request=request)
    assert event.path == "/home/"
