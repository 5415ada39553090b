"""A caseworker records a whole case by hand, from the start page: the request for a child not yet on the
register, to the final plan, to the first annual review. A team manager puts right the date of the review's
decision through its "Change" link, then exports the register as a copy for another sendboard, and imported
into an empty register (a second local area) the case is the same."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.casework.models import Child
from sendboard.casework.selectors import child_prefetches
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.exporter import child_record
from sendboard.returns.sen2.importer import Sen2Importer
from tests.advice.helpers import professional, trust
from tests.browser.conftest import choose, field, fill_date, follow, heading, press, start
from tests.casework.helpers import other_area, team, worcestershire

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, question: str, option: str) -> None:
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def fill(page, label: str, text: str) -> None:
    field(page, label).fill(text)


def record(page, link: str) -> None:
    follow(page, link)


def snapshot(child_id: int) -> dict:
    child = child_prefetches(Child.objects.filter(id=child_id).select_related("caseworker").prefetch_related("steps"))
    return child_record(child.get())


def test_a_caseworker_records_a_case_by_hand_and_its_sen2_copy_is_the_same_case(
    page, browser_sign_in, tmp_path, job_worker
):
    # Given a caseworker of Worcestershire's SEND team, and a request that came in about eight months ago
    today = timezone.localdate()
    day = lambda weeks: today - timedelta(weeks=35) + timedelta(weeks=weeks)  # noqa: E731
    caseworker = browser_sign_in(Role.CASEWORKER)
    team(caseworker.organisation, worcestershire())
    professional(trust())

    # When they go from the start page to their cases and record the request for a child not yet on the register
    start(page)
    press(page, "Go to your work")
    follow(page, "Find a child")
    follow(page, "Record a new request for a child not yet on the register")
    fill(page, "First name", "Noor")
    fill(page, "Last name", "Hadley")
    fill_date(page, "Date of birth", date(2016, 5, 9))
    answer(page, "Sex", "Female")
    page.get_by_label("Ethnicity", exact=True).select_option(label="White - British")
    fill(page, "Unique pupil number", "P801200001005")
    fill_date(page, "Date the request was received", day(0))
    answer(page, "Who asked for the assessment?", "The child's parent")
    fill(page, "Name of the person who asked", "Rana Hadley")
    fill(page, "Their contact details", "rana@example.com")
    press(page, "Save request")
    assert heading(page) == "Noor Hadley"

    # and each step in order, from the links the case offers
    record(page, "Record the decision whether to assess")
    answer(page, "What did the council decide?", "To carry out an EHC needs assessment")
    # a date before the request is refused, and what was typed is kept
    fill_date(page, "Date of the decision", day(-1))
    fill(page, "Reason for the decision", "Needs not met at SEN support")
    press(page, "Save")
    assert page.get_by_role("alert").get_by_text("must be on or after").is_visible()
    fill_date(page, "Date of the decision", day(5))
    press(page, "Save")

    # the advice asked of the health trust, through the advice app's form
    follow(page, "Ask for advice")
    choose(page, "Organisation to ask", "Worcestershire Health Trust")
    page.get_by_label("Health advice").check()
    field(page, "What do you want them to advise on?").fill("Noor's health needs.")
    press(page, "Send the request")

    record(page, "Record a setting consulted")
    fill(page, "Setting consulted", "Oakfield Primary School")
    fill_date(page, "Date the consultation was sent", day(12))
    press(page, "Save")
    follow(page, "Record the reply from Oakfield Primary School")
    fill_date(page, "Date the setting replied", day(13))
    fill(page, "The setting's reply", "Can meet needs with support")
    press(page, "Save")

    record(page, "Record the draft plan sent to the family")
    fill_date(page, "Date the draft plan was sent", day(14))
    press(page, "Save")
    record(page, "Record the family's response to the draft plan")
    fill_date(page, "Date the family responded", day(16))
    fill(page, "Setting the family asked to be named", "Oakfield Primary School")
    fill(page, "The family's views on the draft plan", "We agree with the outcomes")
    press(page, "Save")

    record(page, "Record the final plan issued")
    fill_date(page, "Date the final plan was issued", day(18))
    fill(page, "Unique reference number (URN) of the setting named", "116753")
    page.get_by_label("Primary need", exact=True).select_option(label="Autistic spectrum disorder")
    press(page, "Save")

    record(page, "Record an annual review meeting held")
    fill_date(page, "Date of the review meeting", day(30))
    press(page, "Save")
    record(page, "Record the review report received")
    fill_date(page, "Date the report was received", day(31))
    press(page, "Save")
    record(page, "Record the decision after the review")
    answer(page, "What did the council decide?", "Maintain the EHC plan")
    fill_date(page, "Date of the decision", day(33))
    press(page, "Save")

    # Then the case's timescales show the plan and the review's steps done
    assert page.locator("#recorded").get_by_text("Rana Hadley").is_visible()
    child = Child.objects.get(surname="Hadley")
    steps = dict(child.steps.values_list("step", "done_date"))
    assert steps["final_plan"] == day(18) and steps["review_decision"] == day(33)

    # When a team manager finds the case and puts right the date of the review's decision, through its "Change"
    manager = browser_sign_in(Role.TEAM_MANAGER)
    team(manager.organisation, worcestershire())
    start(page)
    press(page, "Go to your work")
    follow(page, "Find a child")
    fill(page, "Name, date of birth or unique pupil number", "Noor Hadley")
    press(page, "Search")
    follow(page, "Noor Hadley")
    follow(page, "Change decision after the last review")
    assert heading(page) == "Change the decision after the review"
    decided = page.get_by_role("group", name="Date of the decision")
    assert decided.get_by_label("Day", exact=True).input_value() == str(day(33).day)
    fill_date(page, "Date of the decision", day(32))
    press(page, "Save changes")

    # Then the case says so, shows the change, and its steps are recomputed
    assert page.get_by_text("Decision after the review changed").is_visible()
    assert page.locator("#corrections").get_by_text("Decision after the annual review").is_visible()
    assert child.steps.get(step="review_decision").done_date == day(32)

    # When the team manager exports the register as a copy for another sendboard
    start(page)
    press(page, "Go to your work")
    follow(page, "Export the register as a SEN2 return")
    answer(
        page,
        "Which file do you need?",
        "A copy of the register for another sendboard (the return and the casework it does not carry)",
    )
    answer(page, "Which collection is the file for?", "The January 2026 collection")
    fill_date(page, "Reference date", date(2026, 1, 15))
    for officer in ("Medical", "Clinical", "Social Care"):
        answer(page, f"Does the area have a Designated {officer} Officer?", "Yes")
    press(page, "Make the SEN2 file")
    assert job_worker() == 1
    follow(page, "Refresh now")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"^Download ")).click()

    # and it is imported into an empty register, a second local area's
    body = download.value.path().read_bytes()
    path = tmp_path / "copy.xml"
    path.write_bytes(body.replace(b"<LEA>885</LEA>", b"<LEA>884</LEA>"))
    assert not Child.objects.filter(local_area=other_area()).exists()
    outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
    assert outcome.loaded, [p.message for p in outcome.report.problems]

    # Then the case there is the same case
    copy = Child.objects.get(local_area=other_area())
    assert snapshot(copy.id) == snapshot(child.id)
