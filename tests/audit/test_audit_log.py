import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from tests.html import table_rows

pytestmark = pytest.mark.django_db


def test_an_administrator_reads_events_newest_first_and_filters_them(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="first.attempt")
    audit_record(kind=AuditEvent.Kind.PERMISSION_REFUSED, username="second.attempt")
    rows = table_rows(client.get(reverse("audit:log")).content, "Audit events")
    attempts = [row[2] for row in rows if row[2].endswith(".attempt")]
    assert attempts == ["second.attempt", "first.attempt"]
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
    from django.http import HttpResponse

    from sendboard.core.middleware import AuditContextMiddleware

    request = rf.get("/home/?search=Jane+Smith")
    recorded = []

    def view(request):
        recorded.append(audit_record(kind=AuditEvent.Kind.PERMISSION_REFUSED))
        return HttpResponse()

    AuditContextMiddleware(view)(request)
    assert recorded[0].path == "/home/"


def test_the_log_filters_by_user_and_period_sorts_oldest_first_and_keeps_the_filters_when_paging(client, sign_in):
    import time_machine

    from tests.html import pagination_hrefs, table_rows

    sign_in(Role.ADMINISTRATOR)
    with time_machine.travel("2026-01-01 09:00 +0000", tick=False):
        audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="old.attempt")
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False):
        for n in range(55):
            audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="Recent.Person", detail=f"attempt {n}")
        audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="someone.else")
        first = client.get(reverse("audit:log"), {"username": "recent.person", "period": "30", "sort": "oldest"})
        rows = table_rows(first.content, "Audit events")
        assert len(rows) == 50 and {row[2] for row in rows} == {"Recent.Person"}
        assert rows[0][4] == "attempt 0"
        assert "?username=recent.person&period=30&sort=oldest&page=2" in pagination_hrefs(first.content)
        recent = {
            row[2]
            for row in table_rows(
                client.get(reverse("audit:log"), {"period": "30", "page": "2"}).content, "Audit events"
            )
        }
        assert "old.attempt" not in recent
        everything = client.get(reverse("audit:log"), {"period": "all", "page": "2"}).content
        assert "old.attempt" in {row[2] for row in table_rows(everything, "Audit events")}


def test_the_log_reads_in_the_same_number_of_queries_filtered_or_not(client, sign_in, django_assert_num_queries):
    sign_in(Role.ADMINISTRATOR)
    audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="a")
    for params in ({}, {"kind": "sign_in_failed", "username": "a", "period": "7", "sort": "oldest"}):
        with django_assert_num_queries(6):
            client.get(reverse("audit:log"), params)
    for _ in range(120):
        audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, username="a")
    for params in ({}, {"kind": "sign_in_failed", "username": "a", "period": "7", "sort": "oldest", "page": "2"}):
        with django_assert_num_queries(6):
            client.get(reverse("audit:log"), params)


def test_words_are_cut_to_300_characters_but_a_list_of_what_a_page_named_is_kept_whole(client, sign_in):
    """ADR 0173: a page that names many children logs them in one entry, which the log shows whole."""
    sign_in(Role.ADMINISTRATOR)
    words = audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, detail="w" * 400)
    named = "Children " + ", ".join(f"00000000-0000-0000-0000-{n:012d}" for n in range(60)) + " in a list"
    listed = audit_record(kind=AuditEvent.Kind.RECORD_VIEWED, detail=named, limit=None)
    words.refresh_from_db()
    listed.refresh_from_db()
    assert (len(words.detail), listed.detail) == (300, named)
    rows = table_rows(client.get(reverse("audit:log"), {"kind": AuditEvent.Kind.RECORD_VIEWED}).content, "Audit events")
    assert [row[4] for row in rows] == [named]
