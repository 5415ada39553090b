from django import forms

from sendboard.core.forms import GovukForm, VersionedForm
from sendboard.core.govuk import GovukDateField
from sendboard.core.lists import ListFilterForm
from sendboard.core.validation import document_file_check
from sendboard.plans.models import (
    Action,
    EventKind,
    Finding,
    Framework,
    Inspection,
    Judgement,
    MilestoneRule,
    Plan,
    Rag,
    RiskIssue,
)
from sendboard.plans.selectors import MY_ACTION_SORTS, UPDATE_STATES

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_WORKBOOK_BYTES = 5 * 1024 * 1024


class InspectionForm(GovukForm):
    framework = forms.ChoiceField(
        choices=Framework.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the inspection framework"},
    )
    kind = forms.ChoiceField(
        label="Kind of inspection",
        choices=Inspection.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of inspection"},
    )
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title for the inspection"})
    outcome = forms.ChoiceField(choices=Inspection.Outcome.choices, required=False)


class EventForm(GovukForm):
    kind = forms.ChoiceField(
        label="What happened", choices=EventKind.choices, error_messages={"required": "Choose what happened"}
    )
    day = GovukDateField(label="Date", error_messages={"required": "Enter the date it happened"})
    source = forms.CharField(
        max_length=300, required=False, help_text="Where the date comes from, for example the letter that gives it"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class FindingForm(GovukForm):
    kind = forms.ChoiceField(choices=Finding.Kind.choices, error_messages={"required": "Choose the kind of finding"})
    reference = forms.CharField(
        max_length=10, error_messages={"required": "Enter the finding's reference, for example a"}
    )
    text = forms.CharField(
        label="Finding as the report states it",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the finding as the report states it"},
    )
    plain_english = forms.CharField(
        label="What was wrong, in plain English", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ActionForm(GovukForm):
    reference = forms.CharField(
        max_length=20, error_messages={"required": "Enter the action's reference, for example 4.3"}
    )
    title = forms.CharField(max_length=300, error_messages={"required": "Enter what the action is"})
    owner = forms.ModelChoiceField(queryset=None, error_messages={"required": "Choose who owns the action"})
    start_date = GovukDateField(error_messages={"required": "Enter the start date"})
    due_date = GovukDateField(error_messages={"required": "Enter the due date"})
    findings = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, required=False, label="Findings it answers"
    )

    def __init__(self, *args, owners, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: f"{u.display_name} ({u.organisation})"
        self.fields["findings"].queryset = findings
        self.fields["findings"].label_from_instance = lambda f: f"{f.reference}) {f.text[:90]}"


class ProgressUpdateForm(VersionedForm):
    day = GovukDateField(label="Date of the update", error_messages={"required": "Enter the date of the update"})
    summary = forms.CharField(
        label="What has happened since the last update",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what has happened since the last update"},
    )
    status = forms.ChoiceField(choices=Action.Status.choices, widget=forms.RadioSelect)
    public_summary = forms.CharField(
        label="For the public progress page, in plain English",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown only after it is approved for publication. Do not name anyone.",
    )
    evidence_title = forms.CharField(label="Evidence title", max_length=200, required=False)
    evidence_link = forms.URLField(label="Evidence link", required=False, assume_scheme="https")
    evidence_file = forms.FileField(
        label="Evidence file",
        required=False,
        help_text="A PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG file, up to 20 MB",
    )

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            document_file_check(upload, max_bytes=MAX_EVIDENCE_BYTES)
        return upload


class RagOverrideForm(VersionedForm):
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=[("", "Use the derived rating")] + list(Rag.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter the reason for the change"}
    )


class RiskForm(GovukForm):
    kind = forms.ChoiceField(
        choices=RiskIssue.Kind.choices, widget=forms.RadioSelect, error_messages={"required": "Choose risk or issue"}
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Describe the risk or issue"}
    )
    rating = forms.TypedChoiceField(
        coerce=int, choices=RiskIssue.Rating.choices, error_messages={"required": "Choose a rating"}
    )
    mitigation = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MonitoringVisitForm(GovukForm):
    day = GovukDateField(label="Date of the visit", error_messages={"required": "Enter the date of the visit"})
    attendees = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": "Enter who attended"}
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter a summary of the visit"}
    )
    progress_measures_agreed = forms.CharField(
        label="Progress measures agreed",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One measure a line",
    )


class MilestoneRuleForm(VersionedForm):
    anchor_event = forms.ChoiceField(choices=EventKind.choices)
    unit = forms.ChoiceField(choices=MilestoneRule.Unit.choices, widget=forms.RadioSelect)
    count = forms.IntegerField(
        min_value=0,
        error_messages={
            "required": "Enter the count",
            "invalid": "The count must be a whole number",
            "min_value": "The count must be 0 or more",
        },
    )
    convention = forms.ChoiceField(choices=MilestoneRule.Convention.choices, widget=forms.RadioSelect)
    source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter where the rule comes from"}
    )
    reason = forms.CharField(
        label="Why the rule is changing",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter why the rule is changing"},
    )


class PlanImportForm(GovukForm):
    file = forms.FileField(
        label="Plan workbook (.xlsx)", error_messages={"required": "Choose the .xlsx file to import"}
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_WORKBOOK_BYTES:
            raise forms.ValidationError(
                "The file must be smaller than 5 MB: a plan is rarely larger than a few hundred kilobytes"
            )
        return upload


class ReportPeriodForm(GovukForm):
    period_end = GovukDateField(
        label="Last day of the reporting period",
        help_text="For example, 31 10 2026",
        error_messages={"required": "Enter the last day of the reporting period"},
    )


class PlanStatusForm(VersionedForm):
    """Closing or reopening a plan, confirmed on a page of its own."""

    status = forms.ChoiceField(choices=Plan.Status.choices, widget=forms.HiddenInput)


class CoproductionForm(GovukForm):
    day = GovukDateField(label="Date", error_messages={"required": "Enter the date"})
    with_whom = forms.CharField(
        label="With whom",
        max_length=300,
        help_text="For example the parent carer forum, or young people at a school",
        error_messages={"required": "Enter who the action was co-produced with"},
    )
    what_changed = forms.CharField(
        label="What changed because of it",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what changed because of it"},
    )


class SuccessMeasureForm(GovukForm):
    description = forms.CharField(max_length=300, error_messages={"required": "Describe what is measured"})
    unit = forms.CharField(max_length=40, required=False, help_text="For example %, days or number")
    baseline = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the baseline", "invalid": "The baseline must be a number"},
    )
    baseline_date = GovukDateField(error_messages={"required": "Enter the date of the baseline"})
    target = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the target", "invalid": "The target must be a number"},
    )
    target_date = GovukDateField(error_messages={"required": "Enter the date the target should be met"})


class MeasureActualForm(GovukForm):
    measure = forms.ModelChoiceField(queryset=None, error_messages={"required": "Choose the measure"})
    day = GovukDateField(label="Date of the value", error_messages={"required": "Enter the date of the value"})
    value = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the value", "invalid": "The value must be a number"},
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures
        self.fields["measure"].label_from_instance = lambda m: m.description


class DependenciesForm(VersionedForm):
    depends_on = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Actions this one cannot finish without",
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = candidates
        self.fields["depends_on"].label_from_instance = lambda a: f"{a.reference} {a.title}"


class PublicSummaryForm(VersionedForm):
    public_summary = forms.CharField(
        label="What is being done, in plain English",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the public progress page only after it is approved. Do not name anyone.",
        error_messages={"required": "Enter the summary"},
    )


class FindingPlainEnglishForm(VersionedForm):
    plain_english = forms.CharField(
        label="What was wrong, in plain English",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the public progress page only after it is approved",
        error_messages={"required": "Enter what was wrong, in plain English"},
    )


class PlanForm(GovukForm):
    kind = forms.ChoiceField(
        choices=Plan.Kind.choices, widget=forms.RadioSelect, error_messages={"required": "Choose the kind of plan"}
    )
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title for the plan"})


class WorkstreamForm(GovukForm):
    number = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": "Enter the workstream's number",
            "invalid": "The number must be a whole number",
            "min_value": "The number must be 1 or more",
        },
    )
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the workstream's title"})
    objective = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    leads = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the workstream leads"},
        help_text="Joint leads from more than one organisation",
    )

    def __init__(self, *args, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leads"].queryset = leads
        self.fields["leads"].label_from_instance = lambda u: f"{u.display_name} ({u.organisation})"


class JudgementForm(GovukForm):
    weakness_as_stated = forms.CharField(
        label="The weakness as the letter states it",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the weakness as the letter states it"},
    )
    findings = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Findings it covers",
        error_messages={"required": "Choose the findings the judgement covers"},
    )
    progress = forms.ChoiceField(
        choices=Judgement.Progress.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the judgement"},
    )
    source_note = forms.CharField(label="Source", max_length=500, required=False)

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = findings
        self.fields["findings"].label_from_instance = lambda f: f"{f.reference}) {f.text[:90]}"


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(choices=Inspection.Outcome.choices, required=False)


class ActionDatesForm(VersionedForm):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter what the action is"})
    start_date = GovukDateField(error_messages={"required": "Enter the start date"})
    due_date = GovukDateField(error_messages={"required": "Enter the due date"})


class PublicationApprovalForm(GovukForm):
    """Approving text has nothing to type; the form carries why it could not be approved (there is no plain-English
    text yet) to the page's error summary."""


class PublicationRefusalForm(GovukForm):
    """Why text cannot go on the public page: whoever wrote it reads this, so say what to change."""

    reason = forms.CharField(
        label="Why it cannot be published",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The person who wrote it sees this. Say what to change, for example: it names a school",
        error_messages={
            "required": "Enter why the text cannot be published",
            "max_length": "The reason must be 500 characters or fewer",
        },
    )


class PlanActionsFilterForm(ListFilterForm):
    """The actions of a plan's workstreams: which to show."""

    update = forms.ChoiceField(label="Update", required=False, choices=[("", "Any"), *UPDATE_STATES])
    rag = forms.ChoiceField(label="RAG rating", required=False, choices=[("", "Any"), *Rag.choices])
    defaults = {"update": "", "rag": ""}


class MyActionsFilterForm(PlanActionsFilterForm):
    """A person's own actions: which to show, in what order."""

    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(MY_ACTION_SORTS.items()))
    defaults = {**PlanActionsFilterForm.defaults, "sort": "update"}
