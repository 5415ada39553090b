"""Given the register, when caseworkers, team managers and others open casework pages, then each sees only
what their role and their area allow, every view of a child is logged, and pages read in a fixed number of
queries."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.casework.models import Child, StatutoryStep
from sendboard.casework.selectors import breached_steps
from sendboard.casework.services import steps_refresh
from tests.casework.helpers import cases_with_overdue_advice, make_case, other_area, team
from tests.editing import post_edit
from tests.factories import OrganisationFactory
from tests.html import table_rows

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 12)
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


def cases(n: int, caseworker=None, area=None):
    return cases_with_overdue_advice(n, caseworker=caseworker, area=area, as_of=TODAY)


@FROZEN
def test_my_cases_lists_what_is_overdue_and_due_this_week_and_advice_awaited(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    mine = cases(2, caseworker=user)
    cases(1)  # the team's, not mine
    response = client.get("/casework/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "You hold 2 cases" in text
    steps = table_rows(text, "Steps to work on")
    # asked 21 November 2025, due 2 January 2026: overdue
    assert [row[1] for row in steps].count("Advice returned Community paediatrics") == 2
    assert "Community paediatrics" in text
    assert str(mine[0].public_id) in text


@FROZEN
def test_a_caseworker_cannot_open_a_child_of_another_area(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation, other_area())
    child = cases(1)[0]
    assert client.get(f"/casework/children/{child.public_id}/").status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).exists()


@pytest.mark.parametrize(
    "role", [Role.SETTING_USER, Role.ADVISER, Role.AREA_LEADER, Role.HEALTH_SOCIAL_CARE, Role.ANALYST]
)
def test_roles_without_access_to_children_see_none(client, sign_in, role):
    user = sign_in(role)
    team(user.organisation)
    child = cases(1)[0]
    for path in ("/casework/", "/casework/team/", f"/casework/children/{child.public_id}/"):
        assert client.get(path).status_code == 403, path


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADVISER, 200),
        (Role.AREA_LEADER, 200),
        (Role.ANALYST, 200),
        (Role.TEAM_MANAGER, 200),
        (Role.CASEWORKER, 403),
        (Role.SETTING_USER, 403),
    ],
)
def test_aggregates_are_for_advisers_leaders_analysts_and_managers(client, sign_in, role, status):
    sign_in(role)
    cases(1)
    assert client.get("/casework/timeliness/").status_code == status


@FROZEN
def test_viewing_a_child_is_logged_with_the_opaque_id_only(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = cases(1)[0]
    response = client.get(f"/casework/children/{child.public_id}/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.RECORD_VIEWED)
    assert event.user == user and event.path == f"/casework/children/{child.public_id}/"
    assert str(child.public_id) in event.detail and child.surname not in event.detail
    assert "Request for an EHC needs assessment received" in response.content.decode()


@FROZEN
@pytest.mark.parametrize("path", ["/casework/", "/casework/team/", "child"])
def test_pages_read_in_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries, path):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    few = cases(2, caseworker=user)
    if path == "child":
        path = f"/casework/children/{few[0].public_id}/"
    with django_assert_max_num_queries(22) as few_queries:
        client.get(path)
    cases(25, caseworker=user)
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        assert client.get(path).status_code == 200


@FROZEN
def test_the_team_page_shows_breaches_by_reason_and_partner_and_stale_family_views(client, sign_in):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    cases(3)
    StatutoryStep.objects.filter(step="decision_to_assess").update(breach_reason="PANEL")
    make_case(
        received=date(2023, 1, 5),
        decided=date(2023, 2, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2023, 5, 1),
        plan_start=date(2023, 5, 20),
        family_views=date(2023, 5, 1),
    )
    text = client.get("/casework/team/").content.decode()
    assert "Decision-making panel delayed" in text and "Community paediatrics" in text
    assert "Plans whose family views are more than a year old" in text and "1 May 2023" in text


@FROZEN
def test_recording_why_a_timescale_was_missed(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = cases(1, caseworker=user)[0]
    step = StatutoryStep.objects.get(child=child, step="decision_to_assess")
    path = f"/casework/children/{child.public_id}/steps/{step.id}/reason/"
    response = client.post(path, {"reason": "", "note": "kept"})
    text = response.content.decode()
    assert response.status_code == 200 and "Select why the timescale was missed" in text and "kept" in text
    response = post_edit(client, path, {"reason": "PANEL", "note": "Panel moved"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.breach_reason, step.breach_note, step.breach_recorded_by) == ("PANEL", "Panel moved", user)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_CHANGED, detail__contains="PANEL").exists()


@FROZEN
def test_a_step_that_was_met_cannot_be_given_a_breach_reason(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = make_case(received=date(2025, 10, 1), decided=date(2025, 10, 20), outcome="N")
    steps_refresh(child_ids=[child.id], as_of=TODAY)
    step = StatutoryStep.objects.get(child=child)
    assert client.get(f"/casework/children/{child.public_id}/steps/{step.id}/reason/").status_code == 404


def test_a_setting_user_organisation_cannot_become_a_window_on_children(client, sign_in):
    user = sign_in(Role.SETTING_USER, organisation=OrganisationFactory(kind="setting"))
    team(user.organisation)
    from sendboard.casework.selectors import children_for_user

    cases(1)
    assert children_for_user(user).count() == 0


def _site_pages(children, steps):
    """Every page of the site a GET can reach with the ids these children give (a child's id, a missed step's id)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    for route in walk(get_resolver(), "/"):
        if "<" not in route:
            yield route
        elif set(re.findall(r"<([^>]+)>", route)) <= {"uuid:public_id", "int:step_id"}:
            for child in children:
                for step in steps.get(child.id, [None]):
                    if step is None and "step_id" in route:
                        continue
                    yield route.replace("<uuid:public_id>", str(child.public_id)).replace(
                        "<int:step_id>", str(step.id if step else "")
                    )


def _named(detail: str) -> list[str]:
    """The children an audit entry names: "Child <id>", or "Children <id>, <id>" for a list (ADR 0173)."""
    if detail.startswith("Children "):
        return detail.removeprefix("Children ").removesuffix(" in a list").split(", ")
    return [detail.split()[1]]


@FROZEN
@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_regression_lists_of_children_are_not_logged(client, sign_in, role):
    """Finding: /casework/ and /casework/team/ named children and wrote no audit entry. Every page of the site
    that names a child, lists included, now writes a RECORD_VIEWED entry for each child it names, carrying the
    child's opaque id only."""
    user = sign_in(role)
    team(user.organisation)
    shown = cases(3, caseworker=user)  # overdue advice: on my cases and, with no reason recorded, on the team page
    shown.append(
        make_case(
            received=date(2023, 1, 5),
            decided=date(2023, 2, 1),
            outcome="Y",
            assessment_outcome="Y",
            assessed=date(2023, 5, 1),
            plan_start=date(2023, 5, 20),
            family_views=date(2023, 5, 1),
        )
    )
    for letter, child in zip("QWXZ", shown, strict=True):
        Child.objects.filter(pk=child.pk).update(forename=f"Forename{letter}", surname=f"Surname{letter}")
    steps = {}
    for step in StatutoryStep.objects.filter(breached_steps(TODAY)).order_by("id"):
        steps.setdefault(step.child_id, [step])
    pages_naming_children = set()
    for path in _site_pages(shown, steps):
        AuditEvent.objects.all().delete()
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        text = response.content.decode()
        named = {str(c.public_id) for c, letter in zip(shown, "QWXZ", strict=True) if f"Surname{letter}" in text}
        if not named:
            continue
        pages_naming_children.add(re.sub(r"/(?:[0-9a-f-]{36}|\d+)/", "/ID/", path))
        events = AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED)
        logged = {public_id for detail in events.values_list("detail", flat=True) for public_id in _named(detail)}
        assert logged == named, path
        assert all(
            e.user == user and e.path == path and "Surname" not in e.detail and "Forename" not in e.detail
            for e in events
        )
    expected = {"/casework/", "/casework/children/ID/", "/casework/children/ID/steps/ID/reason/"}
    assert pages_naming_children >= expected | ({"/casework/team/"} if role == Role.TEAM_MANAGER else set())


@FROZEN
def test_a_move_between_phases_shows_the_move_not_a_date_it_is_counted_from(client, sign_in):
    """The review before a move is due on 15 February; the date it hangs on is the move in September, which is
    shown as the move, not as a date the step is counted from."""
    import html5lib

    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = make_case(
        born=date(2014, 10, 15),
        received=date(2024, 9, 1),
        decided=date(2024, 10, 1),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2025, 1, 5),
        plan_start=date(2025, 1, 13),
        caseworker=user,
    )
    steps_refresh(child_ids=[child.id], as_of=TODAY)
    page = html5lib.parse(client.get(f"/casework/children/{child.public_id}/").content, namespaceHTMLElements=False)
    rows = {
        " ".join("".join(td.itertext()).split())
        for tr in page.iter("tr")
        for td in tr.findall("td")[1:2]
        if "new school phase" in "".join(tr.findall("td")[0].itertext())
    }
    assert rows == {"The move on 1 September 2026"}


@FROZEN
def test_the_team_counts_open_cases_without_a_caseworker_not_closed_ones(sign_in):
    from sendboard.casework.selectors import team_queue

    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    cases(2)  # open: advice awaited, plan not yet issued; nobody holds them
    cases(1, caseworker=user)
    refused = make_case(received=date(2025, 9, 1), decided=date(2025, 10, 1), outcome="N")  # closed: nothing left to do
    steps_refresh(child_ids=[refused.id], as_of=TODAY)
    queue = team_queue(user, today=TODAY)
    assert (queue.children, queue.unallocated) == (4, 2)
