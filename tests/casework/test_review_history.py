"""Given a plan reviewed more than once, when the next review is recorded, then the review before stays in the
plan's history with its own due dates, late if it was late: on the child's page, in the statutory steps, in the
timeliness figures and in the subject access export (ADR 0174)."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps

from sendboard.accounts.roles import Role
from sendboard.casework.models import ActivePlan, AnnualReview, Child, StatutoryStep
from sendboard.casework.retention import children_past_retention_remove
from sendboard.casework.subject_access import subject_access_sections
from sendboard.casework.timeliness import Share, timeliness_for_area
from tests.casework.helpers import make_case, team, worcestershire
from tests.casework.test_recording import FROZEN, _case_with_plan, _date, _record
from tests.html import page, table_rows, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(sign_in):
    """A caseworker of Worcestershire's SEND team, signed in."""
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user


def _two_reviews(client) -> Child:
    """The first review decided late (meeting 2 February, decided 20 March: 4 weeks ran out on 2 March), the
    second recorded after it."""
    child = _case_with_plan(client)
    _record(client, child, "review-meeting", _date("held", date(2026, 2, 2)))
    _record(client, child, "review-report", _date("received", date(2026, 2, 10)))
    _record(client, child, "review-decision", {"outcome": "M", **_date("decided", date(2026, 3, 20))})
    _record(client, child, "review-meeting", _date("held", date(2026, 6, 1)))
    return child


def _step(child, step, subject) -> StatutoryStep:
    return StatutoryStep.objects.get(child=child, step=step, subject=subject)


@FROZEN
def test_a_late_review_decision_stays_late_after_the_next_review_is_recorded(client, caseworker):
    child = _two_reviews(client)
    first = _step(child, "review_decision", "review:2026-02-02")
    assert (first.due_date, first.done_date) == (date(2026, 3, 2), date(2026, 3, 20))
    assert first.is_breached(date(2026, 6, 15))
    second = _step(child, "review_decision", "review:2026-06-01")
    assert (second.due_date, second.done_date) == (date(2026, 6, 29), None)


@FROZEN
def test_each_review_meeting_closes_the_twelve_months_it_follows(client, caseworker):
    child = _two_reviews(client)
    after_plan = _step(child, "annual_review", "review-after:2026-01-12")
    after_first = _step(child, "annual_review", "review-after:2026-02-02")
    assert (after_plan.due_date, after_plan.done_date) == (date(2027, 1, 12), date(2026, 2, 2))
    assert (after_first.due_date, after_first.done_date) == (date(2027, 2, 2), date(2026, 6, 1))
    assert _step(child, "annual_review", "review-after:2026-06-01").done_date is None


@FROZEN
def test_the_child_page_lists_every_review_newest_first_with_due_dates_and_whether_on_time(client, caseworker):
    child = _two_reviews(client)
    rows = table_rows(client.get(f"/casework/children/{child.public_id}/").content, "Annual reviews")
    assert rows == [
        [
            "1 June 2026 Due 2 February 2027 Met",
            "Not recorded Due 15 June 2026 Due soon",  # today: 2 weeks after the meeting
            "Not yet Due 29 June 2026 Upcoming",  # the warning falls on 22 June
            "Not needed",
            "Not needed",
        ],
        [
            "2 February 2026 Due 12 January 2027 Met",
            "10 February 2026 Due 16 February 2026 Met",
            "Maintain the EHC plan, 20 March 2026 Due 2 March 2026 Late",
            "Not needed",
            "Not needed",
        ],
    ]


@FROZEN
def test_the_timeliness_figures_count_every_review_decided_in_the_year(client, caseworker):
    child = _two_reviews(client)
    _record(client, child, "review-decision", {"outcome": "M", **_date("decided", date(2026, 6, 12))})
    figures = timeliness_for_area(area=worcestershire(), year=2026)
    assert (figures.reviews_decided, figures.reviews_decided_within_4_weeks) == (2, Share(1, 2))


@FROZEN
def test_the_subject_access_export_carries_every_review(client, caseworker):
    child = _two_reviews(client)
    sections = dict(subject_access_sections(child))
    assert [row["meeting"] for row in sections["Annual reviews"]] == ["2026-02-02", "2026-06-01"]


@FROZEN
def test_a_childs_reviews_go_with_them_under_the_retention_rules(client, caseworker):
    child = _two_reviews(client)
    Child.objects.filter(pk=child.pk).update(birth_date=date(1990, 1, 1))
    assert children_past_retention_remove(born_before=date(1995, 12, 5)) == 1
    assert not AnnualReview.objects.exists()


def test_the_migration_makes_one_history_entry_for_each_plan_with_a_review():
    reviewed = make_case(
        outcome="Y",
        decided=date(2025, 10, 1),
        plan_start=date(2025, 1, 6),
        review_meeting=date(2026, 1, 5),
        review_outcome="M",
        last_review=date(2026, 1, 20),
    )
    # SEN2's decision may be older than its meeting: it then belongs to the review before, not this one.
    awaiting = make_case(
        outcome="Y",
        decided=date(2025, 10, 1),
        plan_start=date(2024, 1, 8),
        review_meeting=date(2026, 1, 5),
        review_outcome="A",
        last_review=date(2025, 1, 20),
    )
    make_case(outcome="Y", decided=date(2025, 10, 1), plan_start=date(2025, 6, 2))  # never reviewed
    migration = importlib.import_module("sendboard.casework.migrations.0011_annual_review_history")
    migration.history_from_latest_reviews(django_apps, None)
    found = {
        r.active_plan.request.child_id: (r.meeting, r.follows, r.outcome, r.decided)
        for r in AnnualReview.objects.select_related("active_plan__request")
    }
    assert found == {
        reviewed.id: (date(2026, 1, 5), None, "M", date(2026, 1, 20)),
        awaiting.id: (date(2026, 1, 5), None, "", None),
    }
    assert ActivePlan.objects.count() == 3


@FROZEN
def test_the_timeline_shows_every_review(client, caseworker):
    child = _two_reviews(client)
    document = page(client.get(f"/casework/children/{child.public_id}/").content)
    timeline = [text_of(li) for li in document.xpath("//ol[contains(@class, 'sendboard-timeline')]/li")]
    assert [t for t in timeline if "Annual review" in t] == [
        "2 February 2026: Annual review meeting",
        "20 March 2026: Annual review decision: maintain the ehc plan",
        "1 June 2026: Annual review meeting",
    ]
