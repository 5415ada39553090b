"""Given the demo area with its generated register and extracts, when tracking's demo loads (twice), then the demo
school sees its own pupils' reports, the weekly list has children on it, and loading again changes nothing."""

from __future__ import annotations

import io

import pytest

from sendboard.accounts.models import User
from sendboard.demo.area import demo_area_load
from sendboard.extracts.services import generated_extracts_load
from sendboard.tracking import selectors
from sendboard.tracking.demo import load_demo
from sendboard.tracking.models import AreaContacts, Escalation, PartTimeTimetable, PlacedChild, RollRemoval
from tests.extracts.conftest import AS_OF

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_and_the_demo_school_sees_its_pupils(small_register, tmp_path, settings, time_machine):
    time_machine.move_to("2025-11-20 09:00 +0000", tick=False)
    settings.SENDBOARD_DEMO_SCALE = "small"
    demo_area_load()
    generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    load_demo(stdout=io.StringIO())
    counts = (
        PartTimeTimetable.objects.count(),
        RollRemoval.objects.count(),
        PlacedChild.objects.count(),
        Escalation.objects.count(),
    )
    again = io.StringIO()
    load_demo(stdout=again)
    assert "already loaded" in again.getvalue()
    assert (
        PartTimeTimetable.objects.count(),
        RollRemoval.objects.count(),
        PlacedChild.objects.count(),
        Escalation.objects.count(),
    ) == counts
    assert counts[0] > 0 and counts[2] == 3
    assert AreaContacts.objects.get().inclusion_lead.username == "demo.team.manager"
    school_user = User.objects.get(username="demo.setting.user")
    reports = selectors.setting_reports(school_user)
    assert {t.school_urn for t in reports.timetables} <= {"300001"}
    riverside = PartTimeTimetable.objects.filter(school_urn="300001")
    assert all(t.setting == school_user.organisation for t in riverside)
    assert len(reports.timetables) == riverside.filter(end_date__isnull=True).count()
