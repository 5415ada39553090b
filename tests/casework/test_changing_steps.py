"""Given a step recorded with a wrong date or code, when the caseworker who holds the case (or a team manager)
follows its "Change" link, then the same form opens filled with what was recorded, checks the change as
recording does, saves it through the same service, keeps before and after in the history, recomputes the
child's steps and says what changed; everyone else is refused (ADR 0175)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sendboard.accounts.roles import Role
from sendboard.audit.models import Change
from sendboard.casework.models import Assessment, Child, RegisterSource, StatutoryStep
from sendboard.casework.recording import Case, decision_record
from sendboard.casework.selectors import child_get_for_user
from tests.casework.helpers import make_case, other_area, team
from tests.casework.test_recording import (
    FROZEN,
    _case_with_plan,
    _date,
    _error_messages,
    _full_case,
    _new_case,
    _record,
)
from tests.html import link_hrefs, page, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(sign_in):
    """A caseworker of Worcestershire's SEND team, signed in."""
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user


def _change_url(child, step) -> str:
    return f"/casework/children/{child.public_id}/change/{step}/"


def _held(child, user) -> Child:
    Child.objects.filter(pk=child.pk).update(caseworker=user)
    return child


def _decision(day: date, outcome: str = "Y") -> dict:
    return {"outcome": outcome, **_date("outcome_date", day), "reason": "Needs"}


@FROZEN
def test_the_change_form_opens_filled_with_what_was_recorded(client, caseworker):
    child = _held(_new_case(client), caseworker)
    _record(client, child, "decision", _decision(date(2025, 10, 6)))
    response = client.get(f"/casework/children/{child.public_id}/")
    assert link_hrefs(response.content, "Change decision whether to assess") == [_change_url(child, "decision")]
    document = page(client.get(_change_url(child, "decision")).content)
    assert text_of(document.xpath("//h1")[0]) == "Change the decision whether to assess"
    values = [document.xpath(f"//input[@name='outcome_date-{part}']")[0].get("value") for part in ("day", "month")]
    assert values == ["6", "10"]
    assert document.xpath("//input[@name='outcome'][@checked]")[0].get("value") == "Y"
    assert text_of(document.xpath("//textarea[@name='reason']")[0]) == "Needs"


@FROZEN
def test_a_changed_date_is_kept_before_and_after_and_the_steps_are_recomputed(client, caseworker):
    child = _held(_new_case(client), caseworker)
    _record(client, child, "decision", _decision(date(2025, 10, 6)))
    response = client.post(_change_url(child, "decision"), _decision(date(2025, 10, 16)))
    assert response.status_code == 302
    assert [m.message for m in response.wsgi_request._messages][-1] == "Decision changed"
    change = Change.objects.filter(what="Changed: Decision whether to assess").get()
    assert (change.before, change.after, change.changed_by) == (
        {"outcome_date": "2025-10-06"},
        {"outcome_date": "2025-10-16"},
        caseworker,
    )
    assert StatutoryStep.objects.get(child=child, step="decision_to_assess").done_date == date(2025, 10, 16)
    document = page(client.get(f"/casework/children/{child.public_id}/").content)
    corrections = [text_of(li) for li in document.xpath("//ul[@id='corrections']/li/ul/li")]
    assert corrections == ["Date of the decision: 6 October 2025 changed to 16 October 2025"]


@FROZEN
def test_changing_a_review_meeting_moves_the_due_dates_counted_from_it(client, caseworker):
    child = _held(_case_with_plan(client), caseworker)
    _record(client, child, "review-meeting", _date("held", date(2026, 5, 20)))
    assert client.post(_change_url(child, "review-meeting"), _date("held", date(2026, 5, 27))).status_code == 302
    decision = StatutoryStep.objects.get(child=child, step="review_decision")
    assert (decision.subject, decision.anchor_date, decision.due_date) == (
        "review:2026-05-27",
        date(2026, 5, 27),
        date(2026, 6, 24),
    )
    assert StatutoryStep.objects.get(child=child, step="annual_review", done_date__isnull=True).due_date == date(
        2027, 5, 27
    )
    change = Change.objects.filter(what="Changed: Annual review meeting held").get()
    assert (change.before, change.after) == ({"meeting": "2026-05-20"}, {"meeting": "2026-05-27"})


@FROZEN
def test_the_child_page_lists_a_changed_code_in_users_words(client, caseworker):
    child = _held(_case_with_plan(client), caseworker)
    _record(client, child, "review-meeting", _date("held", date(2026, 5, 20)))
    _record(client, child, "review-decision", {"outcome": "M", **_date("decided", date(2026, 6, 10))})
    changed = {"outcome": "A", **_date("decided", date(2026, 6, 10)), **_date("notice", date(2026, 6, 11))}
    assert client.post(_change_url(child, "review-decision"), changed).status_code == 302
    document = page(client.get(f"/casework/children/{child.public_id}/").content)
    assert [text_of(li) for li in document.xpath("//ul[@id='corrections']/li/ul/li")] == [
        "Decision: Maintain the EHC plan changed to Amend the EHC plan",
        "Date the proposed amendments were sent: nothing changed to 11 June 2026",
    ]
    assert StatutoryStep.objects.get(child=child, step="amended_plan").due_date == date(2026, 8, 6)


@FROZEN
def test_a_change_is_checked_as_recording_checks_it(client, caseworker):
    child = _held(_new_case(client), caseworker)
    _record(client, child, "decision", _decision(date(2025, 10, 6)))
    after_today = client.post(_change_url(child, "decision"), _decision(date(2026, 7, 1)))
    assert _error_messages(after_today) == ["The date of the decision must be today or in the past"]
    before_request = client.post(_change_url(child, "decision"), _decision(date(2025, 8, 1)))
    assert _error_messages(before_request) == [
        "The date of the decision must be on or after 1 September 2025, when the request was received"
    ]
    not_a_code = client.post(_change_url(child, "decision"), _decision(date(2025, 10, 6), outcome="Q"))
    assert _error_messages(not_a_code) == ["Select an answer from the list"]
    assert not Change.objects.filter(what__startswith="Changed: ").exists()


@FROZEN
def test_a_change_may_not_put_a_step_after_the_one_that_follows_it(client, caseworker):
    child = _held(_full_case(client), caseworker)
    response = client.post(_change_url(child, "review-meeting"), _date("held", date(2026, 6, 1)))
    assert _error_messages(response) == [
        "The date of the review meeting must be on or before 29 May 2026, when the review's next step was recorded"
    ]


@FROZEN
def test_a_decision_to_assess_cannot_become_not_assessing_once_the_assessment_has_steps(client, caseworker):
    child = _held(_case_with_plan(client), caseworker)
    response = client.post(_change_url(child, "decision"), _decision(date(2025, 10, 6), outcome="N"))
    assert _error_messages(response) == [
        "The assessment has steps recorded, so the decision to carry it out cannot be changed"
    ]


@FROZEN
def test_the_service_itself_refuses_to_turn_an_assessment_with_steps_into_not_assessing(client, caseworker):
    child = _case_with_plan(client)
    case = Case.of(child_get_for_user(caseworker, child.public_id))
    with pytest.raises(ValidationError):
        decision_record(
            user=caseworker,
            case=case,
            outcome="N",
            outcome_date=date(2025, 10, 6),
            reason="x",
            today=date(2026, 6, 15),
            changing=True,
        )
    assert child.requests.get().outcome == "Y"


@FROZEN
def test_a_decision_to_assess_changed_before_any_step_of_the_assessment_leaves_no_assessment(client, caseworker):
    child = _held(_new_case(client), caseworker)
    _record(client, child, "decision", _decision(date(2025, 10, 6)))
    assert StatutoryStep.objects.filter(child=child, step="final_plan").exists()
    assert client.post(_change_url(child, "decision"), _decision(date(2025, 10, 6), outcome="N")).status_code == 302
    assert not Assessment.objects.filter(request__child=child).exists()
    assert not StatutoryStep.objects.filter(child=child, step="final_plan").exists()


@FROZEN
def test_a_step_not_yet_recorded_cannot_be_changed(client, caseworker):
    child = _held(_new_case(client), caseworker)
    assert client.get(_change_url(child, "decision")).status_code == 404
    assert client.get(_change_url(child, "appeal")).status_code == 404


@FROZEN
def test_a_caseworker_who_does_not_hold_the_case_may_not_change_it_nor_sees_change_links(client, caseworker):
    child = _new_case(client)
    _record(client, child, "decision", _decision(date(2025, 10, 6)))
    assert client.post(_change_url(child, "decision"), _decision(date(2025, 10, 16))).status_code == 403
    assert (
        link_hrefs(client.get(f"/casework/children/{child.public_id}/").content, "Change decision whether to assess")
        == []
    )


@FROZEN
def test_a_team_manager_may_change_a_case_held_by_someone_else(client, sign_in):
    manager = sign_in(Role.TEAM_MANAGER)
    team(manager.organisation)
    child = _new_case(client)
    _record(client, child, "decision", _decision(date(2025, 10, 6)))
    assert client.post(_change_url(child, "decision"), _decision(date(2025, 10, 16))).status_code == 302
    assert child.requests.get().outcome_date == date(2025, 10, 16)


@FROZEN
def test_a_child_of_another_area_or_a_role_without_casework_is_refused(client, sign_in):
    manager = sign_in(Role.TEAM_MANAGER)
    team(manager.organisation)
    elsewhere = make_case(area=other_area(), decided=date(2025, 10, 6), outcome="N")
    assert client.get(_change_url(elsewhere, "decision")).status_code == 404
    health = sign_in(Role.HEALTH_SOCIAL_CARE)
    team(health.organisation)
    assert client.get(_change_url(make_case(decided=date(2025, 10, 6), outcome="N"), "decision")).status_code == 403


@FROZEN
def test_a_change_in_an_area_whose_register_is_imported_is_refused(client, caseworker):
    child = _held(make_case(decided=date(2025, 10, 6), outcome="N"), caseworker)
    RegisterSource.objects.create(local_area=child.local_area, source="imported")
    response = client.post(_change_url(child, "decision"), _decision(date(2025, 10, 16), outcome="N"))
    assert response.status_code == 200
    assert _error_messages(response)[0].startswith("Worcestershire's register is kept in another case system")
    assert child.requests.get().outcome_date == date(2025, 10, 6)
    assert not Change.objects.exists()


@FROZEN
def test_the_change_page_reads_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    child = _held(_full_case(client), caseworker)
    with django_assert_max_num_queries(24):
        assert client.get(_change_url(child, "review-decision")).status_code == 200
