"""Journeys through EHC casework, each from the start page by clicking: a caseworker works the oldest overdue
step in their queue; a team manager reviews the team's missed timescales for last quarter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.casework.models import StatutoryStep
from sendboard.casework.services import steps_refresh
from tests.browser.conftest import choose, field, follow, heading, press, start
from tests.casework.helpers import make_case, team

pytestmark = pytest.mark.django_db(transaction=True)

DECISION_WEEKS = timedelta(weeks=6)  # a request is decided within 6 weeks of its receipt


def named_case(forename: str, surname: str, **case):
    child = make_case(**case)
    child.forename, child.surname = forename, surname
    child.save(update_fields=["forename", "surname"])
    return child


def column(page, caption: str, index: int) -> list[str]:
    """The text of one column of the table captioned ``caption``."""
    table = page.get_by_role("table", name=caption)
    return [cell.strip() for cell in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


def test_a_caseworker_works_the_oldest_overdue_step(page, browser_sign_in):
    # Given a caseworker whose cases have two overdue decisions, one long overdue, and one not yet due
    today = timezone.localdate()
    caseworker = browser_sign_in(Role.CASEWORKER)
    team(caseworker.organisation)
    oldest = named_case("Amelia", "Thorne", received=today - timedelta(days=200), caseworker=caseworker)
    newer = named_case("Zara", "Jessop", received=today - timedelta(days=60), caseworker=caseworker)
    waiting = named_case("Lily", "Northcott", received=today - timedelta(days=10), caseworker=caseworker)
    steps_refresh(child_ids=[oldest.id, newer.id, waiting.id], as_of=today)
    step = StatutoryStep.objects.get(child=oldest, step="decision_to_assess")

    # When they go from the start page to their work, which counts two overdue steps, and list those, oldest first
    start(page)
    press(page, "Go to your work")
    follow(page, "2 Steps overdue on your cases")
    assert heading(page) == "My cases"
    choose(page, "Show", "Overdue")
    choose(page, "Sort by", "Oldest due date first")
    press(page, "Apply filters")

    # Then the two overdue steps are listed, the longest overdue first
    assert column(page, "Steps to work on", 1) == ["Amelia Thorne", "Zara Jessop"]

    # When they open that child and record why the decision was late
    follow(page, "Amelia Thorne")
    assert heading(page) == "Amelia Thorne"
    follow(page, "Record a reason for decision whether to assess", exact=False)
    page.get_by_label("Decision-making panel delayed").check()
    field(page, "What happened").fill("The panel in June was cancelled.")
    press(page, "Save reason")

    # Then the child's timescales show the reason against the step, and it is recorded
    assert heading(page) == "Amelia Thorne"
    step.refresh_from_db()
    assert (
        step.breach_reason
        and page.get_by_role("table", name="Statutory timescales")
        .get_by_text("Decision-making panel delayed")
        .is_visible()
    )


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def test_a_team_manager_reviews_breaches_for_last_quarter(page, browser_sign_in):
    # Given missed decisions due in the middle of last quarter (one still not made, one made late) and one due the
    # quarter before
    today = timezone.localdate()
    last_quarter = quarter_start(quarter_start(today) - timedelta(days=1))
    quarter_before = quarter_start(last_quarter - timedelta(days=1))
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation)
    received_last = last_quarter + timedelta(days=45) - DECISION_WEEKS
    children = [
        named_case("Ava", "Carver", received=received_last),
        named_case(
            "Ben",
            "Oakes",
            received=received_last - timedelta(days=3),
            decided=received_last + timedelta(days=70),
            outcome="N",
        ),
        named_case("Cal", "Rowley", received=quarter_before + timedelta(days=45) - DECISION_WEEKS),
    ]
    steps_refresh(child_ids=[child.id for child in children], as_of=today)

    # When they go from the start page to their work, which counts three missed deadlines with no reason, and to those
    start(page)
    press(page, "Go to your work")
    follow(page, "3 The team's missed deadlines with no reason recorded")
    assert heading(page) == "The team's caseload"
    assert sorted(column(page, "Missed timescales that match the filters", 1)) == [
        "Ava Carver",
        "Ben Oakes",
        "Cal Rowley",
    ]

    # and choose last quarter
    choose(page, "Due in", "Last quarter")
    press(page, "Apply filters")

    # Then only last quarter's missed timescales are counted and listed, the one not yet done and the one done late
    assert sorted(column(page, "Missed timescales that match the filters", 1)) == ["Ava Carver", "Ben Oakes"]
    assert column(page, "Missed timescales by reason", 2) == ["2"]
