"""Given a caseworker's child page, when they record each statutory step in order, then each form checks the
order and the dates, changes nothing on error, keeps the change in the history, recomputes the child's steps,
and what was recorded goes out as SEN2 and comes back unchanged."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
import time_machine

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent, Change
from sendboard.casework.models import Appeal, Child, Consultation, RegisterSource, Request, StatutoryStep
from sendboard.casework.recording import STEPS, Case, allowed
from sendboard.returns.framework import Report, file_import
from sendboard.returns.sen2.exporter import register_export, sen2_header
from sendboard.returns.sen2.importer import Sen2Importer
from tests.casework.helpers import make_case, other_area, team, worcestershire
from tests.html import page, text_of

pytestmark = pytest.mark.django_db
FROZEN = time_machine.travel("2026-06-15 09:00 +0100", tick=False)


def _date(name: str, day: date) -> dict:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def _url(child, step):
    return f"/casework/children/{child.public_id}/record/{step}/"


def _error_messages(response) -> list[str]:
    return [
        text_of(li) for li in page(response.content).xpath("//ul[contains(@class, 'govuk-error-summary__list')]/li")
    ]


@pytest.fixture
def caseworker(sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user


def _new_case(client) -> Child:
    return _new_case_named(client, "Quill")


def _new_case_named(client, surname: str) -> Child:
    response = client.post(
        "/casework/children/new-request/",
        {
            "forename": "Ada",
            "surname": surname,
            **_date("birth_date", date(2015, 4, 3)),
            "sex": "F",
            "ethnicity": "WBRI",
            "upn": "A123456789012",
            "postcode": "",
            **_date("received_date", date(2025, 9, 1)),
            "requester": "parent",
            "requester_name": "Sam Quill",
            "requester_contact": "sam@example.com",
        },
    )
    assert response.status_code == 302, _error_messages(response)
    return Child.objects.get(surname=surname)


def _record(client, child, step, data):
    response = client.post(_url(child, step), data)
    assert response.status_code == 302, _error_messages(response)


def _full_case(client) -> Child:
    child = _case_with_plan(client)
    _record(client, child, "review-meeting", _date("held", date(2026, 5, 20)))
    _record(client, child, "review-report", _date("received", date(2026, 5, 29)))
    _record(
        client,
        child,
        "review-decision",
        {"outcome": "A", **_date("decided", date(2026, 6, 10)), **_date("notice", date(2026, 6, 10))},
    )
    return child


def _case_with_plan(client) -> Child:
    """A case recorded from the request to the final plan issued on 12 January 2026."""
    child = _new_case(client)
    _record(client, child, "decision", {"outcome": "Y", **_date("outcome_date", date(2025, 10, 6)), "reason": "Needs"})
    _record(
        client,
        child,
        "consultation",
        {
            "setting": "Oak Primary",
            **_date("sent_date", date(2025, 12, 1)),
            "reply": "Can meet needs",
            **_date("reply_date", date(2025, 12, 10)),
        },
    )
    _record(client, child, "draft-plan", _date("issued", date(2025, 12, 15)))
    _record(
        client,
        child,
        "family-response",
        {**_date("responded", date(2025, 12, 29)), "preferred_setting": "Oak Primary", "views": "Happy with it"},
    )
    _record(
        client,
        child,
        "final-plan",
        {
            **_date("issued", date(2026, 1, 12)),
            "urn": "116753",
            "sen_setting": "",
            "primary_need": "ASD",
            "secondary_need": "SLCN",
        },
    )
    return child


@FROZEN
def test_a_new_request_puts_the_child_on_the_register_with_who_asked(client, caseworker):
    child = _new_case(client)
    request = child.requests.get()
    assert (request.received_date, request.requester, request.request_source) == (date(2025, 9, 1), "parent", "1")
    assert StatutoryStep.objects.filter(child=child, step="decision_to_assess").exists()


@FROZEN
def test_the_child_page_offers_only_the_steps_the_order_allows(client, caseworker):
    child = _new_case(client)
    response = client.get(f"/casework/children/{child.public_id}/")
    links = [text_of(a) for a in page(response.content).xpath("//ul[@id='record-links']//a")]
    assert links == [STEPS["decision"]]


@FROZEN
def test_a_final_plan_cannot_be_recorded_before_a_decision_to_assess(client, caseworker):
    child = _new_case(client)
    assert client.get(_url(child, "final-plan")).status_code == 404
    assert client.post(_url(child, "final-plan"), _date("issued", date(2026, 1, 12))).status_code == 404


@FROZEN
def test_a_review_cannot_be_recorded_before_a_plan(client, caseworker):
    child = _new_case(client)
    assert client.post(_url(child, "review-meeting"), _date("held", date(2026, 1, 12))).status_code == 404


@FROZEN
def test_a_date_before_the_case_began_is_refused_naming_the_field_and_changes_nothing(client, caseworker):
    child = _new_case(client)
    changes = Change.objects.count()
    response = client.post(
        _url(child, "decision"), {"outcome": "Y", **_date("outcome_date", date(2025, 8, 1)), "reason": "x"}
    )
    assert response.status_code == 200
    assert _error_messages(response) == [
        "The date of the decision must be on or after 1 September 2025, when the request was received"
    ]
    assert page(response.content).xpath("//input[@name='outcome_date-month']")[0].get("value") == "8"
    assert Request.objects.get(child=child).outcome == ""
    assert Change.objects.count() == changes


@FROZEN
def test_a_date_after_today_is_refused(client, caseworker):
    child = _new_case(client)
    response = client.post(
        _url(child, "decision"), {"outcome": "Y", **_date("outcome_date", date(2026, 7, 1)), "reason": "x"}
    )
    assert _error_messages(response) == ["The date of the decision must be today or in the past"]


@FROZEN
def test_a_code_not_in_the_code_list_is_refused(client, caseworker):
    child = _new_case(client)
    response = client.post(
        _url(child, "decision"), {"outcome": "Q", **_date("outcome_date", date(2025, 10, 1)), "reason": "x"}
    )
    assert _error_messages(response) == ["Select an answer from the list"]


@FROZEN
def test_each_step_is_kept_in_the_history_with_who_recorded_it(client, caseworker):
    child = _new_case(client)
    _record(client, child, "decision", {"outcome": "Y", **_date("outcome_date", date(2025, 10, 6)), "reason": "Needs"})
    change = Change.objects.filter(what="Decision whether to assess").get()
    assert (change.changed_by, change.after) == (caseworker, {"outcome": "Y", "outcome_date": "2025-10-06"})
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_CHANGED, user=caseworker).exists()


@FROZEN
def test_recording_the_decision_marks_its_step_done(client, caseworker):
    child = _new_case(client)
    _record(client, child, "decision", {"outcome": "Y", **_date("outcome_date", date(2025, 10, 6)), "reason": "Needs"})
    step = StatutoryStep.objects.get(child=child, step="decision_to_assess")
    assert step.done_date == date(2025, 10, 6)


@FROZEN
def test_a_full_case_to_the_first_review_decision_has_its_steps(client, caseworker):
    child = _full_case(client)
    done = dict(StatutoryStep.objects.filter(child=child).values_list("step", "done_date"))
    assert done["final_plan"] == date(2026, 1, 12)
    assert done["review_report"] == date(2026, 5, 29)
    assert done["review_decision"] == date(2026, 6, 10)
    amended = StatutoryStep.objects.get(child=child, step="amended_plan")
    assert (amended.anchor_date, amended.due_date) == (date(2026, 6, 10), date(2026, 8, 5))


@FROZEN
def test_after_an_amend_decision_the_amended_plan_is_offered(client, caseworker):
    child = _full_case(client)
    assert "amended-plan" in allowed(Case.of(Child.objects.get(id=child.id)))


@FROZEN
def test_an_appeal_sets_the_sen2_indicator(client, caseworker):
    child = _full_case(client)
    _record(
        client,
        child,
        "appeal",
        {"kind": "tribunal", "about": "content", **_date("started", date(2026, 3, 1)), "outcome": ""},
    )
    assert Appeal.objects.get(request__child=child).about == "content"
    assert child.requests.get().assessment.other_tribunal is True


@FROZEN
def test_a_consultation_reply_is_recorded_later(client, caseworker):
    child = _new_case(client)
    _record(client, child, "decision", {"outcome": "Y", **_date("outcome_date", date(2025, 10, 6)), "reason": "Needs"})
    _record(client, child, "consultation", {"setting": "Elm Academy", **_date("sent_date", date(2025, 11, 1))})
    consultation = Consultation.objects.get()
    response = client.post(
        f"/casework/children/{child.public_id}/consultations/{consultation.id}/reply/",
        {"reply": "Cannot meet needs", **_date("reply_date", date(2025, 11, 5))},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.reply_date, consultation.reply) == (date(2025, 11, 5), "Cannot meet needs")


@FROZEN
def test_record_pages_read_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    child = _full_case(client)
    with django_assert_max_num_queries(24):
        assert client.get(_url(child, "amended-plan")).status_code == 200
    with django_assert_max_num_queries(24):
        assert client.get(f"/casework/children/{child.public_id}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/casework/children/new-request/").status_code == 200


@FROZEN
def test_a_caseworker_cannot_record_for_a_child_of_another_area(client, caseworker):
    child = make_case(area=other_area())
    assert client.get(_url(child, "decision")).status_code == 404


def test_roles_without_casework_cannot_record(client, sign_in):
    user = sign_in(Role.HEALTH_SOCIAL_CARE)
    team(user.organisation)
    child = make_case()
    assert client.get(_url(child, "decision")).status_code == 403


def _export(area) -> bytes:
    out = io.BytesIO()
    header = sen2_header(
        area=area,
        reference_date=date(2026, 1, 15),
        year=2026,
        created=datetime(2026, 6, 15, 9),
        officers={"DMO": "Y", "DCO": "Y", "DSCO": "Y"},
    )
    register_export(area=area, out=out, header=header, extras=True)
    return out.getvalue()


def _snapshot(child: Child) -> dict:
    """The child's whole record as the SEN2 writer sees it (every module, sendboard's items included)."""
    from sendboard.casework.selectors import child_prefetches
    from sendboard.returns.sen2.exporter import child_record

    found = child_prefetches(Child.objects.filter(id=child.id).select_related("caseworker").prefetch_related("steps"))
    return child_record(found.get())


@FROZEN
def test_what_is_recorded_goes_out_as_sen2_and_comes_back_unchanged(client, caseworker, tmp_path):
    child = _full_case(client)
    _record(
        client,
        child,
        "appeal",
        {
            "kind": "mediation",
            "about": "content",
            **_date("started", date(2026, 2, 1)),
            "outcome": "agreed",
            **_date("outcome_date", date(2026, 3, 1)),
        },
    )
    before = _snapshot(child)
    written = _export(worcestershire()).replace(b"<LEA>885</LEA>", b"<LEA>884</LEA>")
    other_area()
    path = tmp_path / "sen2.xml"
    path.write_bytes(written)
    assert file_import(importer=Sen2Importer(), path=path, filename=path.name).loaded
    copy = Child.objects.get(local_area=other_area())
    assert _snapshot(copy) == before
    assert Appeal.objects.get(request__child=copy).outcome == "agreed"


@FROZEN
def test_a_sen2_file_for_an_area_recorded_in_sendboard_is_refused(client, caseworker, tmp_path):
    child = _new_case(client)
    assert RegisterSource.objects.get(local_area=child.local_area).source == "recorded"
    path = tmp_path / "sen2.xml"
    path.write_bytes(_export(worcestershire()))
    report = Report()
    Sen2Importer().check(path, report)
    assert [p.rule for p in report.problems] == ["recorded in sendboard"]


@FROZEN
def test_recording_is_refused_in_an_area_kept_in_another_case_system(client, caseworker):
    RegisterSource.objects.create(local_area=worcestershire(), source="imported")
    child = make_case()
    response = client.post(
        _url(child, "decision"), {"outcome": "Y", **_date("outcome_date", date(2025, 10, 6)), "reason": "x"}
    )
    assert response.status_code == 200
    assert _error_messages(response) == [
        "Worcestershire's register is kept in another case system and imported as SEN2 files, so steps cannot be "
        "recorded here. Record them in that system, then import its next file"
    ]
    assert Request.objects.get(child=child).outcome == ""


def test_an_administrator_marks_an_area_kept_in_another_system():
    from django.core.management import call_command

    call_command("register_source", worcestershire().la_code, "imported", stdout=io.StringIO())
    assert RegisterSource.objects.get(local_area=worcestershire()).source == "imported"


@FROZEN
def test_a_upn_with_the_wrong_check_letter_is_refused(client, caseworker):
    response = client.post(
        "/casework/children/new-request/", {"upn": "B123456789012", "forename": "A", "surname": "B", "sex": "F"}
    )
    assert "The unique pupil number is not a real one: check its first letter" in _error_messages(response)
    assert not Child.objects.exists()


@FROZEN
def test_a_subject_access_export_carries_the_consultations_and_appeals_recorded(client, caseworker):
    from sendboard.casework.subject_access import subject_access_sections

    child = _full_case(client)
    _record(client, child, "appeal", {"kind": "tribunal", "about": "content", **_date("started", date(2026, 3, 1))})
    sections = dict(subject_access_sections(child))
    assert [row["setting"] for row in sections["Settings consulted about being named"]] == ["Oak Primary"]
    assert [row["kind"] for row in sections["Mediation and appeals"]] == ["tribunal"]


@FROZEN
def test_reply_and_outcome_pages_read_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    child = _new_case(client)
    _record(client, child, "decision", {"outcome": "N", **_date("outcome_date", date(2025, 10, 6)), "reason": "Met"})
    _record(
        client, child, "appeal", {"kind": "mediation", "about": "not_assess", **_date("started", date(2025, 11, 1))}
    )
    appeal = Appeal.objects.get()
    with django_assert_max_num_queries(22):
        assert client.get(f"/casework/children/{child.public_id}/appeals/{appeal.id}/outcome/").status_code == 200
    child2 = _new_case_named(client, "Birch")
    _record(client, child2, "decision", {"outcome": "Y", **_date("outcome_date", date(2025, 10, 6)), "reason": "Needs"})
    _record(client, child2, "consultation", {"setting": "Elm Academy", **_date("sent_date", date(2025, 11, 1))})
    consultation = Consultation.objects.get()
    with django_assert_max_num_queries(22):
        assert (
            client.get(f"/casework/children/{child2.public_id}/consultations/{consultation.id}/reply/").status_code
            == 200
        )


@FROZEN
def test_after_a_decision_not_to_assess_only_a_new_request_or_an_appeal_is_offered(client, caseworker):
    child = _new_case(client)
    _record(client, child, "decision", {"outcome": "N", **_date("outcome_date", date(2025, 10, 6)), "reason": "Met"})
    assert allowed(Case.of(Child.objects.get(id=child.id))) == ["request", "appeal"]


@FROZEN
def test_the_child_page_shows_what_was_recorded(client, caseworker):
    child = _full_case(client)
    document = page(client.get(f"/casework/children/{child.public_id}/").content)
    rows = {
        text_of(row.xpath("dt")[0]): text_of(row.xpath("dd")[0]) for row in document.xpath("//dl[@id='recorded']/div")
    }
    assert rows["Who asked for the assessment"] == "The child's parent: Sam Quill"
    assert rows["Consulted Oak Primary"] == "Sent 1 December 2025, replied 10 December 2025: Can meet needs"
    assert rows["Proposed amendments sent"] == "10 June 2026"
    timeline = [text_of(li) for li in document.xpath("//ol[contains(@class, 'sendboard-timeline')]/li")]
    assert "1 December 2025: Oak Primary consulted about being named" in timeline
