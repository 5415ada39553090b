"""Given an owner with more actions than one page holds, when they open their actions, then the list pages,
filters by update state and RAG rating, sorts, and reads in the same number of queries however long it is."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sendboard.plans import services
from tests.html import pagination_hrefs, table_rows
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db
MINE = reverse("plans:my-actions")
FROZEN = time_machine.travel("2026-06-15 09:00 +0000", tick=False)


def _actions(small_plan, leader, count: int, *, start=date(2026, 1, 5), due=date(2027, 3, 31), prefix="x"):
    owner = small_plan["owner"]
    return [
        services.action_create(
            user=leader,
            workstream=small_plan["workstream"],
            reference=f"{prefix}{n:02d}",
            title=f"Action {prefix}{n:02d}",
            owner=owner,
            organisation=owner.organisation,
            start_date=start,
            due_date=due,
        )
        for n in range(count)
    ]


@FROZEN
def test_the_owners_actions_page_past_fifty(client, small_plan, leader):
    _actions(small_plan, leader, 54)
    force_login_verified(client, small_plan["owner"])
    first = client.get(MINE)
    assert len(table_rows(first.content, "Your open actions")) == 50
    assert "?page=2" in pagination_hrefs(first.content)
    assert len(table_rows(client.get(MINE, {"page": 2}).content, "Your open actions")) == 5


@FROZEN
def test_the_owners_actions_filter_by_update_and_rag_and_sort(client, small_plan, leader):
    fresh = _actions(small_plan, leader, 2, prefix="f")
    services.progress_update_record(user=leader, action=fresh[0], day=date(2026, 6, 1), summary="Done this month")
    _actions(small_plan, leader, 1, start=date(2026, 1, 5), due=date(2026, 6, 1), prefix="late")  # past due: red
    force_login_verified(client, small_plan["owner"])

    def listed(params):
        return [row[0].split(" ")[0] for row in table_rows(client.get(MINE, params).content, "Your open actions")]

    assert listed({"update": "up_to_date"}) == ["f00"]
    assert listed({"rag": "red"}) == ["late00"]
    assert listed({"sort": "reference"}) == ["1.1", "f00", "f01", "late00"]
    assert listed({"sort": "due"})[0] == "late00"
    assert (
        "You have no open actions that match these filters."
        in client.get(MINE, {"rag": "red", "update": "up_to_date"}).content.decode()
    )


@FROZEN
def test_the_owners_actions_read_in_the_same_number_of_queries_however_many(
    client, small_plan, leader, django_assert_num_queries
):
    _actions(small_plan, leader, 2)
    force_login_verified(client, small_plan["owner"])
    with django_assert_num_queries(6):
        client.get(MINE, {"sort": "due"})
    _actions(small_plan, leader, 60, prefix="y")
    with django_assert_num_queries(6):
        client.get(MINE, {"sort": "due", "page": "2"})


@FROZEN
def test_the_plan_page_filters_its_actions_by_rag_and_update(client, small_plan, leader):
    _actions(small_plan, leader, 1, start=date(2026, 1, 5), due=date(2026, 6, 1), prefix="late")  # past due: red
    force_login_verified(client, leader)
    plan_page = reverse("plans:plan", args=[small_plan["plan"].pk])

    def listed(params):
        return [
            row[0].split(" ")[0] for row in table_rows(client.get(plan_page, params).content, "Actions in workstream 1")
        ]

    assert listed({}) == ["late00", "1.1"]  # by due date
    assert listed({"rag": "red"}) == ["late00"]
    assert listed({"rag": "red", "update": "overdue"}) == ["late00"]
    assert "No actions match these filters." in client.get(plan_page, {"update": "up_to_date"}).content.decode()
    assert listed({"rag": "nonsense"}) == ["late00", "1.1"]


@FROZEN
def test_the_filtered_plan_page_reads_in_the_same_number_of_queries_however_many_actions(
    client, small_plan, leader, django_assert_num_queries
):
    force_login_verified(client, leader)
    plan_page = reverse("plans:plan", args=[small_plan["plan"].pk])
    _actions(small_plan, leader, 2, due=date(2026, 6, 1), prefix="late")
    with django_assert_num_queries(11):
        client.get(plan_page, {"rag": "red", "update": "overdue"})
    _actions(small_plan, leader, 30, due=date(2026, 6, 1), prefix="more")
    with django_assert_num_queries(11):
        client.get(plan_page, {"rag": "red", "update": "overdue"})
