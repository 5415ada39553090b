"""Statutory timescales, hand-worked on real dates across bank holidays, weekends, leap days and year ends."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from sendboard.casework.models import ActivePlan, StatutoryStep, TimescaleRule
from sendboard.casework.selectors import timescale_rules
from sendboard.casework.services import steps_refresh
from sendboard.casework.timescales import Rule, add_months, due_date_for, transfer_year, warning_date_for
from sendboard.core.calendar import WorkingDayCalendar
from tests.casework.helpers import make_case

pytestmark = pytest.mark.django_db
CAL = WorkingDayCalendar()


def steps(child, as_of=date(2026, 1, 10)):
    steps_refresh(child_ids=[child.id], as_of=as_of)
    return {(s.step, s.subject): s for s in StatutoryStep.objects.filter(child=child)}


def one(child, step, as_of=date(2026, 1, 10)):
    matches = [s for (name, _), s in steps(child, as_of).items() if name == step]
    assert len(matches) == 1, matches
    return matches[0]


def test_the_rules_are_data_with_their_legislation():
    rules = {r.step: r for r in TimescaleRule.objects.all()}
    assert (rules["decision_to_assess"].unit, rules["decision_to_assess"].count) == ("weeks", 6)
    assert (rules["final_plan"].unit, rules["final_plan"].count) == ("weeks", 20)
    assert (rules["draft_comments"].unit, rules["draft_comments"].count) == ("calendar_days", 15)
    assert (rules["annual_review"].unit, rules["annual_review"].count) == ("months", 12)
    assert (rules["amended_plan"].unit, rules["amended_plan"].count) == ("weeks", 8)
    assert (rules["phase_transfer_school"].count, rules["phase_transfer_school"].fixed_day) == (2, 15)
    assert (rules["phase_transfer_post16"].count, rules["phase_transfer_post16"].fixed_day) == (3, 31)
    assert all(r.legislation and r.version for r in rules.values())


def test_decision_due_on_boxing_day_stays_statutory_and_warns_on_a_working_day():
    step = one(make_case(received=date(2025, 11, 14)), "decision_to_assess")
    assert (step.due_date, step.warning_date) == (date(2025, 12, 26), date(2025, 12, 19))


def test_a_warning_that_falls_on_christmas_day_moves_to_christmas_eve():
    step = one(make_case(received=date(2025, 11, 20)), "decision_to_assess")
    assert (step.due_date, step.warning_date) == (date(2026, 1, 1), date(2025, 12, 24))


def test_final_plan_twenty_weeks_from_the_request_over_the_year_end():
    step = one(make_case(received=date(2025, 8, 29), decided=date(2025, 10, 3), outcome="Y"), "final_plan")
    # 29 Aug 2025 + 140 days = Fri 16 Jan 2026; 21 days before is Boxing Day, so the warning is 24 December.
    assert (step.due_date, step.warning_date) == (date(2026, 1, 16), date(2025, 12, 24))


def test_advice_within_six_weeks_of_asking_names_the_partner():
    child = make_case(
        received=date(2025, 9, 1),
        decided=date(2025, 10, 6),
        outcome="Y",
        advice=[
            ("HEALTH", "Community paediatrics", date(2025, 11, 21), None),
            ("EP", "Educational psychology", date(2025, 10, 7), date(2025, 11, 10)),
        ],
    )
    advice = sorted((s for (name, _), s in steps(child).items() if name == "advice"), key=lambda s: s.anchor_date)
    assert [(s.partner, s.due_date, s.done_date) for s in advice] == [
        ("Educational psychology", date(2025, 11, 18), date(2025, 11, 10)),
        ("Community paediatrics", date(2026, 1, 2), None),
    ]


def test_fifteen_days_to_comment_on_a_draft_counted_in_calendar_days():
    step = one(make_case(outcome="Y", decided=date(2025, 10, 6), draft=date(2025, 12, 17)), "draft_comments")
    assert (step.due_date, step.warning_date, step.done_date) == (date(2026, 1, 1), date(2025, 12, 29), None)


def test_the_comment_period_closes_when_it_runs_out_even_if_the_final_plan_is_later():
    step = one(
        make_case(
            outcome="Y",
            decided=date(2025, 10, 6),
            assessment_outcome="Y",
            assessed=date(2025, 12, 3),
            draft=date(2025, 12, 3),
            plan_start=date(2026, 1, 5),
        ),
        "draft_comments",
    )
    assert (step.due_date, step.done_date) == (date(2025, 12, 18), date(2025, 12, 18))
    assert not step.is_breached(date(2026, 1, 10))


def test_annual_review_twelve_months_from_a_leap_day():
    step = one(
        make_case(
            received=date(2023, 9, 1),
            decided=date(2023, 10, 2),
            outcome="Y",
            assessment_outcome="Y",
            assessed=date(2024, 1, 10),
            plan_start=date(2024, 2, 29),
        ),
        "annual_review",
        as_of=date(2025, 1, 1),
    )
    assert (step.anchor_date, step.due_date, step.warning_date) == (
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2025, 1, 17),
    )


def _reviewed(**fields):
    return make_case(
        received=date(2023, 9, 1),
        decided=date(2023, 10, 2),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2024, 1, 10),
        plan_start=date(2024, 1, 19),
        review_meeting=date(2025, 12, 31),
        **fields,
    )


def _named(child, name, as_of=date(2026, 2, 1)):
    return next(s for (step, _), s in steps(child, as_of=as_of).items() if step == name)


def test_the_decision_after_a_review_is_due_four_weeks_after_the_meeting():
    child = _reviewed(review_outcome="A", last_review=date(2026, 1, 20))
    decision = _named(child, "review_decision")
    assert (decision.due_date, decision.done_date) == (date(2026, 1, 28), date(2026, 1, 20))


def test_the_amended_plan_is_due_eight_weeks_after_the_amendment_notice():
    child = _reviewed(review_outcome="A", last_review=date(2026, 1, 20))
    ActivePlan.objects.filter(request__child=child).update(review_draft=date(2026, 1, 22))
    amended = _named(child, "amended_plan")
    # reg. 22(3): 8 weeks from the notice of 22 January 2026 is 19 March 2026.
    assert (amended.anchor_date, amended.due_date, amended.done_date) == (date(2026, 1, 22), date(2026, 3, 19), None)


def test_without_a_recorded_notice_the_amended_plan_counts_from_the_decision():
    child = _reviewed(review_outcome="A", last_review=date(2026, 1, 20))
    amended = _named(child, "amended_plan")
    assert (amended.anchor_date, amended.due_date) == (date(2026, 1, 20), date(2026, 3, 17))


def test_the_review_report_is_due_two_weeks_after_the_meeting():
    child = _reviewed()
    report = _named(child, "review_report")
    assert (report.anchor_date, report.due_date, report.done_date) == (date(2025, 12, 31), date(2026, 1, 14), None)


def test_a_review_decided_without_a_recorded_report_has_no_report_step():
    child = _reviewed(review_outcome="M", last_review=date(2026, 1, 20))
    assert not [s for (name, _), s in steps(child, as_of=date(2026, 2, 1)).items() if name == "review_report"]


def test_a_move_between_post16_institutions_is_reviewed_five_months_before():
    child = _reviewed()
    ActivePlan.objects.filter(request__child=child).update(post16_transfer=date(2027, 1, 31))
    step = _named(child, "post16_transfer")
    # reg. 18(2): at least 5 months before 31 January 2027 is 31 August 2026.
    assert (step.anchor_date, step.due_date) == (date(2027, 1, 31), date(2026, 8, 31))


def test_the_phase_transfer_rules_cite_the_right_paragraphs_of_regulation_18():
    rules = {r.step: r for r in TimescaleRule.objects.all()}
    assert rules["phase_transfer_school"].legislation.startswith("SEND Regulations 2014, reg. 18(1)(b)")
    assert rules["phase_transfer_post16"].legislation.startswith("SEND Regulations 2014, reg. 18(1)(a)")
    assert rules["post16_transfer"].legislation.startswith("SEND Regulations 2014, reg. 18(2)")


def test_the_review_rules_cite_regulations_20_and_22():
    rules = {r.step: r for r in TimescaleRule.objects.all()}
    assert "reg. 20(10)" in rules["review_decision"].legislation
    assert "reg. 22(2)" in rules["review_decision"].legislation
    assert "reg. 22(3)" in rules["amended_plan"].legislation
    assert "reg. 20(7)" in rules["review_report"].legislation
    assert {r.version for r in rules.values()} == {"SEND-Regs-2014.2026-1"}


@pytest.mark.parametrize(
    ("born", "year"), [(date(2014, 8, 31), 2025), (date(2014, 9, 1), 2026), (date(2015, 1, 1), 2026)]
)
def test_the_year_of_the_move_to_secondary_school(born, year):
    assert transfer_year(born, 11) == year


def test_phase_transfer_deadlines_fifteen_february_and_thirty_one_march():
    secondary = make_case(
        born=date(2014, 10, 15),
        received=date(2022, 9, 1),
        decided=date(2022, 10, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2023, 1, 5),
        plan_start=date(2023, 1, 13),
    )
    step = one(secondary, "phase_transfer_school")
    # 15 February 2026 is a Sunday: the deadline stands; the warning 28 days before (Sunday 18 January) moves to Friday.
    assert (step.due_date, step.warning_date, step.subject) == (date(2026, 2, 15), date(2026, 1, 16), "transfer:2026")
    post16 = make_case(
        born=date(2010, 3, 2),
        received=date(2022, 9, 1),
        decided=date(2022, 10, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2023, 1, 5),
        plan_start=date(2023, 1, 13),
        last_review=date(2026, 3, 20),
        review_meeting=date(2026, 3, 2),
        review_outcome="M",
    )
    step = one(post16, "phase_transfer_post16", as_of=date(2026, 4, 1))
    assert (step.due_date, step.done_date) == (date(2026, 3, 31), date(2026, 3, 20))


def test_working_day_rules_count_with_the_core_calendar_over_easter():
    rule = Rule(step="local", name="Local", unit="working_days", count=5, warning_days=2)
    due = due_date_for(rule, date(2026, 4, 2), CAL)
    assert due == date(2026, 4, 13)
    # 8 April less 2 days is Easter Monday; back past the weekend and Good Friday to Thursday 2 April.
    assert warning_date_for(rule, date(2026, 4, 8), CAL) == date(2026, 4, 2)


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


def test_a_lawful_exception_keeps_a_late_plan_out_of_the_breaches():
    child = make_case(
        received=date(2025, 1, 6),
        decided=date(2025, 2, 10),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2025, 6, 2),
        week20=True,
        week20_reason="SUMMER",
        plan_start=date(2025, 7, 1),
    )
    step = one(child, "final_plan")
    assert step.excepted and step.exception_reason == "SUMMER" and not step.is_breached(date(2026, 1, 1))
    late = one(
        make_case(
            received=date(2025, 1, 6),
            decided=date(2025, 2, 10),
            outcome="Y",
            assessment_outcome="Y",
            assessed=date(2025, 6, 2),
            plan_start=date(2025, 7, 1),
        ),
        "final_plan",
    )
    assert late.is_breached(date(2026, 1, 1))


def test_a_withdrawn_request_has_no_decision_step():
    child = make_case(received=date(2025, 9, 1), decided=date(2025, 9, 20), outcome="W")
    assert [name for name, _ in steps(child)] == []


@time_machine.travel("2026-01-02 09:00 +0000", tick=False)
def test_refreshing_keeps_a_recorded_breach_reason():
    from django.utils import timezone

    child = make_case(received=date(2025, 11, 14))
    step = one(child, "decision_to_assess", as_of=timezone.localdate())
    assert step.is_breached(timezone.localdate())
    step.breach_reason = "PANEL"
    step.save()
    steps_refresh(child_ids=[child.id], as_of=timezone.localdate())
    assert StatutoryStep.objects.get(pk=step.pk).breach_reason == "PANEL"


def test_rules_are_read_from_the_database_so_a_changed_rule_is_a_data_change():
    TimescaleRule.objects.filter(step="decision_to_assess").update(count=4)
    assert timescale_rules()["decision_to_assess"].count == 4
    step = one(make_case(received=date(2025, 11, 14)), "decision_to_assess")
    assert step.due_date == date(2025, 12, 12)


def test_a_move_before_the_latest_review_is_history_the_register_cannot_judge():
    child = make_case(
        born=date(2008, 5, 1),
        received=date(2015, 9, 1),
        decided=date(2015, 10, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2016, 1, 5),
        plan_start=date(2016, 1, 13),
        review_meeting=date(2025, 6, 2),
        review_outcome="M",
        last_review=date(2025, 6, 20),
    )
    # Moves to secondary in 2019 and to post-16 in 2024 both came before the June 2025 review.
    assert [name for name, _ in steps(child, as_of=date(2025, 9, 1)) if name.startswith("phase_transfer")] == []


def test_a_plan_issued_after_the_transfer_deadline_has_no_transfer_step_due_before_it():
    # Moving to secondary school in September 2026; the plan was issued on 2 March 2026, after the 15 February
    # deadline, and names the new school itself: no step may fall due before the plan it belongs to.
    late_plan = make_case(
        born=date(2014, 10, 15),
        received=date(2025, 10, 1),
        decided=date(2025, 11, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2026, 2, 10),
        plan_start=date(2026, 3, 2),
    )
    assert [
        s for (name, _), s in steps(late_plan, as_of=date(2026, 3, 10)).items() if name == "phase_transfer_school"
    ] == []
    before = make_case(
        born=date(2014, 10, 15),
        received=date(2025, 7, 1),
        decided=date(2025, 8, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2025, 11, 10),
        plan_start=date(2025, 11, 20),
    )
    assert one(before, "phase_transfer_school", as_of=date(2026, 1, 10)).due_date == date(2026, 2, 15)
