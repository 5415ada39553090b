"""The home area's own pupil-level and service data, loaded from local extracts (ADR 0050).

Every row belongs to the file that loaded it (``imported_file``) and to one local area. The layouts that
produce these rows are defined once, as data, in ``layouts.py``; field names follow docs/notes/interfaces
("extracts"). UPNs and birth dates are personal data: no page shows rows, only counts.
"""

from __future__ import annotations

from django.db import models


class ExtractRow(models.Model):
    imported_file = models.ForeignKey("returns.ImportedFile", on_delete=models.CASCADE, related_name="+")
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class CensusPupil(ExtractRow):
    """One pupil on roll at a school census date (school census extract)."""

    census_date = models.DateField()
    upn = models.CharField("unique pupil number", max_length=13)
    school_urn = models.CharField(max_length=6)
    ncy = models.CharField("national curriculum year", max_length=3)
    phase = models.CharField(max_length=2)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1)
    ethnicity = models.CharField(max_length=4)
    fsm_eligible = models.BooleanField()
    sen_provision = models.CharField(max_length=1)
    primary_need = models.CharField(max_length=4, blank=True)
    looked_after = models.BooleanField(default=False)
    child_in_need = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["local_area", "census_date"])]


class Suspension(ExtractRow):
    """One suspension or permanent exclusion."""

    upn = models.CharField(max_length=13)
    school_urn = models.CharField(max_length=6)
    academic_year = models.CharField(max_length=7)
    start_date = models.DateField()
    category = models.CharField(max_length=4)
    sessions = models.DecimalField(max_digits=6, decimal_places=1)
    reason = models.CharField(max_length=4)

    class Meta:
        indexes = [models.Index(fields=["local_area", "academic_year"])]


class Attendance(ExtractRow):
    """One pupil's sessions in one academic year."""

    upn = models.CharField(max_length=13)
    school_urn = models.CharField(max_length=6)
    academic_year = models.CharField(max_length=7)
    possible_sessions = models.PositiveIntegerField()
    absence_sessions = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["local_area", "academic_year"])]


class AttainmentResult(ExtractRow):
    """One key stage result of one pupil."""

    upn = models.CharField(max_length=13)
    academic_year = models.CharField(max_length=7)
    key_stage = models.CharField(max_length=3)
    measure = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["local_area", "academic_year"])]


class NeetRecord(ExtractRow):
    """One young person's activity in one month (CCIS)."""

    person_ref = models.CharField(max_length=20)
    upn = models.CharField(max_length=13, blank=True)
    birth_date = models.DateField()
    month = models.DateField(help_text="The first day of the month")
    activity = models.CharField(max_length=10)
    ccis_activity_code = models.CharField(max_length=3, blank=True)
    sen_provision = models.CharField(max_length=1)

    class Meta:
        indexes = [models.Index(fields=["local_area", "month"])]


class YouthJusticeRecord(ExtractRow):
    """One young person on the youth justice service's caseload in one period."""

    person_ref = models.CharField(max_length=20)
    upn = models.CharField(max_length=13, blank=True)
    birth_date = models.DateField()
    period_start = models.DateField()
    period_end = models.DateField()
    sen_provision = models.CharField(max_length=1)

    class Meta:
        indexes = [models.Index(fields=["local_area", "period_start"])]


class HealthWait(ExtractRow):
    """A community health service's waiting list at the end of one month (counts only)."""

    service = models.CharField(max_length=30)
    month = models.DateField(help_text="The first day of the month")
    provider = models.CharField(max_length=200)
    waiting = models.PositiveIntegerField()
    waiting_over_18_weeks = models.PositiveIntegerField()
    waiting_over_52_weeks = models.PositiveIntegerField()
    median_weeks_waited = models.DecimalField(max_digits=6, decimal_places=1, null=True)

    class Meta:
        indexes = [models.Index(fields=["local_area", "month"])]


class PlanAudit(ExtractRow):
    """The overall grade of one EHC plan quality audit (until the quality module replaces it)."""

    child_upn = models.CharField(max_length=13, blank=True)
    plan_issue_date = models.DateField(null=True)
    audit_date = models.DateField()
    overall_grade = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["local_area", "audit_date"])]
