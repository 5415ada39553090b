"""Forms for settings' reports and the teams' records. GOV.UK messages come from ``GovukForm``; dates are checked
with ``core.validation`` so that bad input says what is wrong and where, and keeps what was typed."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from sendboard.core.forms import GovukForm
from sendboard.core.govuk import GovukDateField
from sendboard.core.validation import date_check
from sendboard.tracking.models import MissingEducationCase, SenProvision
from sendboard.tracking.rule_data import DELETION_GROUNDS

_UPN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")
YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value: str) -> bool:
    return value == "yes"


class PupilForm(GovukForm):
    forename = forms.CharField(label="First name", max_length=100)
    surname = forms.CharField(label="Last name", max_length=100)
    birth_date = GovukDateField(label="Date of birth", help_text="For example, 27 3 2015")
    upn = forms.CharField(
        label="Unique pupil number",
        max_length=13,
        required=False,
        help_text="13 characters, for example A123456789012. Leave it empty if the pupil has none",
    )
    sen_provision = forms.ChoiceField(
        label="Special educational needs", choices=SenProvision.choices, widget=forms.RadioSelect
    )

    def clean_upn(self) -> str:
        upn = self.cleaned_data["upn"].upper().replace(" ", "")
        if upn and not _UPN.match(upn):
            raise ValidationError(
                "Enter a unique pupil number of a letter then 12 numbers or letters, like A123456789012"
            )
        return upn

    def clean_birth_date(self):
        day = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if day > today:
            raise ValidationError("The date of birth must be in the past")
        if day.year < today.year - 26:
            raise ValidationError("The date of birth must be within the last 26 years")
        return day


def _dated(form: forms.Form, name: str, label: str, *, not_after_today: bool = False) -> None:
    value = form.cleaned_data.get(name)
    if value is None:
        return
    try:
        date_check(value, field=name, label=label, not_after_today=not_after_today)
    except ValidationError as error:
        for message in error.message_dict[name]:
            form.add_error(name, message)


class TimetableForm(PupilForm):
    start_date = GovukDateField(label="Start date", help_text="The first day of the part-time timetable")
    hours_per_week = forms.DecimalField(
        label="Hours a week in education",
        min_value=Decimal("0.5"),
        max_value=Decimal("32.5"),
        max_digits=4,
        decimal_places=1,
        help_text="For example, 12.5",
    )
    reason = forms.CharField(
        label="Why the pupil is on a part-time timetable",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a medical condition, as part of a plan to return to full-time education",
    )
    review_date = GovukDateField(
        label="Agreed review date", help_text="When the school, the pupil and the parents will review it"
    )
    parent_agreed = forms.ChoiceField(label="Has the parent agreed to it?", choices=YES_NO, widget=forms.RadioSelect)
    end_date = GovukDateField(
        label="End date", required=False, help_text="Only when the pupil has returned to full-time education"
    )

    editing_fields = ("hours_per_week", "reason", "review_date", "parent_agreed", "end_date")

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            for name in list(self.fields):
                if name not in self.editing_fields:
                    del self.fields[name]

    def clean_parent_agreed(self) -> bool:
        return _yes(self.cleaned_data["parent_agreed"])

    def clean(self):
        data = super().clean()
        for name, label in (
            ("start_date", "The start date"),
            ("review_date", "The agreed review date"),
            ("end_date", "The end date"),
        ):
            if name in self.fields:
                _dated(self, name, label, not_after_today=name == "end_date")
        start = data.get("start_date") or getattr(self, "start_date", None)
        if start and data.get("review_date") and data["review_date"] < start:
            self.add_error("review_date", "The agreed review date must be on or after the start date")
        if start and data.get("end_date") and data["end_date"] < start:
            self.add_error("end_date", "The end date must be on or after the start date")
        return data


class RemovalForm(PupilForm):
    ground = forms.ChoiceField(
        label="Ground for deleting the pupil's name", choices=DELETION_GROUNDS, widget=forms.RadioSelect
    )
    removal_date = GovukDateField(label="Date the name was deleted from the admission register")
    destination_known = forms.ChoiceField(
        label="Do you know where the pupil has gone?", choices=YES_NO, widget=forms.RadioSelect
    )
    destination = forms.CharField(
        label="Where the pupil has gone",
        max_length=300,
        required=False,
        help_text="The new school and its town, or the new address's area",
    )

    def clean_destination_known(self) -> bool:
        return _yes(self.cleaned_data["destination_known"])

    def clean(self):
        data = super().clean()
        _dated(self, "removal_date", "The date the name was deleted", not_after_today=True)
        if data.get("destination_known") and not data.get("destination", "").strip():
            self.add_error("destination", "Enter where the pupil has gone, or answer no")
        return data


class NonAttendanceForm(PupilForm):
    since = GovukDateField(label="Not attending since")
    note = forms.CharField(
        label="What the school knows", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        _dated(self, "since", "The date the pupil stopped attending", not_after_today=True)
        return data


class TaskDoneForm(GovukForm):
    note = forms.CharField(label="What you found and did", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class CaseForm(PupilForm):
    source = forms.ChoiceField(
        label="How the child came to notice",
        widget=forms.RadioSelect,
        choices=[
            (MissingEducationCase.Source.REFERRAL, "Referral"),
            (MissingEducationCase.Source.NOT_ARRIVED, "Did not arrive at a new school"),
        ],
    )
    referred_by = forms.CharField(
        label="Who told us", max_length=200, help_text="For example, the health visiting team"
    )
    opened_on = GovukDateField(label="Missing education since")

    def clean(self):
        data = super().clean()
        _dated(self, "opened_on", "The date missing education began", not_after_today=True)
        return data


class EnquiryForm(GovukForm):
    made_on = GovukDateField(label="Date of the enquiry")
    made_with = forms.CharField(
        label="Who was asked", max_length=200, help_text="For example, the GP practice, the police, another council"
    )
    outcome = forms.CharField(label="What they said", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        _dated(self, "made_on", "The date of the enquiry", not_after_today=True)
        return data


class CloseForm(GovukForm):
    closed_on = GovukDateField(label="Date the child was found in education")
    found_where = forms.CharField(
        label="Where the child was found",
        max_length=300,
        help_text="For example, on roll at a school in another council's area",
    )

    def __init__(self, *args, opened_on=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened_on = opened_on

    def clean(self):
        data = super().clean()
        _dated(self, "closed_on", "The date the child was found", not_after_today=True)
        if self.opened_on and data.get("closed_on") and data["closed_on"] < self.opened_on:
            self.add_error("closed_on", "The date the child was found must be on or after the date they went missing")
        return data


class DecisionForm(GovukForm):
    meeting_date = GovukDateField(label="Date of the meeting")
    agreed_action = forms.CharField(label="Agreed action", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label="Who will do it", max_length=200, help_text="A person and their service")
    action_by = GovukDateField(label="Do it by")

    def clean(self):
        data = super().clean()
        _dated(self, "meeting_date", "The date of the meeting", not_after_today=True)
        _dated(self, "action_by", "The date to do it by")
        if data.get("meeting_date") and data.get("action_by") and data["action_by"] < data["meeting_date"]:
            self.add_error("action_by", "The date to do it by must be on or after the meeting")
        return data


class PlacedChildForm(GovukForm):
    forename = forms.CharField(label="First name", max_length=100)
    surname = forms.CharField(label="Last name", max_length=100)
    birth_date = GovukDateField(label="Date of birth")
    placing_council = forms.CharField(
        label="Placing council", max_length=200, help_text="For example, London Borough of Lambeth"
    )
    placing_contact = forms.CharField(label="Named contact at the placing council", max_length=200)
    placing_contact_email = forms.EmailField(label="Their email address", required=False)
    looked_after = forms.ChoiceField(label="Is the child looked after?", choices=YES_NO, widget=forms.RadioSelect)
    has_plan = forms.ChoiceField(label="Does the child have an EHC plan?", choices=YES_NO, widget=forms.RadioSelect)
    placed_on = GovukDateField(label="Date the placement began")
    notified_on = GovukDateField(
        label="Date the placing council told us",
        required=False,
        help_text="Leave it empty if we found out another way and have not been told",
    )
    school = forms.CharField(label="School or setting", max_length=200, required=False)
    last_review = GovukDateField(label="Last review", required=False)
    next_review = GovukDateField(label="Next review", required=False)
    left_on = GovukDateField(label="Date the child left the area", required=False)

    def clean_looked_after(self) -> bool:
        return _yes(self.cleaned_data["looked_after"])

    def clean_has_plan(self) -> bool:
        return _yes(self.cleaned_data["has_plan"])

    def clean(self):
        data = super().clean()
        _dated(self, "placed_on", "The date the placement began", not_after_today=True)
        _dated(self, "notified_on", "The date we were told", not_after_today=True)
        _dated(self, "last_review", "The last review", not_after_today=True)
        _dated(self, "next_review", "The next review")
        _dated(self, "left_on", "The date the child left", not_after_today=True)
        placed = data.get("placed_on")
        if placed and data.get("left_on") and data["left_on"] < placed:
            self.add_error("left_on", "The date the child left must be on or after the date the placement began")
        return data


class ContactsForm(GovukForm):
    inclusion_lead = forms.ModelChoiceField(
        label="Inclusion lead",
        queryset=None,
        required=False,
        help_text="Told when a part-time timetable passes its review date",
    )
    placed_children_contact = forms.ModelChoiceField(
        label="Single point of contact for children placed here by other councils", queryset=None, required=False
    )

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("inclusion_lead", "placed_children_contact"):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = lambda user: user.display_name
            self.fields[name].empty_label = "Nobody named"
