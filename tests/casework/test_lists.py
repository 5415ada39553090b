"""Given a register larger than one screen, when a caseworker works their queue and a team manager reviews the
team's missed timescales, then every list pages, filters and sorts with its choices kept in the address, and
each page reads in the same number of queries however long the list; and a child is found by name, date of
birth or unique pupil number within the user's scope, by POST, with the search logged but never what was typed."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.casework.models import Child, StatutoryStep
from sendboard.casework.selectors import Period, period_choices, period_range
from sendboard.casework.services import steps_refresh
from tests.casework.helpers import cases_with_overdue_advice, make_case, other_area, team
from tests.factories import UserFactory
from tests.html import link_hrefs, pagination_hrefs, table_rows

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 12)
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


def cases(n: int, *, caseworker=None, received=date(2025, 10, 1), area=None, surname="Test"):
    """Each case: a decision made late (missed, done late) and advice asked 21 November 2025, overdue today."""
    return cases_with_overdue_advice(
        n, caseworker=caseworker, area=area, received=received, surname=surname, as_of=TODAY
    )


@pytest.fixture
def caseworker(sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user


@pytest.fixture
def manager(sign_in):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    return user


# --- the caseworker's queue ---------------------------------------------------------------------------------


@FROZEN
def test_the_queue_pages_past_fifty_steps_instead_of_stopping(client, caseworker):
    cases(55, caseworker=caseworker)
    first = client.get("/casework/")
    assert len(table_rows(first.content, "Steps to work on")) == 50
    assert "Showing 1 to 50 of 55" in first.content.decode()
    assert "?page=2" in pagination_hrefs(first.content)
    second = client.get("/casework/?page=2")
    assert len(table_rows(second.content, "Steps to work on")) == 5


@FROZEN
def test_the_queue_filters_by_status_and_step_and_the_filters_stay_in_the_page_links(client, caseworker):
    cases(52, caseworker=caseworker)
    # One step due this week and not yet overdue.
    first_advice = StatutoryStep.objects.filter(step="advice").order_by("id").first()
    StatutoryStep.objects.filter(id=first_advice.id).update(due_date=date(2026, 1, 15))
    overdue = client.get("/casework/?status=overdue&step=advice")
    rows = table_rows(overdue.content, "Steps to work on")
    assert len(rows) == 50 and {row[3] for row in rows} == {"Overdue"}
    assert "?status=overdue&step=advice&page=2" in pagination_hrefs(overdue.content)
    this_week = table_rows(client.get("/casework/?status=due_this_week").content, "Steps to work on")
    assert [(row[1], row[2]) for row in this_week] == [("Advice returned Community paediatrics", "15 January 2026")]
    no_such_step = client.get("/casework/?step=final_plan")
    assert "No open step matches these filters." in no_such_step.content.decode()


@FROZEN
def test_the_queue_shows_counts_that_link_to_their_filters(client, caseworker):
    cases(3, caseworker=caseworker)
    text = client.get("/casework/").content
    assert link_hrefs(text, "3 steps are overdue") == ["?status=overdue"]
    assert link_hrefs(text, "0 steps fall due in the next 7 days") == ["?status=due_this_week"]


@FROZEN
def test_the_queue_sorts_newest_due_first_or_by_surname(client, caseworker):
    cases(1, caseworker=caseworker, received=date(2025, 9, 1), surname="Young")
    cases(1, caseworker=caseworker, received=date(2025, 10, 1), surname="Abbott")
    StatutoryStep.objects.filter(child__surname="Young", step="advice").update(due_date=date(2025, 12, 1))
    oldest_first = table_rows(client.get("/casework/?step=advice").content, "Steps to work on")
    assert [row[0] for row in oldest_first] == ["Child Young", "Child Abbott"]
    newest_first = table_rows(client.get("/casework/?sort=due_desc&step=advice").content, "Steps to work on")
    assert [row[0] for row in newest_first] == ["Child Abbott", "Child Young"]
    by_name = table_rows(client.get("/casework/?sort=child&step=advice").content, "Steps to work on")
    assert [row[0] for row in by_name] == ["Child Abbott", "Child Young"]


@FROZEN
def test_the_queue_counts_each_filtered_list_with_its_figures_in_one_read(client, caseworker):
    """ADR 0173: the length of the list shown is counted in the query that counts what is overdue, due this week
    and awaited; each list's "of N" is still the number of steps it holds."""
    cases(52, caseworker=caseworker)
    first_advice = StatutoryStep.objects.filter(step="advice").order_by("id").first()
    StatutoryStep.objects.filter(id=first_advice.id).update(due_date=date(2026, 1, 15))
    still_open = StatutoryStep.objects.filter(done_date__isnull=True, excepted=False)
    expected = {
        "/casework/?status=overdue&step=advice": still_open.filter(step="advice", due_date__lt=TODAY).count(),
        "/casework/?status=open": still_open.count(),
        "/casework/": still_open.filter(due_date__lte=date(2026, 1, 19)).count(),
    }
    for path, count in expected.items():
        assert count > 50, path
        assert f"Showing 1 to 50 of {count}" in client.get(path).content.decode(), path
    text = client.get("/casework/").content
    assert link_hrefs(text, f"{still_open.filter(due_date__lt=TODAY).count()} steps are overdue")
    assert link_hrefs(text, "1 step falls due in the next 7 days")
    assert table_rows(text, "Advice still awaited, by who was asked") == [["Community paediatrics", "52"]]


@FROZEN
def test_the_queues_counts_reach_a_caseworkers_open_steps_through_their_index(caseworker):
    """ADR 0173: the counts read the open steps of the caseworker's children through the partial index of open
    steps by child, not every open step of the area hashed against the children (the plan PostgreSQL chose)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from sendboard.casework.selectors import caseworker_queue

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's query plans")
    cases(3, caseworker=caseworker)
    with CaptureQueriesContext(connection) as queries:
        caseworker_queue(caseworker, today=TODAY)
    (counts,) = [query["sql"] for query in queries.captured_queries if '"partner"' in query["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {counts}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "casework_step_open_by_child" in plan


@FROZEN
def test_the_caseload_counts_cases_with_open_steps_and_without(client, caseworker):
    """The caseload is read with the counts of open steps (ADR 0173), and still counts a case with none."""
    refused = make_case(received=date(2025, 9, 1), decided=date(2025, 10, 1), outcome="N", caseworker=caseworker)
    steps_refresh(child_ids=[refused.id], as_of=TODAY)
    assert "You hold 1 case." in client.get("/casework/").content.decode()
    cases(2, caseworker=caseworker)
    cases(1)  # the team's, not mine
    assert "You hold 3 cases." in client.get("/casework/").content.decode()


@FROZEN
def test_the_queues_filters_show_the_values_chosen_and_a_step_renamed_at_once(client, caseworker):
    """The filters are drawn once per process for each set of step names and values (ADR 0173): a step renamed
    anywhere shows on the next page, and each request shows its own choices."""
    from sendboard.casework.models import TimescaleRule

    cases(1, caseworker=caseworker)
    overdue = client.get("/casework/?status=overdue").content.decode()
    assert '<option value="overdue" selected>Overdue</option>' in overdue
    assert '<option value="advice">Advice returned</option>' in overdue
    assert '<option value="overdue">Overdue</option>' in client.get("/casework/").content.decode()
    TimescaleRule.objects.filter(step="advice").update(name="Advice back from partners")
    renamed = client.get("/casework/?status=overdue").content.decode()
    assert '<option value="advice">Advice back from partners</option>' in renamed
    assert '<option value="overdue" selected>Overdue</option>' in renamed


@FROZEN
def test_the_queue_logs_one_entry_naming_every_child_on_the_page(client, caseworker):
    """ADR 0173 (amending ADR 0065): one audit entry per page shown, naming each child listed, by opaque id."""
    children = cases(55, caseworker=caseworker)
    client.get("/casework/?status=overdue&step=advice&page=2")
    (entry,) = AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED)
    named = entry.detail.removeprefix("Children ").removesuffix(" in a list").split(", ")
    on_page_two = StatutoryStep.objects.filter(step="advice").order_by("due_date", "id")[50:]
    assert named == [str(step.child.public_id) for step in on_page_two]
    assert (entry.user, entry.path) == (caseworker, "/casework/")
    assert len(named) == 5 and {str(child.public_id) for child in children} >= set(named)
    assert "Test" not in entry.detail


@FROZEN
def test_an_unknown_filter_value_in_an_old_link_falls_back_to_the_default(client, caseworker):
    cases(2, caseworker=caseworker)
    response = client.get("/casework/?status=nonsense&sort=nonsense&page=99")
    assert response.status_code == 200
    assert len(table_rows(response.content, "Steps to work on")) == 2


# --- the team manager's page --------------------------------------------------------------------------------


def test_periods_are_calendar_quarters_and_years_labelled_with_their_months():
    assert period_range(Period.LAST_QUARTER, today=TODAY) == (date(2025, 10, 1), date(2025, 12, 31))
    assert period_range(Period.THIS_QUARTER, today=date(2026, 5, 20)) == (date(2026, 4, 1), date(2026, 5, 20))
    assert period_range(Period.LAST_QUARTER, today=date(2026, 5, 20)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period_range(Period.THIS_YEAR, today=TODAY) == (date(2026, 1, 1), TODAY)
    assert period_range(Period.LAST_YEAR, today=TODAY) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_range(Period.LAST_12_MONTHS, today=TODAY) == (date(2025, 1, 13), TODAY)
    assert period_range(Period.ALL, today=TODAY) is None
    assert dict(period_choices(today=TODAY))[Period.LAST_QUARTER] == "Last quarter (Oct to Dec 2025)"


@FROZEN
def test_the_team_page_limits_breaches_to_a_period_instead_of_running_back_for_years(client, manager):
    cases(2)  # decisions due 12 November 2025, missed
    old = make_case(received=date(2009, 1, 5), decided=date(2009, 4, 1), outcome="N")
    steps_refresh(child_ids=[old.id], as_of=TODAY)
    default = client.get("/casework/team/").content
    assert table_rows(default, "Missed timescales by reason") == [["No reason recorded yet", "4"]]
    everything = client.get("/casework/team/?period=all").content
    assert table_rows(everything, "Missed timescales by reason") == [["No reason recorded yet", "5"]]
    last_quarter = client.get("/casework/team/?period=last_quarter").content
    assert table_rows(last_quarter, "Missed timescales by reason") == [["No reason recorded yet", "2"]]
    assert "Steps due from 1 October 2025 to 31 December 2025." in last_quarter.decode()


@FROZEN
def test_the_team_page_filters_by_caseworker_step_and_status(client, manager):
    worker = UserFactory(
        role=Role.CASEWORKER, organisation=manager.organisation, first_name="Ada", last_name="Lovelace"
    )
    cases(2, caseworker=worker, surname="Mine")
    cases(1, surname="Nobody")
    StatutoryStep.objects.filter(child__surname="Nobody", step="decision_to_assess").update(breach_reason="PANEL")

    def missed(query):
        return table_rows(client.get(f"/casework/team/?{query}").content, "Missed timescales that match")

    assert {row[0] for row in missed(f"caseworker={worker.pk}")} == {"Child Mine"}
    assert {row[0] for row in missed("caseworker=none")} == {"Child Nobody"}
    assert {row[1] for row in missed("step=advice")} == {"Advice returned Community paediatrics"}
    assert len(missed("status=unexplained")) == 5
    assert [row[0] for row in missed("status=late")] == ["Child Mine", "Child Mine", "Child Nobody"]
    assert [row[4] for row in missed("status=late&caseworker=none")] == ["Decision-making panel delayed"]
    assert {row[3] for row in missed("status=overdue")} == {"Overdue"}
    options = client.get("/casework/team/").content.decode()
    assert f'<option value="{worker.pk}"' in options and "Ada Lovelace" in options


@FROZEN
def test_the_team_page_pages_missed_timescales_and_keeps_the_filters(client, manager):
    cases(30)  # 60 missed timescales
    first = client.get("/casework/team/?period=last_12_months&step=")
    assert len(table_rows(first.content, "Missed timescales that match")) == 50
    assert "?period=last_12_months&step=&page=2" in pagination_hrefs(first.content)
    second = client.get("/casework/team/?period=last_12_months&step=&page=2")
    assert len(table_rows(second.content, "Missed timescales that match")) == 10


# Each count includes recording, in one go, the children the page names (ADR 0065).
@FROZEN
@pytest.mark.parametrize(
    ("path", "role", "queries"),
    [
        # One of them writes the audit of the children the page names (ADR 0065, ADR 0173). My cases reads the
        # cases newly allocated, and its caseload and the length of its list with its other figures (ADR 0173);
        # the team page, the people who have left but still hold cases (ADR 0150).
        ("/casework/", Role.CASEWORKER, 9),
        ("/casework/?status=open&sort=child&step=advice", Role.CASEWORKER, 9),
        ("/casework/team/", Role.TEAM_MANAGER, 17),
        ("/casework/team/?period=last_quarter&caseworker=none&status=unexplained", Role.TEAM_MANAGER, 17),
    ],
)
def test_list_pages_read_in_the_same_number_of_queries_however_long_the_list(
    client, sign_in, django_assert_num_queries, path, role, queries
):
    user = sign_in(role)
    team(user.organisation)
    cases(2, caseworker=user)
    cases(2)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    cases(60, caseworker=user)
    cases(3)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


# --- finding a child ----------------------------------------------------------------------------------------


def _named(forename: str, surname: str, *, born=date(2014, 3, 2), area=None) -> Child:
    child = make_case(born=born, area=area)
    Child.objects.filter(id=child.id).update(forename=forename, surname=surname)
    child.refresh_from_db()
    return child


@pytest.fixture
def children(caseworker):
    return {
        "amira": _named("Amira", "Khan", born=date(2014, 3, 2)),
        "amir": _named("Amir", "Kowalski", born=date(2015, 7, 9)),
        "sam": _named("Sam", "Khan", born=date(2012, 1, 30)),
        "elsewhere": _named("Amira", "Khanna", born=date(2014, 3, 2), area=other_area()),
    }


def _found(client, term):
    response = client.post("/casework/children/", {"term": term})
    assert response.status_code == 200
    return [row[0] for row in table_rows(response.content, "")] if b"<table" in response.content else []


def test_a_child_is_found_by_name_within_the_users_area_only(client, children):
    assert _found(client, "amira khan") == ["Amira Khan"]
    assert _found(client, "Khan") == ["Amira Khan", "Sam Khan"]
    assert _found(client, "am k") == ["Amira Khan", "Amir Kowalski"]
    assert _found(client, "Zebedee") == []


def test_a_child_is_found_by_date_of_birth_in_the_forms_people_type(client, children):
    for typed in ("2/3/2014", "02-03-2014", "2014-03-02", "2 March 2014", "2 3 2014"):
        assert _found(client, typed) == ["Amira Khan"], typed


def test_a_child_is_found_by_unique_pupil_number(client, children):
    assert _found(client, children["sam"].upn.lower()) == ["Sam Khan"]
    assert _found(client, children["elsewhere"].upn) == []


def test_a_search_that_is_not_a_date_or_a_upn_says_what_to_type(client, children):
    response = client.post("/casework/children/", {"term": "31/02/2014"})
    text = response.content.decode()
    assert "Enter a date of birth as day, month and year, like 2/3/2014" in text
    assert 'value="31/02/2014"' in text  # what was typed is kept
    empty = client.post("/casework/children/", {"term": "  "}).content.decode()
    assert "Enter a name, a date of birth or a unique pupil number" in empty


def test_the_search_is_logged_without_what_was_typed_and_never_reaches_the_address(client, children):
    response = client.get("/casework/children/?term=Khan")
    assert b"<table" not in response.content  # a search in the address is not run
    client.post("/casework/children/", {"term": "Amira Khan"})
    events = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).order_by("id"))
    assert [event.path for event in events] == ["/casework/children/"] * 2
    assert [event.detail for event in events] == [
        "Searched for a child by name: 1 shown",
        f"Child {children['amira'].public_id} in a list",
    ]
    assert not any("Khan" in event.detail or "Amira" in event.detail for event in events)


def test_opening_a_found_child_is_logged(client, children):
    response = client.post("/casework/children/", {"term": "Sam Khan"})
    (href,) = link_hrefs(response.content, "Sam Khan")
    assert client.get(href).status_code == 200
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_VIEWED, detail=f"Child {children['sam'].public_id}"
    ).exists()


@pytest.mark.parametrize("role", [Role.SETTING_USER, Role.AREA_LEADER, Role.ANALYST])
def test_roles_that_cannot_see_children_cannot_search_for_them(client, sign_in, role):
    sign_in(role)
    assert client.post("/casework/children/", {"term": "Khan"}).status_code == 403


def test_the_search_reads_in_a_fixed_number_of_queries(client, children, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.post("/casework/children/", {"term": "Khan"})
    for i in range(30):
        _named(f"Extra{i}", "Khan")
    with django_assert_num_queries(7):
        client.post("/casework/children/", {"term": "Khan"})
