"""Reads for tracking. Every query of children goes through ``permissions`` (who sees which records)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.core.work import WorkCount
from sendboard.extracts.models import Attendance, CensusPupil, Suspension
from sendboard.tracking import permissions
from sendboard.tracking.models import (
    CaseworkerTask,
    Escalation,
    MeetingDecision,
    MissingEducationCase,
    NonAttendance,
    PartTimeTimetable,
    PlacedChild,
    RollRemoval,
    TrackingRule,
)


def rules() -> list[TrackingRule]:
    return list(TrackingRule.objects.all())


def rule_count(code: str) -> int:
    return TrackingRule.objects.get(code=code).count


# --- a setting's own reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettingReports:
    timetables: list[PartTimeTimetable]
    removals: list[RollRemoval]
    not_attending: list[NonAttendance]


def setting_reports(user) -> SettingReports:
    return SettingReports(
        timetables=list(
            permissions.reports_for_user(user, PartTimeTimetable)
            .filter(end_date__isnull=True)
            .order_by("review_date", "id")
        ),
        removals=list(permissions.reports_for_user(user, RollRemoval).order_by("-removal_date", "id")[:50]),
        not_attending=list(permissions.reports_for_user(user, NonAttendance).filter(resolved_on__isnull=True)),
    )


# --- the SEND and inclusion teams ------------------------------------------------------------------------------


def timetables_open(user):
    return permissions.reports_for_user(user, PartTimeTimetable).filter(end_date__isnull=True)


def timetables_past_review(user, *, today: date):
    return timetables_open(user).filter(review_date__lt=today)


def my_tasks(user):
    return (
        permissions.tasks_for_user(user)
        .filter(assigned_to=user, done_on__isnull=True)
        .select_related("timetable")
        .order_by("due_date", "id")
    )


def unallocated_tasks(user):
    return (
        permissions.tasks_for_user(user)
        .filter(assigned_to__isnull=True, done_on__isnull=True)
        .select_related("timetable")
        .order_by("due_date", "id")
    )


def cme_cases_open(user):
    return permissions.area_records_for_user(user, MissingEducationCase).filter(closed_on__isnull=True)


def escalations_for(user):
    return Escalation.objects.filter(
        escalated_to=user, timetable__end_date__isnull=True, timetable__escalated_on__isnull=False
    ).select_related("timetable")


@dataclass(frozen=True)
class WeeklyRow:
    kind: str  # what puts the child on the list, in words
    key: str  # "case" or "timetable": which record a decision is recorded against
    record: object  # a MissingEducationCase or a PartTimeTimetable
    name: str
    birth_date: date
    school: str
    since: date
    detail: str
    latest: MeetingDecision | None


def weekly_list(user, *, today: date) -> list[WeeklyRow]:
    """Every child missing education (including those taken off roll with no known destination) and every
    part-time timetable past its review date, with the latest decision the meeting recorded for each."""
    cases = list(
        permissions.area_records_for_user(user, MissingEducationCase)
        .filter(closed_on__isnull=True)
        .select_related("removal")
        .order_by("opened_on", "id")
    )
    timetables = list(timetables_past_review(user, today=today).order_by("review_date", "id"))
    latest: dict[tuple[str, int], MeetingDecision] = {}
    decisions = MeetingDecision.objects.filter(Q(case__in=cases) | Q(timetable__in=timetables)).order_by(
        "meeting_date", "id"
    )
    for decision in decisions:
        key = ("case", decision.case_id) if decision.case_id else ("timetable", decision.timetable_id)
        latest[key] = decision
    rows = [
        WeeklyRow(
            case.get_source_display(),
            "case",
            case,
            case.name,
            case.birth_date,
            case.removal.school_urn if case.removal else "",
            case.opened_on,
            f"{case.days_missing(today)} days missing education",
            latest.get(("case", case.id)),
        )
        for case in cases
    ]
    rows += [
        WeeklyRow(
            "Part-time timetable past its review date",
            "timetable",
            t,
            t.name,
            t.birth_date,
            t.school_urn,
            t.review_date,
            f"{t.hours_per_week} hours a week since {t.start_date:%-d %B %Y}",
            latest.get(("timetable", t.id)),
        )
        for t in timetables
    ]
    return rows


def placed_children(user):
    return (
        permissions.area_records_for_user(user, PlacedChild)
        .filter(left_on__isnull=True)
        .select_related("local_contact")
    )


def placed_overdue(placed: PlacedChild, *, today: date, notification_days: int, calendar) -> dict:
    """Whether the placing council's notification was late (or is still missing and late), and the review overdue."""
    due = placed.notification_due or calendar.add_working_days(placed.placed_on, notification_days)
    late = (placed.notified_on or today) > due
    return {
        "notification_due": due,
        "notification_late": late and (placed.notified_on is not None or today > due),
        "review_overdue": placed.next_review is not None and placed.next_review < today,
    }


# --- the ones nobody reported ---------------------------------------------------------------------------------

# An attendance record is a part-time pattern when at least this share of possible sessions are missed, over at
# least this many sessions (ADR 0123): a pupil attending mornings only misses half.
PART_TIME_ABSENCE_SHARE = 0.35
PART_TIME_MIN_SESSIONS = 60


@dataclass(frozen=True)
class Flag:
    kind: str  # "part_time" or "disappeared"
    upn: str
    school_urn: str
    evidence: str

    @property
    def reference(self) -> str:
        """An opaque reference for the audit log: never the UPN itself."""
        return hashlib.sha256(f"{self.kind}:{self.upn}".encode()).hexdigest()[:12]


def _compulsory_age_at(birth_date: date, day: date) -> bool:
    from sendboard.extracts.layouts import academic_age

    return 5 <= academic_age(birth_date, day) <= 15


def reconciliation_flags(area) -> list[Flag]:
    """Pupils the extracts show but no setting reported: a part-time attendance pattern in the latest year (sessions
    missed while suspended set aside) with no reported part-time timetable, and pupils of compulsory school age in the
    previous census and in no later
    census with no reported removal from roll."""
    flags: list[Flag] = []
    years = list(
        Attendance.objects.filter(local_area=area)
        .values_list("academic_year", flat=True)
        .distinct()
        .order_by("-academic_year")[:1]
    )
    if years:
        reported = set(PartTimeTimetable.objects.filter(local_area=area).exclude(upn="").values_list("upn", flat=True))
        rows = (
            Attendance.objects.filter(
                local_area=area, academic_year=years[0], possible_sessions__gte=PART_TIME_MIN_SESSIONS
            )
            .values_list("upn", "school_urn", "possible_sessions", "absence_sessions")
            .order_by("school_urn", "upn")
        )
        candidates = [
            row
            for row in rows.iterator(chunk_size=5000)
            if row[3] >= PART_TIME_ABSENCE_SHARE * row[2] and row[0] not in reported
        ]
        # Sessions missed while suspended are absence the suspension explains, not a part-time timetable.
        suspended = dict(
            Suspension.objects.filter(local_area=area, academic_year=years[0], category="SUS")
            .values("upn")
            .annotate(total=Sum("sessions"))
            .values_list("upn", "total")
        )
        for upn, urn, possible, absent in candidates:
            excluded = float(suspended.get(upn) or 0)
            if absent - excluded < PART_TIME_ABSENCE_SHARE * possible:
                continue
            while_suspended = f", {excluded:g} of them while suspended" if excluded else ""
            flags.append(
                Flag(
                    "part_time",
                    upn,
                    urn,
                    f"Missed {absent} of {possible} possible sessions ({absent / possible:.0%}{while_suspended}) in "
                    f"{years[0]}, with no part-time timetable reported",
                )
            )
    dates = list(
        CensusPupil.objects.filter(local_area=area)
        .values_list("census_date", flat=True)
        .distinct()
        .order_by("-census_date")[:2]
    )
    if len(dates) == 2:
        later, earlier = dates
        present = set(CensusPupil.objects.filter(local_area=area, census_date=later).values_list("upn", flat=True))
        removed = set(RollRemoval.objects.filter(local_area=area).exclude(upn="").values_list("upn", flat=True))
        rows = (
            CensusPupil.objects.filter(local_area=area, census_date=earlier)
            .values_list("upn", "school_urn", "birth_date")
            .order_by("school_urn", "upn")
        )
        for upn, urn, born in rows.iterator(chunk_size=5000):
            if upn not in present and upn not in removed and _compulsory_age_at(born, later):
                flags.append(
                    Flag(
                        "disappeared",
                        upn,
                        urn,
                        f"On roll in the census of {earlier:%-d %B %Y}, in no school's census of {later:%-d %B %Y}, "
                        "with no removal from roll reported",
                    )
                )
    return flags


# --- the home page ---------------------------------------------------------------------------------------------


def home_work_counts(*, user, today: date) -> list[WorkCount]:
    """A caseworker's open part-time timetable tasks (one query); for a manager, lapsed reviews escalated to them
    and open children-missing-education cases (one more)."""
    counts: list[WorkCount] = []
    if user_has_permission(user, Permission.VIEW_VULNERABLE_LEARNERS):
        mine = (
            permissions.tasks_for_user(user)
            .filter(assigned_to=user, done_on__isnull=True)
            .aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
        )
        href = reverse("tracking:my-tasks")
        counts.append(WorkCount("Part-time timetables to check on your cases", mine["open"], href))
        if mine["overdue"]:
            counts.append(WorkCount("Part-time timetable checks overdue", mine["overdue"], href, urgent=True))
    if permissions.can_manage(user):
        lapsed = (
            Escalation.objects.filter(
                escalated_to=user, timetable__end_date__isnull=True, timetable__escalated_on__isnull=False
            )
            .values("timetable")
            .distinct()
            .count()
        )
        counts.append(
            WorkCount(
                "Part-time timetables past review, escalated to you",
                lapsed,
                reverse("tracking:weekly-list"),
                urgent=True,
            )
        )
    return counts


def task_get_for_user(user, public_id) -> CaseworkerTask:
    from django.http import Http404

    task = permissions.tasks_for_user(user).select_related("timetable").filter(public_id=public_id).first()
    if task is None:
        raise Http404("No such task")
    return task


def contact_candidates(user):
    """The people of the teams that work the user's areas who may be named: caseworkers and team managers."""
    from sendboard.accounts.models import User
    from sendboard.casework.models import CaseworkTeam

    teams = CaseworkTeam.objects.filter(local_area__in=permissions.staff_areas(user)).values("organisation_id")
    return User.objects.filter(organisation_id__in=teams, role__in=permissions.NAMEABLE_ROLES, is_active=True).order_by(
        "first_name", "last_name", "username"
    )
