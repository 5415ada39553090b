"""Given the area's extracts and what schools reported, when the inclusion team looks for the ones nobody reported,
then pupils with a part-time attendance pattern and no reported timetable, and pupils who left the census with no
reported removal, are flagged with the evidence, and reported pupils are not; on the generated area, whose schools
report at a known rate, the reconciliation finds the unreported cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.extracts.generated import SETTINGS_REPORT_RATE, part_time_absence_share
from sendboard.extracts.models import Attendance, CensusPupil, Suspension
from sendboard.extracts.services import generated_extracts_load
from sendboard.returns.models import ImportedFile
from sendboard.tracking.generated import generated_tracking_load
from sendboard.tracking.models import PartTimeTimetable, RollRemoval
from sendboard.tracking.selectors import PART_TIME_ABSENCE_SHARE, reconciliation_flags
from tests.casework.helpers import team, worcestershire
from tests.extracts.conftest import AS_OF
from tests.html import table_rows
from tests.tracking.helpers import school, timetable

pytestmark = pytest.mark.django_db


def _extract_rows(area):
    upload = ImportedFile.objects.create(kind="extract_attendance", filename="a.csv", sha256="x" * 64, size=1)
    attend = [
        ("A000000000001", 380, 190),
        ("A000000000002", 380, 20),
        ("A000000000003", 380, 200),
        ("A000000000004", 40, 30),
    ]
    for upn, possible, absent in attend:
        Attendance.objects.create(
            imported_file=upload,
            local_area=area,
            upn=upn,
            school_urn="300001",
            academic_year="2025/26",
            possible_sessions=possible,
            absence_sessions=absent,
        )
    for census_date, upns in (
        (date(2025, 10, 2), ["A000000000010", "A000000000011", "A000000000012", "A000000000013"]),
        (date(2026, 1, 15), ["A000000000010"]),
    ):
        for upn in upns:
            born = date(2008, 1, 1) if upn.endswith("13") else date(2015, 1, 1)  # ...13 is past school age
            CensusPupil.objects.create(
                imported_file=upload,
                local_area=area,
                census_date=census_date,
                upn=upn,
                school_urn="300001",
                ncy="5",
                phase="PR",
                birth_date=born,
                sex="F",
                ethnicity="WBRI",
                fsm_eligible=False,
                sen_provision="N",
            )


def test_flags_carry_the_evidence_and_skip_what_was_reported():
    area = worcestershire()
    _extract_rows(area)
    timetable(setting=school(), upn="A000000000003")
    RollRemoval.objects.create(
        local_area=area,
        school_urn="300001",
        upn="A000000000012",
        forename="A",
        surname="B",
        birth_date=date(2015, 1, 1),
        sen_provision="N",
        ground="other_school",
        removal_date=date(2025, 11, 1),
        destination_known=True,
        destination="x",
        return_due=date(2025, 11, 8),
    )
    flags = reconciliation_flags(area)
    assert [(f.kind, f.upn) for f in flags] == [("part_time", "A000000000001"), ("disappeared", "A000000000011")]
    assert (
        flags[0].evidence
        == "Missed 190 of 380 possible sessions (50%) in 2025/26, with no part-time timetable reported"
    )
    assert flags[1].evidence.startswith(
        "On roll in the census of 2 October 2025, in no school's census of 15 January 2026"
    )


def test_sessions_missed_while_suspended_are_set_aside():
    area = worcestershire()
    _extract_rows(area)
    upload = ImportedFile.objects.get()
    for upn, sessions in (("A000000000001", 60), ("A000000000003", 10)):
        Suspension.objects.create(
            imported_file=upload,
            local_area=area,
            upn=upn,
            school_urn="300001",
            academic_year="2025/26",
            start_date=date(2025, 10, 1),
            category="SUS",
            sessions=sessions,
            reason="PD",
        )
    flags = {f.upn: f for f in reconciliation_flags(area) if f.kind == "part_time"}
    assert "A000000000001" not in flags  # 190 missed, 60 of them suspended: 130 of 380 is 34%
    assert flags["A000000000003"].evidence == (
        "Missed 200 of 380 possible sessions (53%, 10 of them while suspended) in 2025/26, "
        "with no part-time timetable reported"
    )


def test_the_page_lists_flags_and_logs_them_without_the_upn(client, sign_in):
    user = sign_in(Role.TEAM_MANAGER)
    area = worcestershire()
    team(user.organisation, area)
    _extract_rows(area)
    rows = table_rows(client.get(reverse("tracking:reconciliation")).content, "Pupils to check")
    assert [row[0] for row in rows] == ["A000000000001", "A000000000003", "A000000000011", "A000000000012"]
    details = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_VIEWED).values_list("detail", flat=True))
    assert len(details) == 4 and not any("A0000" in d for d in details)


def test_on_the_generated_area_the_reconciliation_finds_the_unreported(small_register, tmp_path):
    generated_extracts_load(area=small_register, size="small", out_dir=tmp_path / "x", as_of=AS_OF)
    truth = generated_tracking_load(area=small_register, size="small", out_dir=tmp_path / "t", as_of=AS_OF)
    assert truth.part_time and truth.removed
    assert truth.part_time_reported < truth.part_time and truth.removed_reported < truth.removed
    reported = len(truth.part_time_reported) + len(truth.removed_reported)
    assert abs(reported / (len(truth.part_time) + len(truth.removed)) - SETTINGS_REPORT_RATE) < 0.25
    assert set(PartTimeTimetable.objects.values_list("upn", flat=True)) == truth.part_time_reported
    flags = reconciliation_flags(small_register)
    flagged = {kind: {f.upn for f in flags if f.kind == kind} for kind in ("part_time", "disappeared")}
    assert not (flagged["part_time"] | flagged["disappeared"]) & (truth.part_time_reported | truth.removed_reported)
    # every pupil who left with no removal reported is found; a part-time timetable is found when the pupil misses
    # enough sessions to tell it from ordinary absence (a timetable of most of the week is not)
    assert truth.unreported["disappeared"] <= flagged["disappeared"]
    heavy = {u for u in truth.unreported["part_time"] if part_time_absence_share(u) >= PART_TIME_ABSENCE_SHARE + 0.01}
    light = {u for u in truth.unreported["part_time"] if part_time_absence_share(u) < PART_TIME_ABSENCE_SHARE - 0.01}
    assert heavy and heavy <= flagged["part_time"] and not light & flagged["part_time"]
    # the spring extracts are what they were: the autumn census is extra
    assert CensusPupil.objects.values("census_date").distinct().count() == 2
