"""Why a statutory timescale was missed is kept in the one history (ADR 0115): each reason, before and after,
with who gave it; the caseworker's note stays on the step only."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_to
from sendboard.casework import services
from sendboard.casework.models import StatutoryStep
from tests.casework.helpers import team
from tests.casework.test_pages import FROZEN, cases
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@FROZEN
def test_each_breach_reason_is_kept_before_and_after_without_the_note():
    manager = UserFactory(role=Role.TEAM_MANAGER)
    team(manager.organisation)
    step = StatutoryStep.objects.get(child=cases(1, caseworker=manager)[0], step="decision_to_assess")
    services.step_record_breach_reason(user=manager, step=step, reason="PANEL", note="Panel moved")
    services.step_record_breach_reason(user=manager, step=step, reason="ADVICE", note="Advice late")
    history = list(changes_to(step).order_by("id").values_list("what", "before", "after", "changed_by"))
    assert history == [
        ("Reason the timescale was missed", {"breach_reason": ""}, {"breach_reason": "PANEL"}, manager.pk),
        ("Reason the timescale was missed", {"breach_reason": "PANEL"}, {"breach_reason": "ADVICE"}, manager.pk),
    ]
    assert "Panel moved" not in str(list(changes_to(step).values("before", "after", "reason")))
