"""The information pages SEND Regulations 2014 Schedule 2 requires, and the checklist of what is present,
missing or out of date."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import InformationPage, InformationTopic
from sendboard.localoffer.selectors import schedule_2_checklist
from tests.editing import post_edit

pytestmark = pytest.mark.django_db


def page(topic: str, review_by: date) -> InformationPage:
    return InformationPage.objects.create(
        topic=topic,
        title=InformationTopic(topic).label,
        summary="Summary.",
        body="First paragraph.\n\nSecond paragraph.",
        review_by=review_by,
        updated_at="2026-11-01T10:00Z",
    )


@time_machine.travel(date(2026, 12, 1))
def test_the_checklist_shows_every_required_topic_as_present_missing_or_out_of_date():
    page(InformationTopic.HEALTH, date(2027, 1, 1))
    page(InformationTopic.TRAVEL, date(2026, 11, 30))
    states = {item.topic: item.state for item in schedule_2_checklist()}
    assert set(states) == set(InformationTopic.values)
    assert states[InformationTopic.HEALTH] == "present"
    assert states[InformationTopic.TRAVEL] == "out_of_date"
    assert states[InformationTopic.COMPLAINTS] == "missing"
    assert list(states.values()).count("missing") == len(InformationTopic.values) - 2


def test_the_team_writes_a_missing_page_and_the_public_reads_it(client, sign_in):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    checklist = client.get(reverse("localoffer:checklist")).content.decode()
    information_table = checklist.split("Services by kind of provision")[0]
    assert information_table.count("Missing") == len(InformationTopic.values)
    url = reverse("localoffer:information-edit", args=["complaints"])
    error = client.post(
        url,
        {
            "title": "",
            "summary": "s",
            "body": "b",
            "review_by-day": "31",
            "review_by-month": "2",
            "review_by-year": "2027",
        },
    )
    assert "The review by must be a real date" in error.content.decode()
    post_edit(
        client,
        url,
        {
            "title": "Complaints and appeals",
            "summary": "How to complain.",
            "body": "Para one.\n\nPara two.",
            "review_by-day": "31",
            "review_by-month": "3",
            "review_by-year": "2027",
        },
    )
    client.logout()
    public = client.get(reverse("localoffer:information", args=["complaints"])).content.decode()
    assert "Complaints and appeals" in public and '<p class="govuk-body">Para two.</p>' in public
    assert "Complaints and appeals" in client.get(reverse("localoffer:home")).content.decode()


def test_an_unwritten_or_unknown_topic_is_not_found(client):
    assert client.get(reverse("localoffer:information", args=["health"])).status_code == 404
    assert client.get(reverse("localoffer:information", args=["astrology"])).status_code == 404


def test_a_page_past_its_review_date_says_so(client):
    page(InformationTopic.HEALTH, date(2020, 1, 1))
    assert "may be out of date" in client.get(reverse("localoffer:information", args=["health"])).content.decode()


def test_the_checklist_shows_which_kinds_of_provision_have_services(
    client, sign_in, directory, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    from sendboard.localoffer.selectors import category_coverage

    directory.service("Speech clinic", categories=("therapy", "health"))
    directory.service("Old club", categories=("short-breaks",), review_by=timezone.localdate() - timedelta(days=1))
    coverage = {c.code: (c.published, c.overdue, c.state) for c in category_coverage()}
    assert coverage["therapy"] == (1, 0, "present") and coverage["health"] == (1, 0, "present")
    assert coverage["short-breaks"] == (1, 1, "out_of_date") and coverage["travel"] == (0, 0, "missing")
    sign_in(Role.LOCAL_OFFER_OFFICER)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("localoffer:checklist")).content.decode()
    assert "Services by kind of provision" in body and "Travel assistance" in body
