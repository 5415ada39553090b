"""Improvement plans: inspections and their findings, statutory milestones (rules stored as data), the plan
that answers the findings, its workstreams, actions, success measures, progress updates, risks and issues,
co-production, monitoring visits and the change history of all of it (ADR 0010)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sendboard.core.jobs import Job


class Framework(models.TextChoices):
    LOCAL_AREA_SEND_2016 = "2016", "Local area SEND inspection (2016 framework)"
    AREA_SEND_2023 = "2023", "Area SEND inspection (2023 framework)"


class EventKind(models.TextChoices):
    """Things that happen to an inspection. Milestone rules name these as their anchor and completion."""

    ON_SITE_STARTED = "on_site_started", "Inspection on site began"
    ON_SITE_ENDED = "on_site_ended", "Inspection on site ended"
    REPORT_RECEIVED = "report_received", "Inspection report received"
    REPORT_PUBLISHED = "report_published", "Inspection report published"
    STATEMENT_SUBMITTED = "statement_submitted", "Written statement of action submitted"
    STATEMENT_FOUND_FIT = "statement_found_fit", "Statement judged fit for purpose"
    STATEMENT_FOUND_NOT_FIT = "statement_found_not_fit", "Statement judged not fit for purpose"
    STATEMENT_RESUBMITTED = "statement_resubmitted", "Written statement of action resubmitted"
    MONITORING_VISIT = "monitoring_visit", "DfE and NHS England monitoring visit"
    ADVICE_TO_MINISTER = "advice_to_minister", "Advice to the minister on progress"
    REVISIT_STARTED = "revisit_started", "Revisit on site began"
    REVISIT_LETTER = "revisit_letter", "Revisit letter sent"
    REVISIT_PUBLISHED = "revisit_published", "Revisit letter published"
    STRATEGIC_PLAN_PUBLISHED = "strategic_plan_published", "Updated strategic plan published"
    PRIORITY_ACTION_PLAN_SUBMITTED = "priority_action_plan_submitted", "Priority action plan submitted"
    MONITORING_INSPECTION = "monitoring_inspection", "Monitoring inspection"
    ENGAGEMENT_MEETING = "engagement_meeting", "Annual engagement meeting"


class MilestoneRule(models.Model):
    """A statutory or framework deadline, as data: "<completed by> within <count> <unit> of <anchor>"."""

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "working days"
        CALENDAR_DAYS = "calendar_days", "calendar days"
        MONTHS = "months", "months"

    class Convention(models.TextChoices):
        AFTER_ANCHOR = "after_anchor", "Day 1 is the first day after the anchor event"
        ANCHOR_IS_DAY_ONE = "anchor_is_day_one", "The anchor event's own day is day 1"

    framework = models.CharField(max_length=4, choices=Framework.choices)
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    anchor_event = models.CharField(max_length=40, choices=EventKind.choices)
    completed_by = models.JSONField(help_text="Event kinds any one of which meets the milestone")
    unit = models.CharField(max_length=20, choices=Unit.choices)
    count = models.PositiveIntegerField()
    convention = models.CharField(max_length=20, choices=Convention.choices, default=Convention.AFTER_ANCHOR)
    recurring = models.BooleanField(default=False, help_text="Due again one period after each time it is met")
    applies_to_outcomes = models.JSONField(default=list, blank=True, help_text="Inspection outcomes it applies to")
    source = models.TextField(help_text="Where the rule comes from, in words a reader can check")
    source_confirmed = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework", "id"]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", "Full inspection"
        REVISIT = "revisit", "Revisit"
        MONITORING = "monitoring", "Monitoring inspection"

    class Outcome(models.TextChoices):
        NONE = "", "Not yet known"
        WSOA_REQUIRED = "wsoa_required", "Written statement of action required"
        WSOA_NOT_REQUIRED = "wsoa_not_required", "No written statement of action required"
        POSITIVE = "outcome_1", "Outcome 1: arrangements typically lead to positive experiences and outcomes"
        INCONSISTENT = "outcome_2", "Outcome 2: arrangements lead to inconsistent experiences and outcomes"
        SYSTEMIC_FAILINGS = (
            "outcome_3",
            "Outcome 3: widespread and/or systemic failings leading to significant concerns",
        )
        REVISIT_ALL_SUFFICIENT = "revisit_all", "Sufficient progress on every significant weakness"
        REVISIT_SOME = "revisit_some", "Sufficient progress on some significant weaknesses"
        REVISIT_NONE = "revisit_none", "Sufficient progress on no significant weakness"

    framework = models.CharField(max_length=4, choices=Framework.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FULL)
    title = models.CharField(max_length=200)
    follows = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    notes = models.TextField(blank=True, help_text="Sources and any discrepancies between them")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class InspectionEvent(models.Model):
    """A dated event. Never edited to move a date: a correction is a new event with its reason in the note."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    date = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "id"]


class Milestone(models.Model):
    """One occurrence of a rule for an inspection. Due dates are recomputed; actual dates never overwritten."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="milestones")
    rule = models.ForeignKey(MilestoneRule, on_delete=models.PROTECT, related_name="milestones")
    sequence = models.PositiveIntegerField(default=1)
    anchor_date = models.DateField()
    due_date = models.DateField()
    actual_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "rule", "sequence"], name="plans_milestone_once")]

    @property
    def met(self) -> bool | None:
        return None if self.actual_date is None else self.actual_date <= self.due_date


class Finding(models.Model):
    """What inspectors found: an area of significant weakness (2016), an area for priority action or an area
    for improvement (2023), or a strength."""

    class Kind(models.TextChoices):
        SIGNIFICANT_WEAKNESS = "significant_weakness", "Area of significant weakness"
        PRIORITY_ACTION = "priority_action", "Area for priority action"
        IMPROVEMENT = "improvement", "Area for improvement"
        STRENGTH = "strength", "Strength"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    reference = models.CharField(max_length=10)
    text = models.TextField(help_text="As the inspection report or its source states it")
    source = models.CharField(max_length=300, blank=True)
    plain_english = models.TextField(blank=True, help_text="What was wrong, for parents, carers and young people")
    approved_for_publication_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publication_refused_at = models.DateTimeField(null=True, blank=True, help_text="When the text was not approved")
    publication_refused_reason = models.TextField(blank=True, help_text="Why, for whoever wrote it")

    class Meta:
        ordering = ["inspection_id", "reference", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "reference"], name="plans_finding_reference_once")]

    def __str__(self) -> str:
        return f"{self.reference}) {self.text}"


class Judgement(models.Model):
    """A revisit's (or monitoring inspection's) judgement on one weakness, which may cover several findings."""

    class Progress(models.TextChoices):
        SUFFICIENT = "sufficient", "Sufficient progress"
        NOT_SUFFICIENT = "not_sufficient", "Not sufficient progress"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    findings = models.ManyToManyField(Finding, related_name="judgements")
    weakness_as_stated = models.TextField()
    progress = models.CharField(max_length=20, choices=Progress.choices)
    source_note = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]


class Plan(models.Model):
    class Kind(models.TextChoices):
        WSOA = "wsoa", "Written statement of action"
        PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"
        STRATEGIC_PLAN = "strategic_plan", "Strategic SEND plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Being delivered"
        CLOSED = "closed", "Closed"

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class Workstream(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="workstreams")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    objective = models.TextField(blank=True)
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="led_workstreams", blank=True)
    illustrative = models.BooleanField(
        default=False, help_text="Invented for the demo, not from the area’s published documents"
    )

    class Meta:
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plans_workstream_number_once")]

    def __str__(self) -> str:
        return f"Workstream {self.number} – {self.title}"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    findings = models.ManyToManyField(Finding, related_name="actions", blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_date = models.DateField(null=True, blank=True)
    depends_on = models.ManyToManyField("self", symmetrical=False, related_name="dependants", blank=True)
    rag_override = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    rag_override_reason = models.TextField(blank=True)
    public_summary = models.TextField(blank=True, help_text="What is being done, in plain English")
    public_summary_approved_at = models.DateTimeField(null=True, blank=True)
    publication_refused_at = models.DateTimeField(null=True, blank=True, help_text="When the summary was not approved")
    publication_refused_reason = models.TextField(blank=True, help_text="Why, for whoever wrote it")
    illustrative = models.BooleanField(default=False)
    last_update_date = models.DateField(null=True, blank=True, help_text="Date of the latest progress update")

    class Meta:
        ordering = ["workstream_id", "due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workstream", "reference"], name="plans_action_reference_once"),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")), name="plans_action_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class SuccessMeasure(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measures")
    description = models.CharField(max_length=300)
    unit = models.CharField(max_length=40, blank=True, help_text="For example %, days, number")
    baseline = models.DecimalField(max_digits=12, decimal_places=2)
    baseline_date = models.DateField()
    target = models.DecimalField(max_digits=12, decimal_places=2)
    target_date = models.DateField()
    # The outcomes indicators whose figures measure this, rather than values typed in (ADR 0111).
    indicators = models.ManyToManyField(
        "outcomes.Indicator",
        blank=True,
        related_name="success_measures",
        help_text="Outcomes indicators that measure this",
    )

    class Meta:
        ordering = ["action_id", "id"]


class MeasureActual(models.Model):
    measure = models.ForeignKey(SuccessMeasure, on_delete=models.CASCADE, related_name="actuals")
    date = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["measure_id", "date"]
        constraints = [models.UniqueConstraint(fields=["measure", "date"], name="plans_measure_actual_once")]


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    summary = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rag = models.CharField(max_length=10, choices=Rag.choices, help_text="The action's RAG when this update was made")
    public_summary = models.TextField(blank=True, help_text="How far it has got, in plain English")
    approved_for_publication_at = models.DateTimeField(null=True, blank=True)
    publication_refused_at = models.DateTimeField(null=True, blank=True, help_text="When the summary was not approved")
    publication_refused_reason = models.TextField(blank=True, help_text="Why, for whoever wrote it")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]


class Evidence(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    update = models.ForeignKey(
        ProgressUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    title = models.CharField(max_length=200)
    link = models.URLField(blank=True)
    file = models.FileField(upload_to="plans/evidence/%Y/%m/", blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)


class RiskIssue(models.Model):
    class Kind(models.TextChoices):
        RISK = "risk", "Risk"
        ISSUE = "issue", "Issue"

    class Rating(models.IntegerChoices):
        LOW = 1, "Low"
        MEDIUM = 2, "Medium"
        HIGH = 3, "High"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField()
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    mitigation = models.TextField(blank=True)
    raised_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-rating", "raised_on", "id"]


class CoproductionRecord(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="coproduction")
    date = models.DateField()
    with_whom = models.CharField(max_length=300)
    what_changed = models.TextField()

    class Meta:
        ordering = ["-date", "id"]


class MonitoringVisit(models.Model):
    """A DfE and NHS England quarterly monitoring visit, as the advisers record it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="monitoring_visits")
    date = models.DateField()
    attendees = models.TextField(help_text="Roles and organisations present")
    summary = models.TextField()
    progress_measures_agreed = models.TextField(blank=True, help_text="One measure a line")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "-id"]


class ReportJob(Job):
    """A board pack PDF built by the worker, with progress a user can watch (ADR 0105)."""

    job_task = "sendboard.plans.reports.board_pack_build"
    stopped_words = "The board pack was not built: the worker building it stopped. Ask for it again"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_jobs")
    period_end = models.DateField()
    pdf = models.BinaryField(null=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]
