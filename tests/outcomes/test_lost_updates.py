"""Lost updates on outcomes (outside probe, December 2026): exception commentary and targets, edited by two
people at once; the second save is refused with what changed and what was typed kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.outcomes.exceptions import exceptions_raise
from sendboard.outcomes.models import ExceptionReport, Target
from tests.editing import editor, opened_version, version_in

pytestmark = pytest.mark.django_db


def test_lost_update_two_leaders_commenting_on_one_exception_report_second_refused(red):
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    url = reverse("outcomes:exception", args=[report.pk])
    first, second = editor(Role.AREA_LEADER), editor(Role.AREA_LEADER)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert first.post(url, {"commentary": "Two caseworkers recruited", "version": first_version}).status_code == 302
    refused = second.post(url, {"commentary": "Agency staff from March", "version": second_version}).content.decode()
    assert (
        "Commentary was changed by someone else since you opened this page. It now says: “Two caseworkers recruited”"
        in refused
    )
    assert "Agency staff from March" in refused
    assert ExceptionReport.objects.get().commentary == "Two caseworkers recruited"
    assert (
        second.post(url, {"commentary": "Agency staff from March", "version": version_in(refused)}).status_code == 302
    )


def test_lost_update_two_analysts_setting_targets_second_refused(indicator):
    url = reverse("outcomes:targets", args=[indicator.code])
    first, second = editor(Role.ANALYST), editor(Role.ANALYST)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert (
        first.post(url, {"period": "2024/25", "value": "67.5", "reason": "Plan", "version": first_version}).status_code
        == 302
    )
    refused = second.post(
        url, {"period": "2024/25", "value": "60", "reason": "My guess", "version": second_version}
    ).content.decode()
    assert "Someone else changed this since you opened the page" in refused and "It now holds: 2024/25: 67.5" in refused
    assert "My guess" in refused
    assert Target.objects.get(indicator=indicator, period="2024/25").value == Decimal("67.5")


def test_lost_update_two_analysts_choosing_an_indicators_owner_second_refused(indicator):
    url = reverse("outcomes:owner", args=[indicator.code])
    first, second = editor(Role.ANALYST), editor(Role.ANALYST)
    chosen, other = editor(Role.AREA_LEADER).user, editor(Role.AREA_LEADER).user
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert first.post(url, {"owner": chosen.pk, "version": first_version}).status_code == 302
    refused = second.post(url, {"owner": other.pk, "version": second_version}).content.decode()
    assert (
        "Owner was changed by someone else since you opened this page. It now says: “" + chosen.display_name in refused
    )
    indicator.refresh_from_db()
    assert indicator.owner == chosen
