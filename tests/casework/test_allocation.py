"""Given a SEND team, when its manager allocates cases, reads caseloads and moves a leaver's cases, then only the
team's caseworkers receive cases, each move is kept in the child's history with the caseworker before, the
caseworker sees the new case, and every page reads in a fixed number of queries however large the team."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from sendboard.accounts.models import User
from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent, Change
from sendboard.casework import allocation, permissions
from sendboard.casework.models import Child
from tests.casework.helpers import cases_with_overdue_advice, make_case, other_area, team
from tests.editing import post_edit
from tests.factories import OrganisationFactory, UserFactory
from tests.html import page, table_rows, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 12)
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


def cases(n: int, caseworker=None, surname=None):
    return cases_with_overdue_advice(n, caseworker=caseworker, surname=surname, as_of=TODAY)


def colleague(manager, first_name: str, role=Role.CASEWORKER, **fields):
    return UserFactory(role=role, organisation=manager.organisation, first_name=first_name, last_name="Smith", **fields)


@pytest.fixture
def manager(sign_in):
    user = sign_in(Role.TEAM_MANAGER, first_name="Maya", last_name="Patel")
    team(user.organisation)
    return user


def error_messages(html) -> list[str]:
    return [text_of(item) for item in page(html).xpath("//ul[contains(@class, 'govuk-error-summary__list')]/li")]


# --- who may receive a case -----------------------------------------------------------------------------------


def test_a_caseworker_of_the_team_may_receive_cases(manager):
    assert permissions.may_receive_cases(manager, colleague(manager, "Ann"))


def test_a_team_manager_of_the_team_may_receive_cases(manager):
    assert permissions.may_receive_cases(manager, colleague(manager, "Ann", role=Role.TEAM_MANAGER))


def test_someone_holding_the_caseworker_role_as_another_role_may_receive_cases(manager):
    person = colleague(manager, "Ann", role=Role.LOCAL_OFFER_OFFICER, additional_roles=[Role.CASEWORKER])
    assert permissions.may_receive_cases(manager, person)
    assert list(User.objects.filter(permissions.allocation_candidates(manager)).order_by("first_name")) == [
        person,
        manager,
    ]


def test_a_caseworker_of_another_team_may_not_receive_cases(manager):
    assert not permissions.may_receive_cases(manager, UserFactory(role=Role.CASEWORKER))


def test_a_deactivated_caseworker_may_not_receive_cases(manager):
    assert not permissions.may_receive_cases(manager, colleague(manager, "Ann", is_active=False))


def test_someone_of_the_team_without_a_case_holding_role_may_not_receive_cases(manager):
    assert not permissions.may_receive_cases(manager, colleague(manager, "Ann", role=Role.ANALYST))


# --- allocating one case ----------------------------------------------------------------------------------------


@FROZEN
def test_allocating_a_case_keeps_who_held_it_before_in_the_history_and_the_audit_log(manager):
    before, after = colleague(manager, "Ann"), colleague(manager, "Ben")
    child = cases(1, caseworker=before)[0]
    allocation.case_allocate(user=manager, child=child, caseworker=after)
    child.refresh_from_db()
    change = Change.objects.get(subject_id=str(child.pk), what="Case reallocated")
    assert (child.caseworker_id, change.before, change.after, change.changed_by_id) == (
        after.pk,
        {"caseworker_id": before.pk},
        {"caseworker_id": after.pk},
        manager.pk,
    )
    assert AuditEvent.objects.filter(
        detail=f"Child {child.public_id} allocated to {after.username} (was {before.username})"
    ).exists()


@FROZEN
def test_allocating_to_someone_of_another_team_is_refused_and_changes_nothing(manager):
    child = cases(1)[0]
    with pytest.raises(ValidationError):
        allocation.case_allocate(user=manager, child=child, caseworker=UserFactory(role=Role.CASEWORKER))
    child.refresh_from_db()
    assert child.caseworker_id is None and not Change.objects.exists()


@FROZEN
def test_the_allocation_page_allocates_an_unallocated_case_and_returns_to_the_list(client, manager):
    ann = colleague(manager, "Ann")
    child = cases(1)[0]
    url = f"/casework/children/{child.public_id}/caseworker/?from=unallocated"
    response = post_edit(client, url, {"caseworker": ann.pk})
    child.refresh_from_db()
    assert (response.status_code, response["Location"], child.caseworker_id) == (
        302,
        "/casework/team/cases/?caseworker=none",
        ann.pk,
    )


@FROZEN
def test_the_allocation_page_offers_only_the_teams_caseworkers(client, manager):
    colleague(manager, "Ann")
    colleague(manager, "Gone", is_active=False)
    UserFactory(role=Role.CASEWORKER, first_name="Other")
    child = cases(1)[0]
    html = client.get(f"/casework/children/{child.public_id}/caseworker/").content
    labels = [text_of(label) for label in page(html).xpath("//label[contains(@class, 'govuk-radios__label')]")]
    assert labels == ["Ann Smith (0 cases)", "Maya Patel (0 cases)"]


@FROZEN
def test_the_allocation_page_says_how_many_cases_each_person_holds(client, manager):
    cases(2, caseworker=colleague(manager, "Ann"))
    child = cases(1)[0]
    html = client.get(f"/casework/children/{child.public_id}/caseworker/").content
    labels = [text_of(label) for label in page(html).xpath("//label[contains(@class, 'govuk-radios__label')]")]
    assert labels == ["Ann Smith (2 cases)", "Maya Patel (0 cases)"]


@FROZEN
def test_a_caseworker_is_not_offered_to_change_the_caseworker_on_the_childs_page(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = cases(1, caseworker=user)[0]
    links = [text_of(a) for a in page(client.get(f"/casework/children/{child.public_id}/").content).iter("a")]
    assert "Change caseworker" not in links


@FROZEN
def test_allocating_with_nobody_chosen_says_so_and_changes_nothing(client, manager):
    child = cases(1)[0]
    response = post_edit(client, f"/casework/children/{child.public_id}/caseworker/", {})
    child.refresh_from_db()
    assert error_messages(response.content) == ["Choose who should hold this case"]
    assert child.caseworker_id is None


@FROZEN
def test_a_case_allocated_by_someone_else_since_the_page_opened_is_not_taken_back(client, manager):
    ann, ben = colleague(manager, "Ann"), colleague(manager, "Ben")
    child = cases(1)[0]
    url = f"/casework/children/{child.public_id}/caseworker/"
    version = page(client.get(url).content).xpath("//input[@name='version']")[0].get("value")
    allocation.case_allocate(user=manager, child=Child.objects.get(pk=child.pk), caseworker=ben)
    response = client.post(url, {"caseworker": ann.pk, "version": version})
    child.refresh_from_db()
    assert response.status_code == 200 and child.caseworker_id == ben.pk


@FROZEN
def test_the_allocation_page_lists_who_has_held_the_case(client, manager):
    ann, ben = colleague(manager, "Ann"), colleague(manager, "Ben")
    child = cases(1, caseworker=ann)[0]
    allocation.case_allocate(user=manager, child=child, caseworker=ben)
    rows = table_rows(client.get(f"/casework/children/{child.public_id}/caseworker/").content, "Who has held")
    assert rows == [["12 January 2026", "Ann Smith", "Ben Smith", "Maya Patel"]]


@FROZEN
def test_a_caseworker_cannot_allocate_cases(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = cases(1)[0]
    assert client.get(f"/casework/children/{child.public_id}/caseworker/").status_code == 403
    assert client.get("/casework/team/caseloads/").status_code == 403
    assert client.get("/casework/team/reassign/").status_code == 403


@FROZEN
def test_a_manager_cannot_open_the_allocation_of_a_child_of_another_area(client, manager):
    child = make_case(area=other_area())
    assert client.get(f"/casework/children/{child.public_id}/caseworker/").status_code == 404


@FROZEN
def test_the_childs_page_offers_the_manager_to_change_the_caseworker(client, manager):
    child = cases(1, caseworker=colleague(manager, "Ann"))[0]
    links = [text_of(a) for a in page(client.get(f"/casework/children/{child.public_id}/").content).iter("a")]
    assert "Change caseworker" in links


# --- caseloads --------------------------------------------------------------------------------------------------


@FROZEN
def test_caseloads_count_each_caseworkers_children_and_steps(client, manager):
    ann = colleague(manager, "Ann")
    colleague(manager, "Ben")
    cases(2, caseworker=ann)  # each: advice overdue since 2 January, and the final plan not yet due
    cases(1)
    rows = table_rows(client.get("/casework/team/caseloads/").content, "Caseload of each caseworker")
    assert rows == [
        [
            "2 children, Ann Smith",
            "4 open steps, Ann Smith",
            "2 overdue steps, Ann Smith",
            "0 steps due in the next 7 days, Ann Smith",
        ],
        [
            "0 children, Ben Smith",
            "0 open steps, Ben Smith",
            "0 overdue steps, Ben Smith",
            "0 steps due in the next 7 days, Ben Smith",
        ],
        [
            "0 children, Maya Patel",
            "0 open steps, Maya Patel",
            "0 overdue steps, Maya Patel",
            "0 steps due in the next 7 days, Maya Patel",
        ],
        [
            "1 child, Not allocated",
            "2 open steps, Not allocated",
            "1 overdue step, Not allocated",
            "0 steps due in the next 7 days, Not allocated",
        ],
    ]


@FROZEN
def test_each_caseload_count_links_to_the_list_it_counts(client, manager):
    ann = colleague(manager, "Ann")
    cases(2, caseworker=ann)
    html = client.get("/casework/team/caseloads/").content
    row = page(html).xpath("//table//tbody/tr")[0]
    assert [a.get("href") for a in row.xpath(".//td//a")] == [
        f"/casework/team/cases/?caseworker={ann.pk}",
        f"/casework/team/steps/?caseworker={ann.pk}&status=open",
        f"/casework/team/steps/?caseworker={ann.pk}&status=overdue",
        f"/casework/team/steps/?caseworker={ann.pk}&status=due_this_week",
    ]


@FROZEN
def test_the_caseloads_page_reads_in_the_same_number_of_queries_however_large_the_team(
    client, manager, django_assert_num_queries
):
    cases(2, caseworker=colleague(manager, "Ann"))
    cases(1, caseworker=colleague(manager, "Hal", is_active=False))
    with django_assert_num_queries(9):
        assert client.get("/casework/team/caseloads/").status_code == 200
    for name in ("Ben", "Cat", "Dan", "Eve", "Fay"):
        cases(3, caseworker=colleague(manager, name))
    cases(2, caseworker=colleague(manager, "Gus", is_active=False))
    with django_assert_num_queries(9):
        assert client.get("/casework/team/caseloads/").status_code == 200


@FROZEN
def test_the_unallocated_list_shows_open_cases_nobody_holds(client, manager):
    open_case = cases(1, surname="Open")[0]
    make_case(received=date(2025, 1, 6), decided=date(2025, 2, 1), outcome="N")  # refused: closed, needs nobody
    cases(1, caseworker=colleague(manager, "Ann"), surname="Held")
    html = client.get("/casework/team/cases/?caseworker=none").content
    assert [row[0] for row in table_rows(html, "Children")] == [f"{open_case.forename} Open"]


@FROZEN
@pytest.mark.parametrize(
    ("path", "queries"), [("/casework/team/cases/?caseworker=none", 8), ("/casework/team/steps/?status=overdue", 9)]
)
def test_the_caseload_lists_read_in_the_same_number_of_queries_however_long(
    client, manager, django_assert_num_queries, path, queries
):
    cases(2)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    cases(60)
    for name in ("Ben", "Cat", "Dan"):
        cases(2, caseworker=colleague(manager, name))
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


@FROZEN
def test_the_steps_list_shows_the_overdue_steps_of_one_caseworker(client, manager):
    ann = colleague(manager, "Ann")
    cases(2, caseworker=ann, surname="Annscase")
    cases(1, caseworker=colleague(manager, "Ben"), surname="Benscase")
    rows = table_rows(client.get(f"/casework/team/steps/?caseworker={ann.pk}&status=overdue").content, "Open steps")
    assert [row[0].split()[-1] for row in rows] == ["Annscase", "Annscase"]


@FROZEN
def test_the_lists_record_the_children_they_name(client, manager):
    shown = cases(2)
    client.get("/casework/team/cases/?caseworker=none")
    (entry,) = AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED, detail__endswith="in a list")
    assert all(str(child.public_id) in entry.detail for child in shown)  # one entry naming both (ADR 0173)


# --- moving a leaver's cases ------------------------------------------------------------------------------------


@FROZEN
def test_a_leavers_cases_are_shared_evenly_with_one_history_entry_each_naming_the_leaver(manager):
    leaver, ann, ben = colleague(manager, "Leo"), colleague(manager, "Ann"), colleague(manager, "Ben")
    children = cases(3, caseworker=leaver)
    moved = allocation.cases_reassign(user=manager, leaver=leaver, receivers=[ann, ben])
    held = sorted(Child.objects.filter(pk__in=[c.pk for c in children]).values_list("caseworker_id", flat=True))
    assert held == sorted([ann.pk, ann.pk, ben.pk]) and len(moved) == 3
    changes = Change.objects.filter(what="Case reallocated")
    assert sorted(c.subject_id for c in changes) == sorted(str(c.pk) for c in children)
    assert {c.before["caseworker_id"] for c in changes} == {leaver.pk}
    assert AuditEvent.objects.filter(detail__endswith=f"(was {leaver.username})").count() == 3


@FROZEN
def test_a_leavers_cases_may_all_go_to_one_caseworker(manager):
    leaver, ann = colleague(manager, "Leo"), colleague(manager, "Ann")
    cases(3, caseworker=leaver)
    allocation.cases_reassign(user=manager, leaver=leaver, receivers=[ann])
    assert set(Child.objects.values_list("caseworker_id", flat=True)) == {ann.pk}


@FROZEN
def test_a_deactivated_persons_cases_can_be_moved(manager):
    leaver, ann = colleague(manager, "Leo", is_active=False), colleague(manager, "Ann")
    cases(2, caseworker=leaver)
    allocation.cases_reassign(user=manager, leaver=leaver, receivers=[ann])
    assert not Child.objects.filter(caseworker=leaver).exists()


@FROZEN
def test_cases_cannot_be_moved_to_someone_of_another_team(manager):
    leaver = colleague(manager, "Leo")
    cases(2, caseworker=leaver)
    with pytest.raises(ValidationError):
        allocation.cases_reassign(user=manager, leaver=leaver, receivers=[UserFactory(role=Role.CASEWORKER)])
    assert Child.objects.filter(caseworker=leaver).count() == 2


@FROZEN
def test_the_preview_shows_where_each_case_goes_and_changes_nothing(client, manager):
    leaver, ann, ben = colleague(manager, "Leo"), colleague(manager, "Ann"), colleague(manager, "Ben")
    cases(3, caseworker=leaver)
    response = client.post(
        "/casework/team/reassign/", {"leaver": leaver.pk, "receivers": [ann.pk, ben.pk], "action": "preview"}
    )
    assert table_rows(response.content, "Cases each person receives") == [["Ann Smith", "2"], ["Ben Smith", "1"]]
    assert [row[2] for row in table_rows(response.content, "Where each case goes")] == [
        "Ann Smith",
        "Ben Smith",
        "Ann Smith",
    ]
    assert Child.objects.filter(caseworker=leaver).count() == 3 and not Change.objects.exists()


@FROZEN
def test_confirming_the_preview_moves_the_cases(client, manager):
    leaver, ann = colleague(manager, "Leo"), colleague(manager, "Ann")
    cases(2, caseworker=leaver)
    preview = client.post("/casework/team/reassign/", {"leaver": leaver.pk, "receivers": [ann.pk], "action": "preview"})
    version = page(preview.content).xpath("//input[@name='version']")[0].get("value")
    response = client.post(
        "/casework/team/reassign/",
        {"leaver": leaver.pk, "receivers": [ann.pk], "action": "confirm", "version": version},
        follow=True,
    )
    assert Child.objects.filter(caseworker=ann).count() == 2
    banner = page(response.content).xpath("//div[contains(@class, 'govuk-notification-banner__content')]")[0]
    assert text_of(banner) == "2 cases moved from Leo Smith: 2 to Ann Smith"


@FROZEN
def test_confirming_a_preview_the_cases_have_changed_since_is_refused(client, manager):
    leaver, ann = colleague(manager, "Leo"), colleague(manager, "Ann")
    cases(2, caseworker=leaver)
    preview = client.post("/casework/team/reassign/", {"leaver": leaver.pk, "receivers": [ann.pk], "action": "preview"})
    version = page(preview.content).xpath("//input[@name='version']")[0].get("value")
    cases(1, caseworker=leaver)  # a case allocated to them meanwhile
    response = client.post(
        "/casework/team/reassign/",
        {"leaver": leaver.pk, "receivers": [ann.pk], "action": "confirm", "version": version},
    )
    assert error_messages(response.content) == [allocation.PLAN_CHANGED]
    assert Child.objects.filter(caseworker=leaver).count() == 3


@FROZEN
def test_the_leaver_cannot_receive_their_own_cases(client, manager):
    leaver = colleague(manager, "Leo")
    cases(1, caseworker=leaver)
    response = client.post(
        "/casework/team/reassign/", {"leaver": leaver.pk, "receivers": [leaver.pk], "action": "preview"}
    )
    assert error_messages(response.content) == ["Choose people other than Leo Smith to receive the cases"]


@FROZEN
def test_moving_cases_with_nobody_chosen_says_what_is_missing(client, manager):
    response = client.post("/casework/team/reassign/", {"action": "preview"})
    assert error_messages(response.content) == [
        "Choose whose cases you are moving",
        "Choose who should receive the cases",
    ]


@FROZEN
def test_the_reassign_pages_read_in_a_fixed_number_of_queries(client, manager, django_assert_num_queries):
    leaver, ann = colleague(manager, "Leo"), colleague(manager, "Ann")
    cases(2, caseworker=leaver)
    data = {"leaver": leaver.pk, "receivers": [ann.pk], "action": "preview"}
    with django_assert_num_queries(6):
        client.get("/casework/team/reassign/")
    with django_assert_num_queries(8):
        client.post("/casework/team/reassign/", data)
    cases(20, caseworker=leaver)
    for name in ("Ben", "Cat"):
        colleague(manager, name)
    with django_assert_num_queries(6):
        client.get("/casework/team/reassign/")
    with django_assert_num_queries(8):
        client.post("/casework/team/reassign/", data)


# --- people who have left, and the caseworker's view ---------------------------------------------------------


@FROZEN
def test_the_team_page_lists_cases_held_by_people_who_have_left(client, manager):
    cases(2, caseworker=colleague(manager, "Leo", is_active=False))
    cases(1, caseworker=colleague(manager, "Ann"))
    items = page(client.get("/casework/team/").content).xpath(
        "//h2[text()='Cases held by people who have left']/following-sibling::ul[1]/li"
    )
    assert [text_of(item) for item in items] == ["Leo Smith: 2 cases – reassign Leo Smith's cases"]


@FROZEN
def test_someone_who_moved_to_another_organisation_has_left_the_team(client, manager):
    leaver = colleague(manager, "Leo")
    cases(1, caseworker=leaver)
    leaver.organisation = OrganisationFactory()
    leaver.save()
    html = client.get("/casework/team/caseloads/").content
    headers = [text_of(th) for th in page(html).xpath("//tbody//th")]
    assert headers == ["Maya Patel", "Leo Smith Has left the team Reassign Leo Smith's cases", "Not allocated"]


@FROZEN
def test_the_team_page_says_nothing_of_leavers_when_there_are_none(client, manager):
    cases(1, caseworker=colleague(manager, "Ann"))
    assert "Cases held by people who have left" not in client.get("/casework/team/").content.decode()


@FROZEN
def test_my_cases_lists_a_case_newly_allocated_to_me(client, sign_in):
    me = sign_in(Role.CASEWORKER, first_name="Ann", last_name="Smith")
    manager = UserFactory(role=Role.TEAM_MANAGER, organisation=me.organisation)
    team(me.organisation)
    child = make_case()  # no step due this week: only the new allocation shows it
    allocation.case_allocate(user=manager, child=child, caseworker=me)
    rows = table_rows(client.get("/casework/").content, "Cases allocated to you in the last 14 days")
    assert rows == [["Child Test", "12 January 2026"]]


@FROZEN
def test_my_cases_no_longer_lists_a_case_allocated_over_two_weeks_ago(client, sign_in):
    me = sign_in(Role.CASEWORKER)
    manager = UserFactory(role=Role.TEAM_MANAGER, organisation=me.organisation)
    team(me.organisation)
    with time_machine.travel("2025-12-28 09:00 +0000", tick=False):
        allocation.case_allocate(user=manager, child=make_case(), caseworker=me)
    assert "Cases allocated to you" not in client.get("/casework/").content.decode()


# --- deactivating someone who holds cases ------------------------------------------------------------------------


@FROZEN
def test_deactivating_someone_who_holds_cases_warns_with_a_link_to_move_them(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    leaver = UserFactory(role=Role.CASEWORKER, first_name="Leo", last_name="Smith")
    team(leaver.organisation)
    cases(3, caseworker=leaver)
    html = client.get(f"/account/people/{leaver.pk}/deactivate/").content
    warning = page(html).xpath("//*[contains(@class, 'govuk-warning-text__text')]")[0]
    assert text_of(warning) == (
        "Warning Leo Smith holds 3 children's cases. They stay allocated to them after the account is "
        "deactivated, until someone moves them."
    )
    assert [a.get("href") for a in page(html).iter("a") if text_of(a) == "Move their cases to other caseworkers"] == [
        f"/casework/team/reassign/?leaver={leaver.pk}"
    ]


@FROZEN
def test_deactivating_someone_who_holds_no_cases_does_not_warn(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    person = UserFactory(role=Role.CASEWORKER)
    assert not page(client.get(f"/account/people/{person.pk}/deactivate/").content).xpath(
        "//*[contains(@class, 'govuk-warning-text')]"
    )


@FROZEN
def test_deactivating_keeps_the_cases_with_the_person(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    leaver = UserFactory(role=Role.CASEWORKER)
    team(leaver.organisation)
    cases(2, caseworker=leaver)
    client.post(f"/account/people/{leaver.pk}/deactivate/")
    leaver.refresh_from_db()
    assert not leaver.is_active and Child.objects.filter(caseworker=leaver).count() == 2
