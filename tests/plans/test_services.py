"""Plans, actions, updates, RAG, object-level rules and history: bad input changes nothing."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_to
from sendboard.plans import permissions, services
from sendboard.plans.models import Action, ProgressUpdate
from sendboard.plans.rag import RagInputs, derive_rag, update_state
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_action_due_before_it_starts_is_refused_and_nothing_is_created(small_plan, leader):
    with pytest.raises(ValidationError) as raised:
        services.action_create(
            user=leader,
            workstream=small_plan["workstream"],
            reference="1.2",
            title="Backwards",
            owner=leader,
            organisation=leader.organisation,
            start_date=date(2026, 5, 1),
            due_date=date(2026, 4, 30),
        )
    assert raised.value.message_dict == {"due_date": ["The due date must be the same as or after the start date"]}
    assert not Action.objects.filter(reference="1.2").exists()
    with pytest.raises(ValidationError):
        services.action_update(user=leader, action=small_plan["action"], due_date=date(2025, 1, 1))
    small_plan["action"].refresh_from_db()
    assert small_plan["action"].due_date == date(2027, 3, 31)


def test_an_update_on_a_closed_plan_is_refused_and_nothing_changes(small_plan, leader):
    services.plan_status_set(user=leader, plan=small_plan["plan"], status="closed")
    action = Action.objects.get(pk=small_plan["action"].pk)
    with pytest.raises(ValidationError, match="Test plan is closed"):
        services.progress_update_record(
            user=small_plan["owner"], action=action, day=date(2026, 2, 1), summary="Done some", status="in_progress"
        )
    action.refresh_from_db()
    assert (action.status, action.last_update_date, ProgressUpdate.objects.count()) == ("not_started", None, 0)


def test_an_override_needs_a_reason_and_is_kept_in_history(small_plan):
    action, owner = small_plan["action"], small_plan["owner"]
    with pytest.raises(ValidationError, match="reason"):
        services.action_rag_override_set(user=owner, action=action, rag="red", reason="")
    action.refresh_from_db()
    assert action.rag_override == ""
    services.action_rag_override_set(
        user=owner, action=action, rag="red", reason="Supplier has gone into administration"
    )
    assert services.action_rag(action, today=date(2026, 2, 1)) == "red"
    services.action_rag_override_set(user=owner, action=action, rag="", reason="New supplier found")
    # Back to the derived rating: amber, because it should have started on 5 January and has not.
    assert services.action_rag(action, today=date(2026, 2, 1)) == "amber"
    history = list(
        changes_to(action).filter(what="RAG override").order_by("id").values_list("reason", "after", "changed_by")
    )
    assert history == [
        ("Supplier has gone into administration", {"rag_override": "red"}, owner.pk),
        ("New supplier found", {"rag_override": ""}, owner.pk),
    ]


def test_an_action_owner_changes_only_their_own_actions(small_plan):
    other_owner = UserFactory(role=Role.ACTION_OWNER)
    with pytest.raises(PermissionDenied):
        services.progress_update_record(
            user=other_owner, action=small_plan["action"], day=date(2026, 2, 1), summary="Not mine"
        )
    update = services.progress_update_record(
        user=small_plan["owner"], action=small_plan["action"], day=date(2026, 2, 1), summary="Mine"
    )
    assert update.author == small_plan["owner"]


def test_a_workstream_lead_changes_only_their_workstreams_actions(small_plan):
    assert permissions.user_can_change_action(user=small_plan["health_lead"], action=small_plan["action"])
    outsider = UserFactory(role=Role.WORKSTREAM_LEAD)
    assert not permissions.user_can_change_action(user=outsider, action=small_plan["action"])
    with pytest.raises(PermissionDenied):
        services.action_create(
            user=outsider,
            workstream=small_plan["workstream"],
            reference="9",
            title="x",
            owner=outsider,
            organisation=outsider.organisation,
            start_date=date(2026, 1, 1),
            due_date=date(2026, 2, 1),
        )


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_an_adviser_changes_nothing_but_monitoring_records(small_plan):
    adviser = UserFactory(role=Role.ADVISER)
    assert not permissions.user_can_change_action(user=adviser, action=small_plan["action"])
    with pytest.raises(PermissionDenied):
        services.progress_update_record(user=adviser, action=small_plan["action"], day=date(2026, 2, 1), summary="x")
    with pytest.raises(PermissionDenied):
        services.finding_create(
            user=adviser, inspection=small_plan["inspection"], kind="improvement", reference="z", text="x"
        )
    visit = services.monitoring_visit_record(
        user=adviser,
        plan=small_plan["plan"],
        day=date(2026, 2, 20),
        attendees="DfE adviser",
        summary="Quarterly visit",
        progress_measures_agreed="Plans audited\nWaiting times",
    )
    assert visit.recorded_by == adviser
    assert small_plan["inspection"].events.filter(kind="monitoring_visit", date=date(2026, 2, 20)).exists()


def test_every_change_is_kept_with_who_and_when(small_plan):
    owner, action = small_plan["owner"], small_plan["action"]
    services.progress_update_record(
        user=owner, action=action, day=date(2026, 2, 1), summary="Started", status="in_progress"
    )
    records = list(changes_to(action).order_by("id"))
    assert [r.what for r in records] == ["Action added", "Action changed", "Progress update"]
    changed = records[1]
    assert (changed.before, changed.after, changed.changed_by) == (
        {"status": "not_started"},
        {"status": "in_progress"},
        owner,
    )
    assert changed.changed_at is not None


def test_completing_an_action_needs_its_completion_date(small_plan, leader):
    with pytest.raises(ValidationError, match="completed"):
        services.action_update(user=leader, action=small_plan["action"], status="complete")
    services.progress_update_record(
        user=leader, action=small_plan["action"], day=date(2026, 3, 2), summary="Done", status="complete"
    )
    small_plan["action"].refresh_from_db()
    assert (small_plan["action"].status, small_plan["action"].completed_date) == ("complete", date(2026, 3, 2))


def test_publication_needs_text_and_a_changed_text_needs_approving_again(small_plan, leader):
    action = small_plan["action"]
    with pytest.raises(ValidationError, match="plain-English"):
        services.publication_approve(user=leader, action=action)
    services.action_public_summary_set(user=leader, action=action, public_summary="We are rebuilding the website")
    services.publication_approve(user=leader, action=action)
    assert action.public_summary_approved_at is not None
    services.action_public_summary_set(user=leader, action=action, public_summary="We are rebuilding it with families")
    assert action.public_summary_approved_at is None
    with pytest.raises(PermissionDenied):
        services.publication_approve(user=small_plan["owner"], action=action)


@pytest.mark.parametrize(
    ("status", "start", "due", "last", "today", "expected"),
    [
        ("complete", date(2026, 1, 1), date(2026, 2, 1), None, date(2026, 6, 1), "complete"),
        ("in_progress", date(2026, 1, 1), date(2026, 2, 1), date(2026, 1, 20), date(2026, 2, 2), "red"),
        ("not_started", date(2026, 1, 1), date(2026, 12, 1), None, date(2026, 1, 2), "amber"),
        ("not_started", date(2026, 1, 1), date(2026, 12, 1), None, date(2026, 1, 1), "green"),
        ("in_progress", date(2026, 1, 1), date(2026, 12, 1), date(2026, 3, 1), date(2026, 4, 15), "green"),
        ("in_progress", date(2026, 1, 1), date(2026, 12, 1), date(2026, 3, 1), date(2026, 4, 16), "amber"),
        ("in_progress", date(2026, 1, 1), date(2026, 12, 1), date(2026, 11, 20), date(2026, 11, 17), "amber"),
    ],
)
def test_rag_is_derived_from_progress_against_dates(status, start, due, last, today, expected):
    assert derive_rag(RagInputs(status, start, due, last), today=today) == expected


@pytest.mark.parametrize(
    ("last", "today", "expected"),
    [
        (date(2026, 11, 2), date(2026, 11, 23), "up_to_date"),
        (date(2026, 10, 30), date(2026, 11, 23), "due"),
        (date(2026, 9, 30), date(2026, 11, 23), "overdue"),
        (None, date(2026, 11, 23), "overdue"),
    ],
)
def test_monthly_updates_are_due_then_overdue(last, today, expected):
    assert (
        update_state(status="in_progress", last_update_date=last, start_date=date(2026, 1, 5), today=today) == expected
    )


days = st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))


@given(
    status=st.sampled_from(["not_started", "in_progress", "complete"]),
    start=days,
    length=st.integers(0, 900),
    last=st.none() | days,
    today=days,
)
def test_rag_properties(status, start, length, last, today):
    due = start + timedelta(days=length)
    rag = derive_rag(RagInputs(status, start, due, last), today=today)
    assert (rag == "complete") == (status == "complete")
    if status != "complete":
        assert (rag == "red") == (today > due)
    state = update_state(status=status, last_update_date=last, start_date=start, today=today)
    if status != "complete" and today >= start and last is not None and last >= today.replace(day=1):
        assert state == "up_to_date"
