"""Lost updates (outside probe, December 2026): two people editing one record, the second save silently
reverted the first's. Now every edit form carries the version it was opened with; the second save is refused,
says what changed and keeps what the second editor typed; saving again on purpose then works."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.plans import services
from sendboard.plans.models import Action, Finding, Inspection, MilestoneRule, Plan, ProgressUpdate
from tests.editing import editor, opened_version, version_in

pytestmark = pytest.mark.django_db


def _dates(prefix: str, day: date) -> dict:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


@dataclass
class Edit:
    name: str
    url: Callable[[dict], str]
    first: Callable[[dict], dict]
    second: Callable[[dict], dict]
    stored: Callable[[dict], object]  # what the record holds, read afresh
    first_value: object
    says: str  # what the refusal shows of the first editor's change
    typed: str  # what the second editor typed, kept on the page


ACTION_DATES = {**_dates("start_date", date(2026, 1, 5)), **_dates("due_date", date(2027, 3, 31))}

EDITS = [
    Edit(
        "action title and dates",
        lambda p: reverse("plans:action-edit", args=[p["action"].pk]),
        lambda p: {"title": "Rebuild the Local Offer website", **ACTION_DATES},
        lambda p: {"title": "Rebuild the website with families", **ACTION_DATES},
        lambda p: Action.objects.get(pk=p["action"].pk).title,
        "Rebuild the Local Offer website",
        "Rebuild the Local Offer website",
        "Rebuild the website with families",
    ),
    Edit(
        "action RAG override",
        lambda p: reverse("plans:action-rag", args=[p["action"].pk]),
        lambda p: {"rag": "red", "reason": "Supplier failed"},
        lambda p: {"rag": "green", "reason": "Back on track, I think"},
        lambda p: Action.objects.get(pk=p["action"].pk).rag_override,
        "red",
        "Red",
        "Back on track, I think",
    ),
    Edit(
        "action public summary",
        lambda p: reverse("plans:action-public-summary", args=[p["action"].pk]),
        lambda p: {"public_summary": "A new website for families"},
        lambda p: {"public_summary": "Families helped build the site"},
        lambda p: Action.objects.get(pk=p["action"].pk).public_summary,
        "A new website for families",
        "A new website for families",
        "Families helped build the site",
    ),
    Edit(
        "action dependencies",
        lambda p: reverse("plans:action-dependencies", args=[p["action"].pk]),
        lambda p: {"depends_on": [p["other"].pk]},
        lambda p: {"depends_on": []},
        lambda p: list(Action.objects.get(pk=p["action"].pk).depends_on.values_list("reference", flat=True)),
        ["1.2"],
        "1.2 Write the content",
        "",
    ),
    Edit(
        "finding's plain English",
        lambda p: reverse("plans:finding-plain-english", args=[p["finding"].pk]),
        lambda p: {"plain_english": "Families could not find help"},
        lambda p: {"plain_english": "The website was hard to use"},
        lambda p: Finding.objects.get(pk=p["finding"].pk).plain_english,
        "Families could not find help",
        "Families could not find help",
        "The website was hard to use",
    ),
    Edit(
        "inspection outcome",
        lambda p: reverse("plans:outcome-edit", args=[p["inspection"].pk]),
        lambda p: {"outcome": "outcome_2"},
        lambda p: {"outcome": ""},
        lambda p: Inspection.objects.get(pk=p["inspection"].pk).outcome,
        "outcome_2",
        "Outcome 2",
        "",
    ),
    Edit(
        "milestone rule",
        lambda p: reverse("plans:rule-edit", args=[MilestoneRule.objects.get(code="wsoa-submit").pk]),
        lambda p: {**p["rule_data"], "count": "60", "reason": "Handbook 2019"},
        lambda p: {**p["rule_data"], "count": "75", "reason": "My reading of the handbook"},
        lambda p: MilestoneRule.objects.get(code="wsoa-submit").count,
        60,
        "60",
        "My reading of the handbook",
    ),
    Edit(
        "plan closed",
        lambda p: reverse("plans:plan-status", args=[p["plan"].pk]),
        lambda p: {"status": "closed"},
        lambda p: {"status": "closed"},
        lambda p: Plan.objects.get(pk=p["plan"].pk).status,
        "closed",
        "Closed",
        "",
    ),
    Edit(
        "action status in a progress update",
        lambda p: reverse("plans:action-update", args=[p["action"].pk]),
        lambda p: {**_dates("day", date(2026, 3, 2)), "summary": "Work is complete", "status": "complete"},
        lambda p: {**_dates("day", date(2026, 3, 3)), "summary": "Supplier still testing", "status": "in_progress"},
        lambda p: Action.objects.get(pk=p["action"].pk).status,
        "complete",
        "Complete",
        "Supplier still testing",
    ),
]


@pytest.fixture
def edited(small_plan, leader):
    owner = small_plan["owner"]
    small_plan["other"] = services.action_create(
        user=leader,
        workstream=small_plan["workstream"],
        reference="1.2",
        title="Write the content",
        owner=owner,
        organisation=owner.organisation,
        start_date=date(2026, 1, 5),
        due_date=date(2026, 12, 1),
    )
    rule = MilestoneRule.objects.get(code="wsoa-submit")
    small_plan["rule_data"] = {
        "anchor_event": rule.anchor_event,
        "unit": rule.unit,
        "count": str(rule.count),
        "convention": rule.convention,
        "source": rule.source,
    }
    return small_plan


@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_lost_update_two_editors_second_save_refused(edited, edit):
    """Given two editors who open the same form, when the first saves and then the second, the second is refused,
    shown what the first changed, and keeps what they typed; the record keeps the first's change."""
    role = Role.ADMINISTRATOR if edit.name == "milestone rule" else Role.AREA_LEADER
    first, second = editor(role), editor(role)
    url = edit.url(edited)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert first_version == second_version

    assert first.post(url, {**edit.first(edited), "version": first_version}).status_code == 302
    refused = second.post(url, {**edit.second(edited), "version": second_version})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone else changed this since you opened the page" in page
    assert f"It now says: “{edit.says}" in page or f"“{edit.says}”" in page or f"It now holds: {edit.says}." in page
    assert edit.typed in page
    assert edit.stored(edited) == edit.first_value
    if edit.name == "action status in a progress update":
        assert list(ProgressUpdate.objects.values_list("summary", flat=True)) == ["Work is complete"]

    # The refusal carries the version now held, so saving again is a deliberate choice that goes through.
    again = second.post(url, {**edit.second(edited), "version": version_in(page)})
    assert again.status_code == 302


def test_lost_update_a_form_posted_without_its_version_is_refused_not_applied(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    response = client.post(
        reverse("plans:action-edit", args=[small_plan["action"].pk]), {"title": "No version", **ACTION_DATES}
    )
    assert "Someone else changed this" in response.content.decode()
    assert Action.objects.get(pk=small_plan["action"].pk).title == "Rebuild the website"


def test_lost_update_checked_in_the_service_not_only_the_view(small_plan, leader):
    from sendboard.core.concurrency import EditConflict

    action = small_plan["action"]
    opened = services.edit_version("action_details", action)
    services.action_update(user=leader, action=Action.objects.get(pk=action.pk), title="First", version=opened)
    with pytest.raises(EditConflict) as refused:
        services.action_update(user=leader, action=Action.objects.get(pk=action.pk), title="Second", version=opened)
    assert refused.value.changed == {"title": "First"}
    assert Action.objects.get(pk=action.pk).title == "First"
