"""The forms a caseworker records each statutory step with. Each checks its dates against the case (not before
the case began or the step before it, not after today) and offers codes only from the code lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django import forms

from sendboard.casework.models import Appeal, Requester
from sendboard.casework.recording import Case, assessment_has_steps
from sendboard.casework.reviews import reviews_of
from sendboard.core.forms import GovukForm
from sendboard.core.govuk import GovukDateField, format_date
from sendboard.core.upn import UPN_LETTERS, upn_check_letter

DATE_HINT = "For example, 27 3 2026"


def _date(label: str, *, required: bool = True, hint: str = DATE_HINT) -> GovukDateField:
    return GovukDateField(label=label, required=required, help_text=hint)


class StepForm(GovukForm):
    """A step's form: ``after`` names, for each date field, the earliest date it may take and why."""

    def __init__(
        self,
        *args,
        case: Case | None,
        today: date,
        labels: dict[str, dict[str, str]],
        changing: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.today, self.labels, self.changing = case, today, labels, changing
        self.setup()

    def setup(self) -> None:
        """Set choices from the code lists."""

    def earliest(self) -> dict[str, tuple[date, str]]:
        """{field: (earliest date, what it is, in words)}."""
        began = self.case.began if self.case else None
        return {name: (began, "the request was received") for name in self._dates()} if began else {}

    def latest(self) -> dict[str, tuple[date | None, str]]:
        """When a recorded step is changed: {field: (latest date, what it is, in words)}, the steps recorded after
        it that it may not come after."""
        return {}

    def _dates(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, GovukDateField)]

    def clean(self):
        cleaned = super().clean()
        earliest = self.earliest()
        for name in self._dates():
            value = cleaned.get(name)
            if value is None:
                continue
            label = str(self.fields[name].label)
            if value > self.today:
                self.add_error(name, f"The {label.lower()} must be today or in the past")
            elif name in earliest and earliest[name][0] is not None and value < earliest[name][0]:
                floor, what = earliest[name]
                self.add_error(name, f"The {label.lower()} must be on or after {format_date(floor)}, when {what}")
            else:
                self._latest_check(name, value, label)
        return cleaned

    def _latest_check(self, name: str, value: date, label: str) -> None:
        ceiling, what = self.latest().get(name, (None, "")) if self.changing else (None, "")
        if ceiling is not None and value > ceiling:
            self.add_error(name, f"The {label.lower()} must be on or before {format_date(ceiling)}, when {what}")

    def codes(self, name: str) -> list[tuple[str, str]]:
        return list(self.labels.get(name, {}).items())


class RequestForm(StepForm):
    received_date = _date("Date the request was received")
    requester = forms.ChoiceField(
        label="Who asked for the assessment?", widget=forms.RadioSelect, choices=Requester.choices
    )
    requester_name = forms.CharField(label="Name of the person who asked", max_length=200)
    requester_contact = forms.CharField(
        label="Their contact details",
        max_length=300,
        help_text="An address, telephone number or email address",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def earliest(self):
        born = self.case.child.birth_date if self.case else None
        return {"received_date": (born, "the child was born")} if born else {}

    def latest(self):
        request = self.case.request
        return {"received_date": (request.outcome_date, "the council decided whether to assess")}


class NewChildForm(RequestForm):
    """A child not yet on the register, and the request for their assessment."""

    forename = forms.CharField(label="First name", max_length=100)
    surname = forms.CharField(label="Last name", max_length=100)
    birth_date = _date("Date of birth", hint="For example, 2 3 2014")
    sex = forms.ChoiceField(label="Sex", widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(label="Ethnicity")
    upn = forms.CharField(
        label="Unique pupil number", required=False, max_length=13, help_text="13 characters, if known"
    )
    upn_unknown = forms.ChoiceField(label="If there is no unique pupil number, why not?", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=8)
    field_order = ["forename", "surname", "birth_date", "sex", "ethnicity", "upn", "upn_unknown", "postcode"]

    def setup(self) -> None:
        self.fields["sex"].choices = self.codes("Sex")
        self.fields["ethnicity"].choices = [("", "Choose ethnicity"), *self.codes("Ethnicity")]
        self.fields["upn_unknown"].choices = [("", "There is a unique pupil number"), *self.codes("UPNunknown")]

    def clean_upn(self) -> str:
        upn = self.cleaned_data["upn"].upper().replace(" ", "")
        if upn and (len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit()):
            raise forms.ValidationError("Enter a unique pupil number of 13 characters, like P801200001005")
        if upn and (upn[12] not in "0123456789" + UPN_LETTERS or upn_check_letter(upn[1:]) != upn[0]):
            raise forms.ValidationError("The unique pupil number is not a real one: check its first letter")
        return upn

    def earliest(self):
        return {}

    def clean(self):
        cleaned = super().clean()
        born, received = cleaned.get("birth_date"), cleaned.get("received_date")
        if born and received and received < born:
            self.add_error("received_date", "The date the request was received must be on or after the date of birth")
        if not cleaned.get("upn") and not cleaned.get("upn_unknown") and "upn" not in self.errors:
            self.add_error("upn", "Enter the unique pupil number, or choose why there is none")
        if cleaned.get("upn"):
            cleaned["upn_unknown"] = ""
        return cleaned

    def child_fields(self) -> dict:
        return {
            k: self.cleaned_data[k]
            for k in ("forename", "surname", "birth_date", "sex", "ethnicity", "upn", "upn_unknown", "postcode")
        }

    def request_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("received_date", "requester", "requester_name", "requester_contact")}


class DecisionForm(StepForm):
    outcome = forms.ChoiceField(
        label="What did the council decide?",
        widget=forms.RadioSelect,
        choices=[("Y", "To carry out an EHC needs assessment"), ("N", "Not to carry out an assessment")],
    )
    outcome_date = _date("Date of the decision")
    reason = forms.CharField(
        label="Reason for the decision",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This is told to the family with the decision",
    )

    def latest(self):
        assessment = self.case.assessment
        if assessment is None:
            return {}
        sent = [c.sent_date for c in assessment.consultations.all()]
        sent += [a.requested_date for a in assessment.advice_requests.all()]
        dates = [d for d in (assessment.draft_plan_issued, *sent) if d is not None]
        return {"outcome_date": (min(dates), "the assessment's next step was recorded")} if dates else {}

    def clean(self):
        cleaned = super().clean()
        assessment = self.case.assessment
        if (
            self.changing
            and cleaned.get("outcome") == "N"
            and assessment is not None
            and assessment_has_steps(assessment)
        ):
            self.add_error(
                "outcome",
                "The assessment has steps recorded, so the decision to carry it out cannot be changed",
            )
        return cleaned


class DraftPlanForm(StepForm):
    issued = _date("Date the draft plan was sent")

    def earliest(self):
        return {"issued": (self.case.request.outcome_date, "the council decided to assess")}

    def latest(self):
        assessment, plan = self.case.assessment, self.case.plan
        dates = [d for d in (assessment.family_response_date, plan.start_date if plan else None) if d is not None]
        return {"issued": (min(dates), "the step after it was recorded")} if dates else {}


class FamilyResponseForm(StepForm):
    responded = _date("Date the family responded")
    preferred_setting = forms.CharField(label="Setting the family asked to be named", required=False, max_length=200)
    views = forms.CharField(
        label="The family's views on the draft plan",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In the family's words",
    )

    def earliest(self):
        return {"responded": (self.case.assessment.draft_plan_issued, "the draft plan was sent")}


class ConsultationForm(StepForm):
    setting = forms.CharField(
        label="Setting consulted", max_length=200, help_text="The school, college or other setting"
    )
    sent_date = _date("Date the consultation was sent")
    reply_date = _date("Date the setting replied", required=False)
    reply = forms.CharField(
        label="The setting's reply", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def earliest(self):
        decided = self.case.request.outcome_date
        return {
            "sent_date": (decided, "the council decided to assess"),
            "reply_date": (decided, "the council decided to assess"),
        }

    def clean(self):
        cleaned = super().clean()
        sent, replied = cleaned.get("sent_date"), cleaned.get("reply_date")
        if sent and replied and replied < sent:
            self.add_error(
                "reply_date", "The date the setting replied must be on or after the date the consultation was sent"
            )
        if cleaned.get("reply") and not replied and "reply_date" not in self.errors:
            self.add_error("reply_date", "Enter the date the setting replied")
        return cleaned


class ConsultationReplyForm(StepForm):
    reply_date = _date("Date the setting replied")
    reply = forms.CharField(label="The setting's reply", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, consultation, **kwargs) -> None:
        self.consultation = consultation
        super().__init__(*args, **kwargs)

    def earliest(self):
        return {"reply_date": (self.consultation.sent_date, "the consultation was sent")}


class FinalPlanForm(StepForm):
    issued = _date("Date the final plan was issued")
    urn = forms.CharField(
        label="Unique reference number (URN) of the setting named",
        required=False,
        max_length=6,
        help_text="6 digits. Leave blank and choose a type of setting below where the setting has no URN",
    )
    sen_setting = forms.ChoiceField(label="Type of setting, where there is no URN", required=False)
    primary_need = forms.ChoiceField(label="Primary need")
    secondary_need = forms.ChoiceField(label="Secondary need", required=False)
    personal_budget = forms.BooleanField(label="The plan includes a personal budget", required=False)

    def setup(self) -> None:
        self.fields["sen_setting"].choices = [("", "Choose a type of setting"), *self.codes("SENsetting")]
        self.fields["primary_need"].choices = [("", "Choose the primary need"), *self.codes("SENtype")]
        self.fields["secondary_need"].choices = [("", "No secondary need"), *self.codes("SENtype")]

    def earliest(self):
        return {"issued": (self.case.assessment.draft_plan_issued, "the draft plan was sent")}

    def clean_urn(self) -> str:
        urn = self.cleaned_data["urn"].strip()
        if urn and not (urn.isdigit() and len(urn) == 6):
            raise forms.ValidationError("The URN must be 6 digits, like 116753")
        return urn

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("urn") and not cleaned.get("sen_setting") and "urn" not in self.errors:
            self.add_error("urn", "Enter the URN of the setting named, or choose a type of setting")
        primary, secondary = cleaned.get("primary_need"), cleaned.get("secondary_need")
        if primary and secondary and primary == secondary:
            self.add_error("secondary_need", "The secondary need must differ from the primary need")
        return cleaned


class ReviewMeetingForm(StepForm):
    held = _date("Date of the review meeting")

    def _before(self):
        """The review this meeting comes after: the latest one, or, when the latest is being changed, the one
        before it."""
        reviews = reviews_of(self.case.active) if self.case.active is not None else []
        if self.changing:
            reviews = reviews[:-1]
        return reviews[-1] if reviews else None

    def earliest(self):
        before = self._before()
        if before is not None:
            return {"held": (before.meeting, "the last review meeting was held")}
        return {"held": (self.case.plan.start_date, "the plan was issued")}

    def latest(self):
        review = reviews_of(self.case.active)[-1]
        dates = [d for d in (review.report_received, review.decided, review.notice) if d is not None]
        return {"held": (min(dates), "the review's next step was recorded")} if dates else {}

    def clean(self):
        cleaned = super().clean()
        before = self._before()
        if cleaned.get("held") and before is not None and before.meeting == cleaned["held"]:
            self.add_error("held", "A review meeting on this date is already recorded")
        return cleaned


class ReviewReportForm(StepForm):
    received = _date("Date the report was received")

    def earliest(self):
        return {"received": (self.case.active.review_meeting, "the review meeting was held")}


class ReviewDecisionForm(StepForm):
    outcome = forms.ChoiceField(label="What did the council decide?", widget=forms.RadioSelect)
    decided = _date("Date of the decision")
    notice = _date(
        "Date the proposed amendments were sent (if amending)",
        required=False,
        hint="The notice of the proposed amendments, with the plan and the evidence for them",
    )

    def setup(self) -> None:
        self.fields["outcome"].choices = self.codes("ReviewOutcome")

    def earliest(self):
        meeting = self.case.active.review_meeting
        return {"decided": (meeting, "the review meeting was held"), "notice": (meeting, "the review meeting was held")}

    def latest(self):
        issued = self.case.active.amended_plan_issued
        return {"decided": (issued, "the amended plan was issued"), "notice": (issued, "the amended plan was issued")}

    def clean(self):
        cleaned = super().clean()
        if self.changing and cleaned.get("outcome") not in (None, "A") and self.case.active.amended_plan_issued:
            self.add_error("outcome", "The amended plan is recorded as issued, so the decision was to amend the plan")
        if cleaned.get("outcome") == "A" and not cleaned.get("notice") and "notice" not in self.errors:
            self.add_error("notice", "Enter the date the proposed amendments were sent")
        if cleaned.get("outcome") != "A":
            cleaned["notice"] = None
        return cleaned


class AmendedPlanForm(StepForm):
    issued = _date("Date the amended plan was issued")

    def earliest(self):
        active = self.case.active
        return {"issued": (active.review_draft or active.last_review, "the proposed amendments were sent")}


class PhaseTransferForm(StepForm):
    reviewed = _date("Date the plan was reviewed for the move", required=False)
    finalised = _date("Date the plan for the move was finalised", required=False)
    post16_move = GovukDateField(
        label="Date of a planned move between post-16 institutions",
        required=False,
        help_text="The plan must be reviewed at least 5 months before the move",
    )

    def earliest(self):
        floor = (self.case.plan.start_date, "the plan was issued")
        return {"reviewed": floor, "finalised": floor}

    def clean(self):
        move = self.cleaned_data.get("post16_move")
        cleaned = super().clean()
        if move is not None:
            self.errors.pop("post16_move", None)  # a planned move is in the future
            cleaned["post16_move"] = move
        if not any(cleaned.get(n) for n in ("reviewed", "finalised", "post16_move")) and not self.errors:
            self.add_error("reviewed", "Enter the date the plan was reviewed for the move, or another date below")
        return cleaned


class CeaseForm(StepForm):
    ceased = _date("Date the plan ceased")
    reason = forms.ChoiceField(label="Why did the plan cease?", widget=forms.RadioSelect)

    def setup(self) -> None:
        self.fields["reason"].choices = self.codes("CeaseReason")

    def earliest(self):
        return {"ceased": (self.case.plan.start_date, "the plan was issued")}


class AppealForm(StepForm):
    kind = forms.ChoiceField(label="Mediation or appeal?", widget=forms.RadioSelect, choices=Appeal.Kind.choices)
    about = forms.ChoiceField(label="What is it about?", widget=forms.RadioSelect, choices=Appeal.About.choices)
    started = _date("Date it began")
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "Not known yet"), *Appeal.Outcome.choices],
    )
    outcome_date = _date("Date of the outcome", required=False)

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started"), cleaned.get("outcome_date")
        if started and ended and ended < started:
            self.add_error("outcome_date", "The date of the outcome must be on or after the date it began")
        if cleaned.get("outcome") and not ended and "outcome_date" not in self.errors:
            self.add_error("outcome_date", "Enter the date of the outcome")
        if ended and not cleaned.get("outcome"):
            self.add_error("outcome", "Select the outcome")
        return cleaned


class AppealOutcomeForm(StepForm):
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=Appeal.Outcome.choices)
    outcome_date = _date("Date of the outcome")

    def __init__(self, *args, appeal, **kwargs) -> None:
        self.appeal = appeal
        super().__init__(*args, **kwargs)

    def earliest(self):
        return {"outcome_date": (self.appeal.started_date, "it began")}


FORMS = {
    "request": RequestForm,
    "decision": DecisionForm,
    "draft-plan": DraftPlanForm,
    "consultation": ConsultationForm,
    "family-response": FamilyResponseForm,
    "final-plan": FinalPlanForm,
    "review-meeting": ReviewMeetingForm,
    "review-report": ReviewReportForm,
    "review-decision": ReviewDecisionForm,
    "amended-plan": AmendedPlanForm,
    "phase-transfer": PhaseTransferForm,
    "cease": CeaseForm,
    "appeal": AppealForm,
}


def _review(case: Case):
    return reviews_of(case.active)[-1]


# What a recorded step's form opens with when it is changed: the values recorded, under the form's field names.
RECORDED: dict[str, Callable[[Case], dict]] = {
    "request": lambda case: {
        "received_date": case.request.received_date,
        "requester": case.request.requester,
        "requester_name": case.request.requester_name,
        "requester_contact": case.request.requester_contact,
    },
    "decision": lambda case: {
        "outcome": case.request.outcome,
        "outcome_date": case.request.outcome_date,
        "reason": case.request.decision_reason,
    },
    "draft-plan": lambda case: {"issued": case.assessment.draft_plan_issued},
    "family-response": lambda case: {
        "responded": case.assessment.family_response_date,
        "preferred_setting": case.assessment.preferred_setting,
        "views": case.assessment.family_views,
    },
    "review-meeting": lambda case: {"held": _review(case).meeting},
    "review-report": lambda case: {"received": _review(case).report_received},
    "review-decision": lambda case: {
        "outcome": _review(case).outcome,
        "decided": _review(case).decided,
        "notice": _review(case).notice,
    },
    "amended-plan": lambda case: {"issued": _review(case).amended_plan_issued},
    "cease": lambda case: {"ceased": case.plan.cease_date, "reason": case.plan.cease_reason},
}
