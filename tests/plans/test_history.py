"""Given a change recorded with field names and stored values, when it is shown, then people read labels and choices."""

from django.contrib.contenttypes.models import ContentType

from sendboard.audit.models import Change
from sendboard.plans.history import change_details

_ACTION = ContentType(app_label="plans", model="action")
_RULE = ContentType(app_label="plans", model="milestonerule")


def test_a_status_change_reads_as_the_choices_people_picked():
    change = Change(
        subject_type=_ACTION,
        subject_id="1",
        what="Action changed",
        before={"status": "not_started", "due_date": "2026-10-30"},
        after={"status": "in_progress", "due_date": "2026-12-31"},
    )
    assert change_details(change) == [
        "Status: Not started → In progress",
        "Due date: 30 October 2026 → 31 December 2026",
    ]


def test_a_value_with_nothing_before_is_shown_alone_and_rag_keys_read_as_rag():
    change = Change(
        subject_type=_ACTION,
        subject_id="1",
        what="RAG override",
        before={"rag_override": ""},
        after={"rag_override": "red"},
    )
    assert change_details(change) == ["RAG override: none → Red"]
    added = Change(
        subject_type=_ACTION, subject_id="1", what="Progress update", after={"date": "2026-11-02", "rag": "amber"}
    )
    assert change_details(added) == ["Date: 2 November 2026", "RAG: Amber"]


def test_a_rule_change_uses_the_rules_own_labels():
    change = Change(
        subject_type=_RULE,
        subject_id="1",
        what="Milestone rule changed",
        before={"convention": "after_anchor"},
        after={"convention": "anchor_is_day_one"},
    )
    assert change_details(change) == [
        "Convention: Day 1 is the first day after the anchor event → The anchor event's own day is day 1"
    ]
