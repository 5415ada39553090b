"""Writes to tracking, each taking the acting user. Reports from settings land with what
they set off, in the same transaction: a caseworker's task, a children-missing-education case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.audit.history import change_created, change_tracked, values_of
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record, audit_record_many
from sendboard.casework.models import CaseworkTeam, Child
from sendboard.core.calendar import WorkingDayCalendar, default_calendar
from sendboard.core.models import LocalArea
from sendboard.tracking import permissions
from sendboard.tracking.history import (
    CASE_FIELDS,
    DECISION_FIELDS,
    ENQUIRY_FIELDS,
    NOT_ATTENDING_FIELDS,
    PLACED_HISTORY_FIELDS,
    REMOVAL_FIELDS,
    TASK_FIELDS,
    TIMETABLE_FIELDS,
)
from sendboard.tracking.models import (
    AreaContacts,
    CaseworkerTask,
    Enquiry,
    Escalation,
    MeetingDecision,
    MissingEducationCase,
    NonAttendance,
    PartTimeTimetable,
    PlacedChild,
    RollRemoval,
    SenProvision,
    TrackingRule,
)

PUPIL_FIELDS = ("forename", "surname", "birth_date", "upn", "sen_provision")


def rule_due(code: str, start: date, *, calendar: WorkingDayCalendar | None = None) -> date:
    """The day a rule falls due, counted from ``start``. School days are counted as working days (ADR 0121)."""
    rule = TrackingRule.objects.get(code=code)
    if rule.unit == TrackingRule.Unit.CALENDAR_DAYS:
        from datetime import timedelta

        return start + timedelta(days=rule.count)
    return (calendar or default_calendar()).add_working_days(start, rule.count)


RECORD_WORDS = {
    "PartTimeTimetable": "Part-time timetable",
    "RollRemoval": "Removal from roll",
    "NonAttendance": "Child not attending",
    "MissingEducationCase": "Missing education case",
    "PlacedChild": "Child placed by another council",
}


def records_shown_record(*, user, records: Iterable, listed: bool = False) -> int:
    """Every page that names a child here logs each one by its opaque id (ADR 0065), as casework does."""
    details = []
    for record in records:
        kind = RECORD_WORDS[type(record).__name__]
        details.append(f"{kind} {record.public_id}{' in a list' if listed else ''}")
    details = list(dict.fromkeys(details))
    audit_record_many(kind=AuditEvent.Kind.RECORD_VIEWED, user=user, details=details)
    return len(details)


def _area() -> LocalArea:
    return LocalArea.objects.order_by("id").first()


def _register_child(area: LocalArea, upn: str) -> Child | None:
    if not upn:
        return None
    return Child.objects.filter(local_area=area, upn=upn).select_related("caseworker").first()


def _pupil(record, *, setting, data: dict) -> None:
    area = _area()
    record.local_area = area
    record.setting = setting
    record.school_urn = setting.code
    for name in PUPIL_FIELDS:
        setattr(record, name, data[name])
    record.child = _register_child(area, data["upn"])


@transaction.atomic
def timetable_report(*, user, setting, data: dict) -> PartTimeTimetable:
    """A setting reports a part-time timetable. For a child with an EHC plan or on SEN support, the child's
    caseworker gets a task to check the provision, in the same transaction."""
    timetable = PartTimeTimetable(reported_by=user)
    _pupil(timetable, setting=setting, data=data)
    for name in ("start_date", "hours_per_week", "reason", "review_date", "parent_agreed", "end_date"):
        setattr(timetable, name, data[name])
    timetable.save()
    if timetable.sen_provision in (SenProvision.PLAN, SenProvision.SUPPORT):
        CaseworkerTask.objects.create(
            timetable=timetable,
            assigned_to=timetable.child.caseworker if timetable.child else None,
            due_date=rule_due("ptt-caseworker-check", timezone.localdate()),
        )
    change_created(
        user=user, subject=timetable, what="Part-time timetable reported", added=timetable, fields=TIMETABLE_FIELDS
    )
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Part-time timetable {timetable.public_id} reported"
    )
    return timetable


@transaction.atomic
def timetable_update(*, user, timetable: PartTimeTimetable, data: dict) -> PartTimeTimetable:
    """A setting updates its timetable: a new review date (a review held) or an end clears the escalation."""
    old_review = timetable.review_date
    with change_tracked(
        user=user,
        subject=timetable,
        what="Part-time timetable updated",
        values=lambda: values_of(timetable, TIMETABLE_FIELDS),
    ):
        for name in ("hours_per_week", "reason", "review_date", "parent_agreed", "end_date"):
            setattr(timetable, name, data[name])
        # As the database keeps it (one decimal place), so that 12 typed over 12.0 is no change.
        timetable.hours_per_week = Decimal(timetable.hours_per_week).quantize(Decimal("0.1"))
        if timetable.review_date != old_review or timetable.end_date is not None:
            timetable.escalated_on = None
        timetable.save()
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Part-time timetable {timetable.public_id} updated"
    )
    return timetable


@transaction.atomic
def removal_report(*, user, setting, data: dict) -> RollRemoval:
    """A setting reports a removal from roll. With no known destination, a children-missing-education case opens."""
    removal = RollRemoval(reported_by=user)
    _pupil(removal, setting=setting, data=data)
    removal.ground = data["ground"]
    removal.removal_date = data["removal_date"]
    removal.destination_known = data["destination_known"]
    removal.destination = data["destination"] if data["destination_known"] else ""
    removal.return_due = rule_due("deletion-return", removal.removal_date)
    removal.save()
    if not removal.destination_known:
        MissingEducationCase.objects.create(
            local_area=removal.local_area,
            source=MissingEducationCase.Source.REMOVAL,
            removal=removal,
            forename=removal.forename,
            surname=removal.surname,
            birth_date=removal.birth_date,
            upn=removal.upn,
            sen_provision=removal.sen_provision,
            child=removal.child,
            referred_by=setting.name,
            opened_on=removal.removal_date,
            opened_by=user,
        )
    change_created(user=user, subject=removal, what="Removal from roll reported", added=removal, fields=REMOVAL_FIELDS)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Removal from roll {removal.public_id} reported"
    )
    return removal


@transaction.atomic
def non_attendance_report(*, user, setting, data: dict) -> NonAttendance:
    record = NonAttendance(reported_by=user)
    _pupil(record, setting=setting, data=data)
    record.since = data["since"]
    record.note = data["note"]
    record.save()
    change_created(
        user=user, subject=record, what="Child not attending reported", added=record, fields=NOT_ATTENDING_FIELDS
    )
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Child not attending {record.public_id} reported"
    )
    return record


@transaction.atomic
def task_complete(*, user, task: CaseworkerTask, note: str) -> CaseworkerTask:
    with change_tracked(
        user=user,
        subject=task,
        within=task.timetable,
        what="Provision checked",
        values=lambda: values_of(task, TASK_FIELDS),
    ):
        task.done_on = timezone.localdate()
        task.done_by = user
        task.note = note
        task.save(update_fields=["done_on", "done_by", "note"])
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Part-time timetable task {task.public_id} done"
    )
    return task


def escalation_recipients(area: LocalArea) -> list[User]:
    """The team managers of the teams that work the area, and the area's inclusion lead."""
    teams = CaseworkTeam.objects.filter(local_area=area).values("organisation_id")
    people = list(
        User.objects.filter(
            organisation_id__in=teams, role__in=permissions.ESCALATED_TO_ROLES, is_active=True
        ).order_by("id")
    )
    contacts = AreaContacts.objects.filter(local_area=area).select_related("inclusion_lead").first()
    if (
        contacts
        and contacts.inclusion_lead
        and contacts.inclusion_lead.is_active
        and contacts.inclusion_lead not in people
    ):
        people.append(contacts.inclusion_lead)
    return people


def escalation_day(timetable: PartTimeTimetable, *, calendar: WorkingDayCalendar, count: int) -> date:
    return calendar.add_working_days(timetable.review_date, count)


@transaction.atomic
def escalations_run(*, today: date) -> int:
    """Escalate every open part-time timetable whose review lapsed by rule on or before ``today``: one escalation
    per person per lapsed review date, so running it again the same day, or the next, adds nothing."""
    rule = TrackingRule.objects.get(code="ptt-review-escalation")
    calendar = default_calendar()
    made = 0
    recipients: dict[int, list[User]] = {}
    lapsed = PartTimeTimetable.objects.filter(end_date__isnull=True, review_date__lt=today).order_by("id")
    for timetable in lapsed:
        if escalation_day(timetable, calendar=calendar, count=rule.count) > today:
            continue
        people = recipients.setdefault(timetable.local_area_id, escalation_recipients(timetable.local_area))
        for person in people:
            _, created = Escalation.objects.get_or_create(
                timetable=timetable,
                review_date=timetable.review_date,
                escalated_to=person,
                defaults={"rule": rule.code, "escalated_on": today},
            )
            made += created
        if timetable.escalated_on is None:
            timetable.escalated_on = today
            timetable.save(update_fields=["escalated_on"])
    return made


@transaction.atomic
def cme_case_open(*, user, data: dict) -> MissingEducationCase:
    area = _area()
    case = MissingEducationCase.objects.create(
        local_area=area,
        source=data["source"],
        forename=data["forename"],
        surname=data["surname"],
        birth_date=data["birth_date"],
        upn=data["upn"],
        sen_provision=data["sen_provision"],
        child=_register_child(area, data["upn"]),
        referred_by=data["referred_by"],
        opened_on=data["opened_on"],
        opened_by=user,
    )
    change_created(user=user, subject=case, what="Missing education case opened", added=case, fields=CASE_FIELDS)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Missing education case {case.public_id} opened"
    )
    return case


@transaction.atomic
def enquiry_record(*, user, case: MissingEducationCase, data: dict) -> Enquiry:
    enquiry = Enquiry.objects.create(
        case=case, made_on=data["made_on"], made_with=data["made_with"], outcome=data["outcome"], recorded_by=user
    )
    change_created(
        user=user, subject=enquiry, within=case, what="Enquiry recorded", added=enquiry, fields=ENQUIRY_FIELDS
    )
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Enquiry recorded on case {case.public_id}")
    return enquiry


@transaction.atomic
def cme_case_close(*, user, case: MissingEducationCase, closed_on: date, found_where: str) -> MissingEducationCase:
    with change_tracked(
        user=user, subject=case, what="Missing education case closed", values=lambda: values_of(case, CASE_FIELDS)
    ):
        case.closed_on = closed_on
        case.found_where = found_where
        case.save(update_fields=["closed_on", "found_where"])
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Missing education case {case.public_id} closed"
    )
    return case


@transaction.atomic
def decision_record(*, user, meeting_date: date, case=None, timetable=None, data: dict) -> MeetingDecision:
    decision = MeetingDecision.objects.create(
        meeting_date=meeting_date,
        case=case,
        timetable=timetable,
        agreed_action=data["agreed_action"],
        owner=data["owner"],
        action_by=data["action_by"],
        recorded_by=user,
    )
    subject = case or timetable
    change_created(
        user=user,
        subject=decision,
        within=subject,
        what="Weekly meeting decision recorded",
        added=decision,
        fields=DECISION_FIELDS,
    )
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Weekly meeting decision for {RECORD_WORDS[type(subject).__name__].lower()} {subject.public_id}",
    )
    return decision


PLACED_FIELDS = (
    "forename",
    "surname",
    "birth_date",
    "placing_council",
    "placing_contact",
    "placing_contact_email",
    "looked_after",
    "has_plan",
    "placed_on",
    "notified_on",
    "school",
    "last_review",
    "next_review",
    "left_on",
)


def _placed_fill(placed: PlacedChild, data: dict) -> None:
    for name in PLACED_FIELDS:
        setattr(placed, name, data[name])
    placed.notification_due = rule_due("placed-notification", placed.placed_on)
    placed.save()


@transaction.atomic
def placed_child_save(*, user, placed: PlacedChild | None, data: dict) -> PlacedChild:
    creating = placed is None
    if creating:
        area = _area()
        contacts = AreaContacts.objects.filter(local_area=area).first()
        placed = PlacedChild(
            local_area=area, recorded_by=user, local_contact=contacts.placed_children_contact if contacts else None
        )
    if creating:
        _placed_fill(placed, data)
        change_created(
            user=user, subject=placed, what="Placed child recorded", added=placed, fields=PLACED_HISTORY_FIELDS
        )
    else:
        with change_tracked(
            user=user,
            subject=placed,
            what="Placed child updated",
            values=lambda: values_of(placed, PLACED_HISTORY_FIELDS),
        ):
            _placed_fill(placed, data)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Placed child {placed.public_id} {'recorded' if creating else 'updated'}",
    )
    return placed


def flags_shown_record(*, user, flags) -> int:
    """The reconciliation names pupils by UPN: each shown is logged by an opaque reference, never the UPN."""
    details = [f"Unreported pupil {flag.reference} in a list" for flag in flags]
    audit_record_many(kind=AuditEvent.Kind.RECORD_VIEWED, user=user, details=details)
    return len(details)


@transaction.atomic
def contacts_save(*, user, area: LocalArea, inclusion_lead, placed_children_contact) -> AreaContacts:
    contacts, _ = AreaContacts.objects.update_or_create(
        local_area=area, defaults={"inclusion_lead": inclusion_lead, "placed_children_contact": placed_children_contact}
    )
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Vulnerable learners' contacts set for {area.name}"
    )
    return contacts


@transaction.atomic
def non_attendance_resolve(*, user, record: NonAttendance) -> NonAttendance:
    """The setting says the child is attending again (today)."""
    with change_tracked(
        user=user,
        subject=record,
        what="Child back at school",
        values=lambda: values_of(record, NOT_ATTENDING_FIELDS),
    ):
        record.resolved_on = timezone.localdate()
        record.save(update_fields=["resolved_on", "updated_at"])
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Child not attending {record.public_id} back at school"
    )
    return record
