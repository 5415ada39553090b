"""Targets, owners and exception commentary are kept in the one history (ADR 0115): before, after, who and why."""

from decimal import Decimal

import pytest

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_of, changes_to
from sendboard.outcomes import services
from sendboard.outcomes.models import ExceptionReport
from tests.factories import UserFactory
from tests.outcomes.fact_factories import IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_a_changed_target_keeps_the_value_before_and_after_and_the_reason():
    leader, indicator = UserFactory(role=Role.ANALYST), IndicatorFactory(code="on-time")
    TargetFactory(indicator=indicator, period="2024", value=Decimal(65))
    services.target_set(user=leader, indicator=indicator, period="2024", value=Decimal(70), reason="Board raised it")
    services.target_set(user=leader, indicator=indicator, period="2025", value=Decimal(72), reason="New year")
    history = list(changes_to(indicator).order_by("id").values_list("what", "before", "after", "reason", "changed_by"))
    before_2024 = history[0][1]["target"]
    assert Decimal(before_2024) == 65
    assert [(what, Decimal(after["target"]), reason, by) for what, _before, after, reason, by in history] == [
        ("Target for 2024", 70, "Board raised it", leader.pk),
        ("Target for 2025", 72, "New year", leader.pk),
    ]
    assert history[1][1] == {"target": None}


def test_a_new_owner_and_commentary_are_kept():
    leader, owner = UserFactory(role=Role.ANALYST), UserFactory(role=Role.ACTION_OWNER)
    indicator = IndicatorFactory(code="on-time")
    services.indicator_owner_set(user=leader, indicator=indicator, owner=owner)
    assert list(changes_to(indicator).values_list("before", "after")) == [({"owner": None}, {"owner": owner.pk})]
    report = ExceptionReport.objects.create(indicator=indicator, period="2024", owner=owner)
    services.exception_commentary_set(user=owner, report=report, commentary="Two caseworkers were vacant")
    change = changes_to(report).get()
    assert (change.after["commentary"], change.before["commentary"], change.changed_by) == (
        "Two caseworkers were vacant",
        "",
        owner,
    )
    assert change in changes_of(indicator)
