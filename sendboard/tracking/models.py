"""Vulnerable learners: what settings report (part-time timetables, removals from roll, children not attending),
children missing education, the weekly multi-agency list's decisions, and children placed in the area by other
councils (ADR 0120). Every rule on what must be reported, by when and to whom is data (``TrackingRule``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class TrackingRule(models.Model):
    """One reporting or follow-up rule as data, with its source (ADR 0121): loaded from ``rule_data``."""

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "working days"
        SCHOOL_DAYS = "school_days", "school days"
        CALENDAR_DAYS = "calendar_days", "calendar days"

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    who_acts = models.CharField(max_length=200, help_text="Who must report or act")
    to_whom = models.CharField(max_length=200, help_text="Who is told")
    anchor = models.CharField(max_length=200, help_text="The event the time counts from, in words")
    unit = models.CharField(max_length=20, choices=Unit.choices)
    count = models.PositiveSmallIntegerField()
    source = models.TextField()
    source_confirmed = models.BooleanField(
        default=False, help_text="The source's text was read; else an assumption the ADR states"
    )
    version = models.CharField(max_length=40)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AreaContacts(models.Model):
    """Who the area names: the inclusion lead (told of lapsed part-time timetables) and the single point of
    contact for children placed in the area by other councils."""

    local_area = models.OneToOneField("core.LocalArea", on_delete=models.CASCADE, related_name="tracking_contacts")
    inclusion_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    placed_children_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class SenProvision(models.TextChoices):
    NONE = "N", "No special educational needs"
    SUPPORT = "K", "SEN support"
    PLAN = "E", "EHC plan"


class Pupil(models.Model):
    """Who a setting reports about: fields every report shares. The child is matched to the register by UPN."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.PROTECT, related_name="+")
    setting = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    school_urn = models.CharField(max_length=6, db_index=True)
    upn = models.CharField("unique pupil number", max_length=13, blank=True, db_index=True)
    forename = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    birth_date = models.DateField()
    sen_provision = models.CharField(max_length=1, choices=SenProvision.choices)
    child = models.ForeignKey("casework.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"


class PartTimeTimetable(Pupil):
    """A temporary part-time timetable a setting agreed (Working together to improve school attendance, 2024)."""

    start_date = models.DateField()
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    reason = models.TextField(max_length=1000)
    review_date = models.DateField()
    parent_agreed = models.BooleanField()
    end_date = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True, help_text="When the lapsed review was escalated")

    class Meta:
        ordering = ["review_date", "id"]


class RollRemoval(Pupil):
    """A pupil's name deleted from the admission register (School Attendance (Pupil Registration) (England)
    Regulations 2024, regulation 9), with the deletion return's date due."""

    ground = models.CharField(max_length=20)
    removal_date = models.DateField()
    destination_known = models.BooleanField()
    destination = models.CharField(max_length=300, blank=True)
    return_due = models.DateField(help_text="When the deletion return was due, by rule")

    class Meta:
        ordering = ["-removal_date", "id"]


class NonAttendance(Pupil):
    """A child on roll who is not attending."""

    since = models.DateField()
    note = models.TextField(max_length=1000, blank=True)
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["since", "id"]


class CaseworkerTask(models.Model):
    """Work a report makes for the child's SEND caseworker: check the provision of a child with a plan or on
    SEN support put on a part-time timetable."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    timetable = models.ForeignKey(PartTimeTimetable, on_delete=models.CASCADE, related_name="tasks")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    due_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["due_date", "id"]


class Escalation(models.Model):
    """A part-time timetable past its review date, escalated to one person by rule (once each)."""

    timetable = models.ForeignKey(PartTimeTimetable, on_delete=models.CASCADE, related_name="escalations")
    rule = models.CharField(max_length=40)
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    escalated_on = models.DateField()
    review_date = models.DateField(help_text="The review date that lapsed")

    class Meta:
        ordering = ["-escalated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["timetable", "review_date", "escalated_to"], name="tracking_escalation_once"
            )
        ]


class MissingEducationCase(models.Model):
    """A child missing education (Children missing education, statutory guidance): opened from a removal with
    no known destination, a referral, or a child who did not arrive at a new school; closed where found."""

    class Source(models.TextChoices):
        REMOVAL = "removal", "Taken off roll with no known destination"
        REFERRAL = "referral", "Referral"
        NOT_ARRIVED = "not_arrived", "Did not arrive at a new school"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=Source.choices)
    removal = models.OneToOneField(
        RollRemoval, on_delete=models.SET_NULL, null=True, blank=True, related_name="cme_case"
    )
    forename = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    birth_date = models.DateField()
    upn = models.CharField(max_length=13, blank=True)
    sen_provision = models.CharField(max_length=1, choices=SenProvision.choices)
    child = models.ForeignKey("casework.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    referred_by = models.CharField(max_length=200, blank=True)
    opened_on = models.DateField(help_text="The first day the child was missing education")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    closed_on = models.DateField(null=True, blank=True)
    found_where = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["opened_on", "id"]

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"

    def days_missing(self, today) -> int:
        return max(0, ((self.closed_on or today) - self.opened_on).days)


class Enquiry(models.Model):
    """One enquiry made to find a child missing education."""

    case = models.ForeignKey(MissingEducationCase, on_delete=models.CASCADE, related_name="enquiries")
    made_on = models.DateField()
    made_with = models.CharField(
        max_length=200, help_text="Who was asked: the school, health visitor, police, another council"
    )
    outcome = models.TextField(max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["made_on", "id"]


class MeetingDecision(models.Model):
    """What the weekly multi-agency meeting ("Missing Mondays") agreed for one child on its list."""

    meeting_date = models.DateField()
    case = models.ForeignKey(
        MissingEducationCase, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    timetable = models.ForeignKey(
        PartTimeTimetable, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    agreed_action = models.TextField(max_length=1000)
    owner = models.CharField(max_length=200, help_text="Who will do it")
    action_by = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(timetable__isnull=False),
                name="tracking_decision_about_a_child",
            )
        ]


class PlacedChild(models.Model):
    """A child looked after or with an EHC plan placed in the area by another council."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.PROTECT, related_name="+")
    forename = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    birth_date = models.DateField()
    placing_council = models.CharField(max_length=200)
    placing_contact = models.CharField(max_length=200, help_text="The named contact at the placing council")
    placing_contact_email = models.EmailField(blank=True)
    looked_after = models.BooleanField()
    has_plan = models.BooleanField("has an EHC plan")
    placed_on = models.DateField()
    notified_on = models.DateField(null=True, blank=True, help_text="When the placing council told this council")
    notification_due = models.DateField(null=True, help_text="When the placing council should have told us, by rule")
    school = models.CharField(max_length=200, blank=True)
    last_review = models.DateField(null=True, blank=True)
    next_review = models.DateField(null=True, blank=True)
    local_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    left_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["surname", "forename", "id"]

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"
