"""The children and EHC casework register, aligned with the DfE SEN2 person-level return (ADR 0020).

Modules of the return map to models: 1 Person -> Child; 2 Requests -> Request; 3 Assessment -> Assessment;
4a Named plan -> NamedPlan; 4b Plan detail -> PlanDetail; 5a Active plans -> ActivePlan; 5b Placement detail
-> Placement; 5c SEN need -> SenNeed. Codes are stored as the return's own codes and checked against the
versioned code lists (CodeList, Code). Casework the return does not carry (advice requests, draft plans,
family views, breaches) lives beside it. Statutory steps are materialised by ``timescales`` (ADR 0021).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class CodeList(models.Model):
    """One version of one code list (SEN2's SENtype, CeaseReason, ... or a local list), with its source."""

    name = models.CharField(max_length=40)
    version = models.CharField(max_length=40)
    item = models.CharField(max_length=200, help_text="Where the list is defined, for example the SEN2 item number")
    source = models.TextField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="casework_codelist_unique_version")]
        ordering = ["name", "version"]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class Code(models.Model):
    code_list = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=20)
    label = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code_list", "code"], name="casework_code_unique_in_list")]
        ordering = ["code_list", "order"]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class CaseworkTeam(models.Model):
    """An organisation whose SEND team works a local area's register: its caseworkers see that area's children."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE, related_name="casework_team")
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.PROTECT, related_name="casework_teams")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.local_area}"


class Child(models.Model):
    """A child or young person with a request, assessment or plan (SEN2 module 1, Person)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The only id used in URLs")
    # No index of its own: the (local_area, upn) index below serves every query by area (ADR 0054).
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.PROTECT, related_name="children", db_index=False)
    source_file = models.ForeignKey("returns.ImportedFile", on_delete=models.PROTECT, null=True, related_name="+")
    surname = models.CharField(max_length=100)
    forename = models.CharField(max_length=100)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1)
    ethnicity = models.CharField(max_length=4, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    upn = models.CharField("unique pupil number", max_length=13, blank=True)
    uln = models.CharField("unique learner number", max_length=10, blank=True)
    upn_unknown = models.CharField(max_length=6, blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="caseload"
    )
    # When a team manager last allocated the case in sendboard (not set by SEN2 imports): "My cases" lists
    # what is newly allocated; who held it before is in the history (ADR 0150).
    allocated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["surname", "forename", "id"]
        indexes = [models.Index(fields=["local_area", "upn"])]

    def __str__(self) -> str:
        return f"Child {self.public_id}"


class Request(models.Model):
    """A request for an EHC needs assessment (SEN2 module 2)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="requests")
    received_date = models.DateField()
    rya = models.BooleanField("in relevant youth accommodation", default=False)
    outcome_date = models.DateField(null=True)
    outcome = models.CharField(max_length=1, blank=True, help_text="RequestOutcome code; blank while undecided")
    mediation = models.BooleanField(default=False)
    tribunal = models.BooleanField(default=False)
    exported = models.BooleanField(default=False, help_text="Moved out of the area before the assessment finished")
    exported_to = models.CharField(
        "moved to local authority",
        max_length=3,
        blank=True,
        help_text="SEN2 Exported: the code of the local authority the person moved to",
    )
    request_source = models.CharField(max_length=1, blank=True, help_text="RequestSource code (SEN2 2025 on)")
    # Who asked, as the caseworker records it (SEN2 carries only RequestSource): sendboard's own copy only.
    requester = models.CharField(max_length=20, blank=True, help_text="Requester: who asked for the assessment")
    requester_name = models.CharField(max_length=200, blank=True)
    requester_contact = models.CharField(max_length=300, blank=True, help_text="Address, telephone or e-mail")
    decision_reason = models.TextField(blank=True, help_text="Why the council decided to assess or not")

    class Meta:
        ordering = ["child", "received_date", "id"]


class Requester(models.TextChoices):
    """Who asked for an EHC needs assessment (Children and Families Act 2014, s.36(1)), each with its SEN2
    RequestSource code (item 2.2, 2026 collection on)."""

    PARENT = "parent", "The child's parent"
    YOUNG_PERSON = "young_person", "The young person"
    SETTING = "setting", "A school or other education setting"
    HEALTH = "health", "A health care professional"
    SOCIAL_CARE = "social_care", "A social care professional"
    OTHER = "other", "Someone else"


REQUEST_SOURCE = {"parent": "1", "young_person": "1", "setting": "2", "health": "3", "social_care": "4", "other": "5"}


class Assessment(models.Model):
    """An EHC needs assessment and its outcome (SEN2 module 3), with the draft plan SEN2 does not carry."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="assessment")
    outcome = models.CharField(max_length=1, blank=True, help_text="AssessmentOutcome code; blank while undecided")
    outcome_date = models.DateField(null=True)
    mediation = models.BooleanField(default=False)
    tribunal = models.BooleanField(default=False)
    other_mediation = models.BooleanField(default=False)
    other_tribunal = models.BooleanField(default=False)
    week20_exception = models.BooleanField("20-week exception applies", default=False)
    week20_exception_reason = models.CharField(max_length=20, blank=True, help_text="Week20Exception code")
    draft_plan_issued = models.DateField(null=True)
    family_response_date = models.DateField(null=True, help_text="When the family responded to the draft plan")
    preferred_setting = models.CharField(max_length=200, blank=True, help_text="The setting the family asked for")
    family_views = models.TextField(blank=True, help_text="The family's views on the draft plan, in their words")


class Consultation(models.Model):
    """A setting consulted about being named in the plan (Children and Families Act 2014, s.39(2) and s.39(4))."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="consultations")
    setting = models.CharField(max_length=200)
    sent_date = models.DateField()
    reply_date = models.DateField(null=True)
    reply = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["assessment", "sent_date", "id"]


class Appeal(models.Model):
    """Mediation or an appeal to the First-tier Tribunal (SEND) about a decision on the case."""

    class Kind(models.TextChoices):
        MEDIATION = "mediation", "Mediation"
        TRIBUNAL = "tribunal", "Appeal to the tribunal"

    class About(models.TextChoices):
        NOT_ASSESS = "not_assess", "The decision not to assess"
        NOT_ISSUE = "not_issue", "The decision not to issue a plan"
        CONTENT = "content", "What the plan says or the setting it names"
        CEASE = "cease", "The decision to cease the plan"

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed, or the appeal upheld"
        PARTLY = "partly", "Partly agreed, or the appeal partly upheld"
        NOT_AGREED = "not_agreed", "Not agreed, or the appeal dismissed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    about = models.CharField(max_length=20, choices=About.choices)
    started_date = models.DateField()
    outcome_date = models.DateField(null=True)
    outcome = models.CharField(max_length=20, blank=True, choices=Outcome.choices)

    class Meta:
        ordering = ["request", "started_date", "id"]


class RegisterSource(models.Model):
    """Where a local area's register is kept (ADR 0145): recorded by hand in sendboard, or imported as SEN2
    files from another case system. An area with no row has not chosen: it is filled by imports."""

    class Source(models.TextChoices):
        RECORDED = "recorded", "Recorded in sendboard"
        IMPORTED = "imported", "Imported from another case system"

    local_area = models.OneToOneField("core.LocalArea", on_delete=models.CASCADE, related_name="register_source")
    source = models.CharField(max_length=20, choices=Source.choices)
    changed_at = models.DateTimeField(auto_now=True)


class AdviceRequest(models.Model):
    """Advice asked of education, health, social care or others during an assessment (SEND Regs 2014, reg. 6 and 8).

    A request made in sendboard goes to an organisation, whose professionals answer it through the advice app; one
    imported from SEN2 names its partner in words only and has no organisation, question or summary."""

    class Status(models.TextChoices):
        # The SEN2 importer leaves new rows "asked" (the column's default), returned or not: whether advice came
        # back is its received date; the status says more only for requests made in sendboard.
        ASKED = "asked", "Asked"
        RETURNED = "returned", "Returned"
        DECLINED = "declined", "Declined"

    # Requests made in sendboard have one, and only they are opened by a URL; the SEN2 importer writes rows
    # without it (it copies the return's columns), so the column allows none.
    public_id = models.UUIDField(
        default=uuid.uuid4, null=True, unique=True, editable=False, help_text="The only id used in URLs"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="advice_requests")
    source = models.CharField(max_length=20, help_text="AdviceSource code")
    partner = models.CharField(max_length=200, help_text="Who was asked, for example the trust or the service")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="advice_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    question = models.TextField(
        blank=True, default="", db_default="", help_text="What the organisation is asked to advise on"
    )
    requested_date = models.DateField()
    due_date = models.DateField(null=True, blank=True, help_text="From the advice timescale rule when it was asked")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED, db_default=Status.ASKED)
    received_date = models.DateField(null=True)
    decline_reason = models.TextField(blank=True, default="", db_default="")
    needs_identified = models.TextField(blank=True, default="", db_default="")
    provision_recommended = models.TextField(blank=True, default="", db_default="")
    outcomes_sought = models.TextField(blank=True, default="", db_default="")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "requested_date", "id"]
        indexes = [
            # An organisation's queue: its open requests by due date. Imported requests have no organisation.
            models.Index(
                fields=["organisation", "status", "due_date"],
                condition=models.Q(organisation__isnull=False),
                name="casework_advice_queue",
            )
        ]

    def __str__(self) -> str:
        return f"Advice request {self.public_id}"


class NamedPlan(models.Model):
    """An EHC plan issued after an assessment (SEN2 module 4a)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="named_plan")
    start_date = models.DateField(help_text="The date the final plan was issued")
    plan_res = models.CharField("residential setting", max_length=4, blank=True)
    plan_wbp = models.CharField("work-based learning", max_length=4, blank=True)
    personal_budget = models.BooleanField(default=False)
    organised_arrangements = models.BooleanField(default=False)
    direct_payments = models.CharField(max_length=4, blank=True)
    cease_date = models.DateField(null=True)
    cease_reason = models.CharField(max_length=2, blank=True, help_text="CeaseReason code")
    family_views_updated = models.DateField(
        null=True, help_text="When section A (views, interests, aspirations) was last updated"
    )


class SettingFields(models.Model):
    """How SEN2 identifies a setting: a URN or UKPRN, or else an establishment-type code (modules 4b and 5b)."""

    urn = models.CharField(max_length=6, blank=True)
    ukprn = models.CharField(max_length=8, blank=True)
    sen_setting = models.CharField(max_length=4, blank=True, help_text="SENsetting code where no URN or UKPRN")
    sen_setting_other = models.CharField(max_length=200, blank=True)
    placement_rank = models.PositiveSmallIntegerField(default=1)
    sen_unit = models.BooleanField(default=False)
    resourced_provision = models.BooleanField(default=False)

    class Meta:
        abstract = True


class PlanDetail(SettingFields):
    """A setting named in the plan (SEN2 module 4b)."""

    named_plan = models.ForeignKey(NamedPlan, on_delete=models.CASCADE, related_name="details")

    class Meta:
        ordering = ["named_plan", "placement_rank", "id"]


class ActivePlan(models.Model):
    """An EHC plan in force: annual review and transfer details (SEN2 module 5a)."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="active_plan")
    transfer_la = models.CharField("transferred in from LA", max_length=3, blank=True)
    review_meeting = models.DateField("last annual review meeting", null=True)
    review_outcome = models.CharField(max_length=1, blank=True, help_text="ReviewOutcome code")
    last_review = models.DateField("last annual review decision", null=True)
    review_draft = models.DateField(
        "draft amended plan after the review issued", null=True, help_text="SEN2 ReviewDraft (2025 on)"
    )
    phase_transfer_due = models.DateField(
        "phase transfer review due", null=True, help_text="SEN2 PhaseTransferDueDate (2025 on)"
    )
    phase_transfer_final = models.DateField(
        "phase transfer plan finalised", null=True, help_text="SEN2 PhaseTransferFinalDate (2025 on)"
    )
    amended_plan_issued = models.DateField(
        null=True, help_text="When the plan amended after the last review was issued"
    )
    review_report_received = models.DateField(
        null=True, help_text="When the report of the last review meeting was received (reg. 20(7))"
    )
    post16_transfer = models.DateField(
        "planned move between post-16 institutions",
        null=True,
        help_text="When the young person is to move from one post-16 institution to another (reg. 18(2))",
    )


class AnnualReview(models.Model):
    """One annual review of an EHC plan (Children and Families Act 2014, s.44; SEND Regulations 2014, regs 20
    and 22), kept when the next is recorded. SEN2 holds the latest review only, on ``ActivePlan``, which stays
    its copy of the latest entry here (ADR 0174)."""

    active_plan = models.ForeignKey(ActivePlan, on_delete=models.CASCADE, related_name="reviews")
    meeting = models.DateField(help_text="When the review meeting was held")
    follows = models.DateField(
        null=True, blank=True, help_text="What the 12 months counted from: the plan's issue or the review before"
    )
    report_received = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=1, blank=True, help_text="ReviewOutcome code; blank while undecided")
    decided = models.DateField(null=True, blank=True)
    notice = models.DateField(null=True, blank=True, help_text="When the proposed amendments were sent")
    amended_plan_issued = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["active_plan", "meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["active_plan", "meeting"], name="casework_annualreview_unique_meeting")
        ]


class Placement(SettingFields):
    """Where the child or young person is educated (SEN2 module 5b)."""

    active_plan = models.ForeignKey(ActivePlan, on_delete=models.CASCADE, related_name="placements")
    entry_date = models.DateField(null=True)
    leaving_date = models.DateField(null=True)
    residential = models.CharField(max_length=4, blank=True)
    work_based = models.CharField(max_length=4, blank=True)
    attendance_pattern = models.CharField(
        max_length=2, blank=True, help_text="SEN2 AttendancePattern code (2023 collection)"
    )

    class Meta:
        ordering = ["active_plan", "placement_rank", "id"]


class SenNeed(models.Model):
    """A special educational need named in the plan, in rank order (SEN2 module 5c)."""

    active_plan = models.ForeignKey(ActivePlan, on_delete=models.CASCADE, related_name="needs")
    sen_type = models.CharField(max_length=4, help_text="SENtype code")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["active_plan", "rank"]
        constraints = [models.UniqueConstraint(fields=["active_plan", "rank"], name="casework_senneed_unique_rank")]


class TimescaleRule(models.Model):
    """One statutory timescale as data: when a step falls due, counted from which event (ADR 0021)."""

    class Unit(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", "calendar days"
        WORKING_DAYS = "working_days", "working days"
        WEEKS = "weeks", "weeks"
        MONTHS = "months", "months"
        FIXED_DATE = "fixed_date", "a fixed date in the year of transfer"
        MONTHS_BEFORE = "months_before", "months before the event"

    step = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    anchor = models.CharField(max_length=200, help_text="The event the time counts from, in words")
    unit = models.CharField(max_length=20, choices=Unit.choices)
    count = models.PositiveSmallIntegerField(help_text="How many units; for a fixed date, the month")
    fixed_day = models.PositiveSmallIntegerField(null=True, help_text="For a fixed date, the day of the month")
    warning_days = models.PositiveSmallIntegerField(
        help_text="Calendar days before the due date that the warning falls"
    )
    legislation = models.CharField(max_length=300)
    version = models.CharField(max_length=40)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class StatutoryStep(models.Model):
    """One statutory step of one child's case, with its warning and due dates (materialised from the register)."""

    # Indexes kept to those queries use (ADR 0054): each one costs every imported step. The unique constraint's
    # index leads with the child; open steps by due date use (done_date, due_date).
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="steps", db_index=False)
    step = models.CharField(max_length=40, help_text="TimescaleRule.step")
    subject = models.CharField(max_length=60, help_text="Which occurrence: the request, the advice, the review")
    partner = models.CharField(max_length=200, blank=True, help_text="Who the step waits on, where it is a partner")
    anchor_date = models.DateField()
    warning_date = models.DateField()
    due_date = models.DateField()
    done_date = models.DateField(null=True)
    excepted = models.BooleanField(default=False, help_text="A lawful exception applies (20-week exceptions)")
    exception_reason = models.CharField(max_length=20, blank=True)
    breach_reason = models.CharField(max_length=30, blank=True, help_text="BreachReason code")
    breach_note = models.CharField(max_length=500, blank=True)
    breach_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    breach_recorded_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["child", "step", "subject"], name="casework_step_unique")]
        indexes = [
            models.Index(fields=["done_date", "due_date"]),
            # Only the few steps whose breach someone explained (what a user's removal must check).
            models.Index(
                fields=["breach_recorded_by"],
                condition=models.Q(breach_recorded_by__isnull=False),
                name="casework_step_breach_by",
            ),
        ]

    def is_breached(self, today) -> bool:
        if self.excepted:
            return False
        if self.done_date is not None:
            return self.done_date > self.due_date
        return today > self.due_date
