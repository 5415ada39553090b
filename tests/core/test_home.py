"""Given a person's own work, when they open their home page, then they see it counted, each count linking
straight to the list it counts, in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.casework.models import StatutoryStep
from sendboard.casework.services import steps_refresh
from sendboard.localoffer.services import service_change_submit, version_content
from sendboard.plans import services as plans
from tests.casework.helpers import make_case, team
from tests.factories import UserFactory
from tests.html import work_counts
from tests.localoffer.factories import DirectoryBuilder

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
FROZEN = time_machine.travel("2026-12-03 09:00 +0000", tick=False)


@FROZEN
def test_a_caseworker_sees_their_own_overdue_steps_and_those_due_this_week(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    mine = [make_case(received=date(2026, 9, 1), caseworker=user) for _ in range(3)]
    others = [
        make_case(
            received=date(2026, 9, 1), caseworker=UserFactory(role=Role.CASEWORKER, organisation=user.organisation)
        )
    ]
    steps_refresh(child_ids=[c.id for c in mine + others], as_of=TODAY)
    StatutoryStep.objects.update(done_date=date(2026, 9, 2))
    for child, due in zip(
        mine, (TODAY - timedelta(days=3), TODAY - timedelta(days=1), TODAY + timedelta(days=6)), strict=True
    ):
        StatutoryStep.objects.filter(child=child).update(done_date=None, due_date=due)
    StatutoryStep.objects.filter(child=others[0]).update(done_date=None, due_date=TODAY - timedelta(days=10))
    mine_steps = StatutoryStep.objects.filter(child__in=mine).count()

    counts = work_counts(client.get(reverse("core:home")))

    per_child = mine_steps // 3
    assert counts["Steps overdue on your cases"] == (2 * per_child, reverse("casework:my-cases"))
    assert counts["Steps due in the next 7 days on your cases"] == (per_child, reverse("casework:my-cases"))


@FROZEN
def test_an_action_owner_sees_late_actions_and_overdue_updates(client, sign_in):
    owner = sign_in(Role.ACTION_OWNER)
    leader = UserFactory(role=Role.AREA_LEADER)
    inspection = plans.inspection_create(
        user=leader, framework="2016", kind="full", title="Inspection", outcome="wsoa_required"
    )
    plan = plans.plan_create(user=leader, inspection=inspection, kind="wsoa", title="Plan", status="active")
    workstream = plans.workstream_create(user=leader, plan=plan, number=1, title="Local Offer", leads=[leader])
    # Two actions the same but for their reference: both count.
    for reference, due in (("1.1", date(2026, 10, 30)), ("1.2", date(2026, 10, 30)), ("1.3", date(2027, 3, 31))):
        plans.action_create(
            user=leader,
            workstream=workstream,
            reference=reference,
            title=f"Action {reference}",
            owner=owner,
            organisation=owner.organisation,
            start_date=date(2026, 1, 5),
            due_date=due,
        )
    counts = work_counts(client.get(reverse("core:home")))
    assert counts["Your actions past their due date"] == (2, reverse("plans:my-actions"))
    assert counts["Progress updates overdue on your actions"] == (3, reverse("plans:my-actions"))
    assert counts["Progress updates due this month"] == (0, reverse("plans:my-actions"))


def test_the_local_offer_team_sees_changes_awaiting_approval(client, sign_in):
    directory = DirectoryBuilder()
    service = directory.service("Saturday club")
    provider = sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    counts = work_counts(client.get(reverse("core:home")))
    assert counts["Your changes awaiting the Local Offer team’s approval"] == (
        1,
        reverse("localoffer:provider-services"),
    )
    sign_in(Role.LOCAL_OFFER_OFFICER)
    counts = work_counts(client.get(reverse("core:home")))
    assert counts["Changes to services awaiting approval"] == (1, reverse("localoffer:team"))


def test_a_role_with_no_work_lists_sees_no_counts(client, sign_in):
    sign_in(Role.SETTING_USER)
    assert work_counts(client.get(reverse("core:home"))) == {}


@FROZEN
@pytest.mark.parametrize("grown", [False, True])
def test_the_home_page_reads_in_a_fixed_number_of_queries(client, sign_in, django_assert_num_queries, grown):
    user = sign_in(Role.ADMINISTRATOR)
    team(user.organisation)
    if grown:
        children = [make_case(received=date(2026, 9, 1), caseworker=user) for _ in range(5)]
        steps_refresh(child_ids=[c.id for c in children], as_of=TODAY)
        directory = DirectoryBuilder()
        for n in range(3):
            directory.service(f"Service {n}")
    # session, user, OTP device; plans 4 (own actions, three kinds of text to approve); casework 2 (own steps,
    # team breaches); Local Offer 3; outcomes 1; tracking 2 (own part-time timetable checks, escalations to me);
    # the layout's local area and the user's organisation
    with django_assert_num_queries(17):
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
