from datetime import date

from django import forms

from sendboard.core.forms import GovukForm
from sendboard.core.lists import ListFilterForm

SUMMARY_MAX = 3000


class AskForAdviceForm(GovukForm):
    organisation = forms.TypedChoiceField(
        label="Organisation to ask",
        coerce=int,
        error_messages={"required": "Select the organisation to ask"},
    )
    source = forms.ChoiceField(
        label="Type of advice",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of advice"},
    )
    question = forms.CharField(
        label="What do you want them to advise on?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="They see this, the child's name and date of birth, and the documents you choose: nothing else",
        error_messages={
            "required": "Enter what you want them to advise on",
            "max_length": "What you want them to advise on must be 2,000 characters or fewer",
        },
    )
    documents = forms.MultipleChoiceField(
        label="Documents to send with the request",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select documents about this child from the list"},
    )

    def __init__(self, *args, organisations, sources: dict[str, str], documents, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "Choose an organisation"), *((o.pk, o.name) for o in organisations)]
        self.fields["source"].choices = list(sources.items())
        self.documents_by_id = {str(d.public_id): d for d in documents}
        self.fields["documents"].choices = [
            (str(d.public_id), f"{d.title} ({d.get_kind_display().lower()})") for d in documents
        ]
        if not documents:
            del self.fields["documents"]

    def chosen_documents(self) -> list:
        return [self.documents_by_id[value] for value in self.cleaned_data.get("documents", [])]


def _summary(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=hint,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"{label} must be {SUMMARY_MAX:,} characters or fewer",
        },
    )


class ReturnAdviceForm(GovukForm):
    file = forms.FileField(
        label="Your advice",
        help_text="A PDF, a Word document, or a JPEG or PNG image, smaller than 10 MB",
        error_messages={"required": "Select the document with your advice"},
    )
    needs_identified = _summary("Needs identified", "The child's needs, as your advice describes them")
    provision_recommended = _summary("Provision recommended", "What should be provided to meet those needs")
    outcomes_sought = _summary("Outcomes sought", "What the provision should achieve for the child")


class DeclineForm(GovukForm):
    reason = forms.CharField(
        label="Why are you declining the request?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the child is not known to the service. The caseworker reads this",
        error_messages={
            "required": "Enter why you are declining the request",
            "max_length": "Why you are declining the request must be 1,000 characters or fewer",
        },
    )


class ForwardForm(GovukForm):
    organisation = forms.TypedChoiceField(
        label="Organisation to forward the request to",
        coerce=int,
        error_messages={"required": "Select the organisation to forward the request to"},
    )
    reason = forms.CharField(
        label="Why does the request belong to them?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the child's needs are for the child and adolescent mental health service. "
        "The caseworker and the other organisation read this",
        error_messages={
            "required": "Enter why the request belongs to the other organisation",
            "max_length": "Why the request belongs to the other organisation must be 1,000 characters or fewer",
        },
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "Choose an organisation"), *((o.pk, o.name) for o in organisations)]


class LateHealthFilterForm(ListFilterForm):
    """The designated clinical officer's late health requests: due in which month, asked of whom, late how. The
    organisation narrows the monthly figures too."""

    month = forms.ChoiceField(label="Due in", required=False)
    partner = forms.ChoiceField(label="Asked of", required=False)
    lateness = forms.ChoiceField(label="Show", required=False)
    defaults = {"month": "", "partner": "", "lateness": "all"}

    def __init__(self, *args, months: list[date], asked_of: list[str], lateness: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", "Any month"), *((f"{m:%Y-%m}", f"{m:%B %Y}") for m in reversed(months))]
        self.fields["partner"].choices = [("", "Every organisation"), *((p, p) for p in asked_of)]
        self.fields["lateness"].choices = lateness

    def filters(self) -> dict:
        """What the list is narrowed by: the month as its first day, or None for any."""
        values = self.values()
        month = date.fromisoformat(f"{values['month']}-01") if values["month"] else None
        return {"month": month, "partner": values["partner"], "lateness": values["lateness"]}
