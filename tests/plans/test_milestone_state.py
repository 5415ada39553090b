"""Given a milestone, when the inspection page and the board pack say where it stands, then they say the same,
a milestone done late is never just "met", and a regime a revisit has ended has no open milestones; and the
public page says when an action is late."""

from __future__ import annotations

import re
from datetime import date

import html5lib
import pytest
import time_machine
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.plans import services
from sendboard.plans.milestone_state import milestone_state
from sendboard.plans.models import Action, Milestone

pytestmark = pytest.mark.django_db
ENDED = date(2021, 12, 14)


def state(due, done=None, *, today=date(2026, 12, 3), ended=None):
    return milestone_state(Milestone(due_date=due, actual_date=done), today=today, regime_ended=ended)


@pytest.mark.parametrize(
    ("milestone", "text", "still_open"),
    [
        (state(date(2018, 8, 23), date(2018, 8, 20)), "Met on 20 August 2018", False),
        (state(date(2018, 12, 5), date(2026, 12, 3)), "Met late, on 3 December 2026", False),
        (state(date(2027, 1, 5)), "Not yet due", True),
        (state(date(2026, 11, 5)), "Overdue: no date recorded", True),
        (
            state(date(2018, 12, 5), ended=ENDED),
            "Missed: not done before the revisit of 14 December 2021 ended this regime",
            False,
        ),
        (
            state(date(2022, 5, 16), ended=ENDED),
            "No longer needed: the revisit of 14 December 2021 ended this regime",
            False,
        ),
        (state(date(2018, 12, 5), today=date(2020, 1, 1), ended=ENDED), "Overdue: no date recorded", True),
    ],
)
def test_one_rule_says_where_a_milestone_stands(milestone, text, still_open):
    assert (milestone.text, milestone.open) == (text, still_open)


def _text(html: str) -> str:
    document = html5lib.parse(html, namespaceHTMLElements=False)
    return re.sub(r"\s+", " ", "".join(document.find(".//main").itertext()))


@time_machine.travel("2026-12-03 09:00 +0000", tick=False)
def test_the_inspection_page_and_the_board_pack_agree_and_a_revisit_closes_the_old_regime(
    client, sign_in, small_plan, leader
):
    inspection = small_plan["inspection"]
    for kind, day in (
        ("report_published", date(2018, 5, 16)),
        ("statement_submitted", date(2018, 8, 20)),
        ("monitoring_visit", date(2018, 9, 5)),
    ):
        services.inspection_event_record(user=leader, inspection=inspection, kind=kind, day=day)
    # A monitoring visit recorded today, eight years after the second visit fell due.
    services.inspection_event_record(user=leader, inspection=inspection, kind="monitoring_visit", day=date(2026, 12, 3))
    revisit = services.inspection_create(
        user=leader, framework="2016", kind="revisit", title="Revisit", follows=inspection
    )
    services.inspection_event_record(user=leader, inspection=revisit, kind="revisit_letter", day=ENDED)
    sign_in(Role.AREA_LEADER)

    inspection_page = _text(client.get(reverse("plans:inspection", args=[inspection.pk])).text)
    board_pack = _text(
        client.get(reverse("plans:board-pack", args=[small_plan["plan"].pk]) + "?period_end=2026-12-31").text
    )

    assert "Met late, on 3 December 2026" in inspection_page and "Met late, on 3 December 2026" in board_pack
    assert "met 3 December 2026" not in board_pack
    assert "Missed" not in inspection_page.split("Met late")[0][-200:]  # the late visit is not called missed
    open_in_pack = board_pack.split("Statutory milestones open or met this period")[1]
    advice = Milestone.objects.get(inspection=inspection, rule__code="advice-to-minister")
    assert advice.actual_date is None and advice.rule.name not in open_in_pack  # ended with the regime, not open
    assert "Missed: not done before the revisit of 14 December 2021 ended this regime" in inspection_page


@time_machine.travel("2026-12-03 09:00 +0000", tick=False)
def test_the_public_page_says_an_action_past_its_due_date_is_late(client, small_plan, leader):
    finding, action = small_plan["finding"], small_plan["action"]
    services.action_public_summary_set(user=leader, action=action, public_summary="We are rebuilding the website")
    services.publication_approve(user=leader, finding=finding)
    services.publication_approve(user=leader, action=action)
    Action.objects.filter(pk=action.pk).update(status=Action.Status.IN_PROGRESS, due_date=date(2026, 10, 30))
    page = _text(client.get(reverse("plans:public-finding", args=[finding.pk])).text)
    assert "Late In progress: it was due by 30 October 2026" in page
    Action.objects.filter(pk=action.pk).update(due_date=date(2027, 3, 31))
    page = _text(client.get(reverse("plans:public-finding", args=[finding.pk])).text)
    assert "Late" not in page and "In progress" in page
