"""Given more waiting work than one screen holds, when the Local Offer team opens its page, then each queue says
how much is waiting in all, pages on its own without losing the others' places, and the page reads in the
same number of queries however long the queues."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import Feedback
from sendboard.localoffer.services import feedback_create
from tests.html import page, pagination_hrefs, table_rows, text_of

pytestmark = pytest.mark.django_db
TEAM = reverse("localoffer:team")


def _feedback(count: int, start: int = 0) -> None:
    base = timezone.now() - timedelta(days=100)
    for n in range(start, start + count):
        item = feedback_create(comment=f"Comment {n:02d}")
        Feedback.objects.filter(pk=item.pk).update(received_at=base + timedelta(hours=n))


def _headings(html) -> list[str]:
    return [text_of(h) for h in page(html).iter("h2")]


def test_each_queue_shows_its_total_and_pages_on_its_own(client, sign_in, directory):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    for n in range(27):
        directory.service(f"Overdue {n:02d}", review_by=timezone.localdate() - timedelta(days=n + 1))
    _feedback(30)
    first = client.get(TEAM)
    assert "Feedback to respond to (30)" in _headings(first.content)
    assert "Services overdue for review (27)" in _headings(first.content)
    assert len(table_rows(first.content, "Feedback to respond to")) == 25
    assert {"?feedback_page=2", "?overdue_page=2"} <= set(pagination_hrefs(first.content))
    both = client.get(TEAM, {"feedback_page": 2, "overdue_page": 2})
    assert [row[1] for row in table_rows(both.content, "Feedback to respond to")] == [
        f"Comment {n}" for n in range(25, 30)
    ]
    assert len(table_rows(both.content, "Services overdue for review")) == 2
    assert "?overdue_page=2&feedback_page=1" in pagination_hrefs(both.content)
    labels = [
        nav.get("aria-label")
        for nav in page(both.content).iter("nav")
        if "govuk-pagination" in (nav.get("class") or "")
    ]
    assert len(labels) == len(set(labels)) == 2


def test_the_team_page_reads_in_the_same_number_of_queries_however_long_the_queues(
    client, sign_in, directory, django_assert_num_queries
):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    directory.service("Overdue", review_by=timezone.localdate() - timedelta(days=3))
    _feedback(2)
    client.get(TEAM)
    with django_assert_num_queries(12):
        client.get(TEAM)
    for n in range(30):
        directory.service(f"Overdue {n:02d}", review_by=timezone.localdate() - timedelta(days=n + 1))
    _feedback(40, start=2)
    with django_assert_num_queries(12):
        client.get(TEAM, {"feedback_page": 2})
