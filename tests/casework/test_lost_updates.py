"""Lost updates on casework (outside probe, December 2026): two caseworkers recording why one timescale was missed."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from sendboard.casework.models import StatutoryStep
from tests.casework.helpers import team
from tests.casework.test_pages import FROZEN, cases
from tests.editing import editor, opened_version, version_in

pytestmark = pytest.mark.django_db


@FROZEN
def test_lost_update_two_caseworkers_giving_a_breach_reason_second_refused():
    first = editor(Role.TEAM_MANAGER)
    manager = first.user
    team(manager.organisation)
    child = cases(1, caseworker=manager)[0]
    second = editor(Role.TEAM_MANAGER, organisation=manager.organisation)
    step = StatutoryStep.objects.get(child=child, step="decision_to_assess")
    path = f"/casework/children/{child.public_id}/steps/{step.id}/reason/"
    first_version, second_version = opened_version(first, path), opened_version(second, path)
    assert first.post(path, {"reason": "PANEL", "note": "Panel moved", "version": first_version}).status_code == 302
    refused = second.post(
        path, {"reason": "PANEL", "note": "Advice late too", "version": second_version}
    ).content.decode()
    assert "What happened was changed by someone else since you opened this page. It now says: “Panel moved”" in refused
    assert "Advice late too" in refused
    step.refresh_from_db()
    assert step.breach_note == "Panel moved"
    assert (
        second.post(path, {"reason": "PANEL", "note": "Advice late too", "version": version_in(refused)}).status_code
        == 302
    )
