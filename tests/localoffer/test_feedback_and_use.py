"""Feedback, its triage and the public "you said, we did" page; use counts without personal data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import Feedback, UseCount
from tests.editing import post_edit

pytestmark = pytest.mark.django_db

PERSONAL = "My son Jamie Smith at 12 Acacia Avenue was refused a place"


def test_feedback_is_triaged_and_only_the_teams_summary_is_published(client, sign_in, directory):
    service = directory.service()
    form = client.get(reverse("localoffer:feedback"), {"service": str(service.id)}).content.decode()
    assert "Speech therapy drop-in" in form and "Do not include names" in form
    assert (
        client.post(reverse("localoffer:feedback") + f"?service={service.id}", {"comment": PERSONAL}).status_code == 302
    )
    item = Feedback.objects.get()
    assert item.service == service and item.status == "new"

    sign_in(Role.LOCAL_OFFER_OFFICER)
    assert "Feedback to respond to (1)" in client.get(reverse("localoffer:team")).content.decode()
    url = reverse("localoffer:feedback-respond", args=[item.pk])
    assert PERSONAL in client.get(url).content.decode()
    missing = client.post(url, {"outcome": "publish"}).content.decode()
    assert "Summarise what the person said" in missing and "Say what the council did" in missing
    post_edit(
        client,
        url,
        {
            "outcome": "publish",
            "you_said": "A family could not get a place at a playscheme.",
            "we_did": "We added 20 places for the summer holidays.",
        },
    )
    client.logout()
    page = client.get(reverse("localoffer:you-said-we-did")).content.decode()
    assert "We added 20 places" in page and "A family could not get a place" in page
    assert "Jamie" not in page and "Acacia" not in page


def test_closed_feedback_is_not_published(client, sign_in):
    item = Feedback.objects.create(received_at="2026-11-01T10:00Z", comment="Spam")
    sign_in(Role.LOCAL_OFFER_OFFICER)
    post_edit(client, reverse("localoffer:feedback-respond", args=[item.pk]), {"outcome": "close"})
    item.refresh_from_db()
    assert item.status == "closed"
    assert "Nothing has been published yet" in client.get(reverse("localoffer:you-said-we-did")).content.decode()


def test_empty_feedback_is_refused(client):
    body = client.post(reverse("localoffer:feedback"), {"comment": "  "}).content.decode()
    assert "Enter your feedback" in body and not Feedback.objects.exists()


def test_use_is_counted_by_day_and_kind_only_and_shown_to_the_team(client, sign_in, directory):
    service = directory.service()
    client.get(reverse("localoffer:home"))
    client.get(reverse("localoffer:service", args=[service.id]))
    client.get(reverse("localoffer:search"), {"q": "speech"})
    client.get(reverse("localoffer:search"), {"q": "nothing matches this"})
    client.get(reverse("localoffer:search"), {"page": "2"})  # the list of every service is a page view
    counts = dict(UseCount.objects.values_list("kind", "count"))
    assert counts == {"page_view": 3, "search": 2, "zero_result_search": 1}
    # Nothing about who searched or what: the table has a day, a kind and a count.
    assert {f.name for f in UseCount._meta.get_fields()} == {"id", "day", "kind", "count"}
    sign_in(Role.LOCAL_OFFER_OFFICER)
    team = client.get(reverse("localoffer:team")).content.decode()
    assert "Searches with no results" in team and "Use by day" in team


def test_the_team_page_reads_with_a_fixed_number_of_queries(client, sign_in, directory, django_assert_max_num_queries):
    for n in range(10):
        directory.service(f"Club {n}")
    Feedback.objects.bulk_create([Feedback(received_at="2026-11-01T10:00Z", comment=f"c{n}") for n in range(10)])
    sign_in(Role.LOCAL_OFFER_OFFICER)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("localoffer:team")).status_code == 200


def test_counting_several_kinds_at_once_creates_and_then_increments_each(db):
    from datetime import date

    from sendboard.localoffer.services import use_count_record

    day = date(2026, 11, 2)
    use_count_record(kind=UseCount.Kind.SEARCH, day=day)
    use_count_record(kinds=(UseCount.Kind.SEARCH, UseCount.Kind.ZERO_RESULT_SEARCH), day=day)
    use_count_record(kinds=(UseCount.Kind.SEARCH, UseCount.Kind.ZERO_RESULT_SEARCH), day=day)
    assert dict(UseCount.objects.filter(day=day).values_list("kind", "count")) == {"search": 3, "zero_result_search": 2}
