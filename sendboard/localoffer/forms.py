from __future__ import annotations

from django import forms

from sendboard.core.forms import GovukForm, VersionedForm
from sendboard.core.govuk import GovukDateField
from sendboard.core.validation import date_check, phone_number_clean
from sendboard.localoffer.models import AccessibilityFeature, ServiceVersion, TaxonomyTerm, Weekday
from sendboard.localoffer.parsing import (
    age_range_check,
    opening_times_parse,
    postcode_district,
    time_parse,
)
from sendboard.localoffer.reference import TAXONOMIES, term_id
from sendboard.localoffer.selectors import CATEGORIES_TAXONOMY, NEEDS_TAXONOMY
from sendboard.localoffer.services import ServiceContent, service_change_values

DISTANCES = [
    ("", "Anywhere in the postcode district"),
    ("1", "Within 1 mile"),
    ("3", "Within 3 miles"),
    ("5", "Within 5 miles"),
    ("10", "Within 10 miles"),
]


def _term_choices(taxonomy_code: str, *, any_label: str | None = None) -> list[tuple[str, str]]:
    """From the shipped vocabulary (reference.py, which migration 0003 loads): no query per form."""
    choices = sorted(TAXONOMIES[taxonomy_code][2], key=lambda term: term[1])
    return ([("", any_label)] if any_label else []) + choices


class ServiceSearchForm(GovukForm):
    """The filters of the public search. Every field is optional; empty means "any"."""

    q = forms.CharField(label="Search for", required=False, max_length=200)
    category = forms.ChoiceField(label="Type of service", required=False)
    need = forms.ChoiceField(label="Need", required=False)
    age = forms.IntegerField(
        label="Age of the child or young person",
        required=False,
        min_value=0,
        max_value=25,
        help_text="In years, from 0 to 25",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 7",
            "min_value": "Enter an age from 0 to 25",
            "max_value": "Enter an age from 0 to 25",
        },
    )
    free = forms.BooleanField(label="Free services only", required=False)
    day = forms.ChoiceField(label="Open on", required=False, choices=[("", "Any day"), *Weekday.choices])
    time = forms.CharField(label="Open at", required=False, max_length=5, help_text="In 24-hour form, like 16:30")
    place = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        help_text="A full postcode, like WR5 2NP, or the first part, like WR5",
    )
    distance = forms.ChoiceField(label="Distance", required=False, choices=DISTANCES)
    access = forms.MultipleChoiceField(
        label="Accessibility", required=False, choices=AccessibilityFeature.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = _term_choices(NEEDS_TAXONOMY, any_label="Any need")
        self.fields["category"].choices = _term_choices(CATEGORIES_TAXONOMY, any_label="Any type of service")

    def clean_time(self):
        value = self.cleaned_data["time"].strip()
        if not value:
            return None
        try:
            return time_parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_place(self) -> str:
        value = self.cleaned_data["place"].strip()
        if not value:
            return ""
        try:
            return postcode_district(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        if data.get("distance") and not data.get("place") and "place" not in self.errors:
            self.add_error("place", "Enter a postcode to search within a distance of it")
        return data


class ServiceChangeForm(VersionedForm):
    """What a provider may change about its service. Locations stay as the Local Offer team set them."""

    name = forms.CharField(label="Name of the service", max_length=200)
    description = forms.CharField(label="What the service does", widget=forms.Textarea)
    send_support = forms.CharField(
        label="How the service supports children and young people with SEND", widget=forms.Textarea
    )
    how_to_access = forms.CharField(
        label="How to use the service",
        widget=forms.Textarea,
        help_text="Who can refer, whether families can refer themselves, and who is eligible",
    )
    service_status = forms.ChoiceField(
        label="Is the service open?",
        choices=ServiceVersion.ServiceStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the service is open"},
    )
    minimum_age = forms.IntegerField(
        label="Youngest age", min_value=0, max_value=25, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    maximum_age = forms.IntegerField(
        label="Oldest age", min_value=0, max_value=25, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    needs = forms.MultipleChoiceField(
        label="Needs the service supports", required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(label="Type of service", required=False, widget=forms.CheckboxSelectMultiple)
    is_free = forms.ChoiceField(
        label="Is the service free?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the service is free"},
    )
    cost_description = forms.CharField(label="What it costs", required=False, max_length=300)
    opening_times = forms.CharField(
        label="Opening times",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One line for each day, like MO 09:00-17:00",
    )
    accessibility = forms.MultipleChoiceField(
        label="Accessibility", required=False, choices=AccessibilityFeature.choices, widget=forms.CheckboxSelectMultiple
    )
    contact_name = forms.CharField(
        label="Who to contact",
        required=False,
        max_length=120,
        help_text="A role or a team, not a person's name, for example Duty worker",
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    email = forms.EmailField(label="Email address", required=False)
    url = forms.URLField(label="Website", required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = _term_choices(NEEDS_TAXONOMY)
        self.fields["categories"].choices = _term_choices(CATEGORIES_TAXONOMY)

    TEXT_FIELDS = (
        "name",
        "description",
        "send_support",
        "how_to_access",
        "service_status",
        "minimum_age",
        "maximum_age",
        "cost_description",
        "contact_name",
        "phone",
        "email",
        "url",
    )

    @classmethod
    def initial_from(cls, version) -> dict:
        return service_change_values(version)

    def content_from(self, content: ServiceContent) -> ServiceContent:
        """The content the provider proposes: their answers on top of the version they started from (its
        locations stay as they were)."""
        data = self.cleaned_data
        for name in self.TEXT_FIELDS:
            setattr(content, name, data[name])
        content.accessibility = list(data["accessibility"])
        content.is_free = data["is_free"] == "yes"
        content.opening_times = data["opening_times"]
        content.needs = list(TaxonomyTerm.objects.filter(pk__in=[term_id(NEEDS_TAXONOMY, c) for c in data["needs"]]))
        content.categories = list(
            TaxonomyTerm.objects.filter(pk__in=[term_id(CATEGORIES_TAXONOMY, c) for c in data["categories"]])
        )
        return content

    def clean_phone(self) -> str:
        return phone_number_clean(self.cleaned_data["phone"])

    def clean_opening_times(self):
        try:
            return opening_times_parse(self.cleaned_data["opening_times"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        if data.get("minimum_age") is not None and data.get("maximum_age") is not None:
            try:
                age_range_check(data["minimum_age"], data["maximum_age"])
            except ValueError as error:
                self.add_error("maximum_age", str(error))
        if data.get("is_free") == "no" and not data.get("cost_description"):
            self.add_error("cost_description", "Say what the service costs")
        return data


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve and publish"), ("reject", "Do not approve")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve the change"},
    )
    note = forms.CharField(label="Note to the provider", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", "Say why the change is not approved")
        return data


class InformationPageForm(VersionedForm):
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(label="Summary", max_length=300, help_text="One sentence, shown in lists of pages")
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        help_text="Separate paragraphs with a blank line",
    )
    review_by = GovukDateField(
        label="Review by",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date by which to review the page"},
    )

    def clean_review_by(self):
        try:
            date_check(self.cleaned_data["review_by"], field="review_by", label="The review date")
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["review_by"]) from None
        return self.cleaned_data["review_by"]


class FeedbackForm(GovukForm):
    comment = forms.CharField(
        label="What would you like to tell us?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Do not include names, contact details or anything that could identify a child or family.",
        error_messages={
            "required": "Enter your feedback",
            "max_length": "Your feedback must be 2,000 characters or fewer",
        },
    )


class FeedbackResponseForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="What to do with this feedback",
        choices=[("publish", "Publish on “You said, we did” with our response"), ("close", "Close without publishing")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with this feedback"},
    )
    you_said = forms.CharField(
        label="You said",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A summary of the feedback with no personal details",
    )
    we_did = forms.CharField(
        label="We did",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Our response and what we will do",
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "publish":
            if not data.get("you_said", "").strip():
                self.add_error("you_said", "Summarise what the person said")
            if not data.get("we_did", "").strip():
                self.add_error("we_did", "Say what the council did or will do")
        return data


class ServiceImportForm(GovukForm):
    file = forms.FileField(label="CSV file of services", error_messages={"required": "Choose a CSV file"})

    def clean_file(self):
        """The size only: what the file holds is the importer's to check, in the preview (ADR 0163)."""
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload
