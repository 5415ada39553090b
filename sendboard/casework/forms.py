import re
from datetime import date, datetime

from django import forms
from django.utils import timezone

from sendboard.casework.selectors import (
    CASELOAD_SORTS,
    STEP_SORTS,
    UNALLOCATED,
    Period,
    QueueStatus,
    TeamFilters,
    TeamStatus,
    period_choices,
)
from sendboard.core.forms import GovukForm, VersionedForm
from sendboard.core.lists import ListFilterForm, sort_choices


class BreachReasonForm(VersionedForm):
    reason = forms.ChoiceField(
        label="Why was the timescale missed?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the timescale was missed"},
    )
    note = forms.CharField(
        label="What happened",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include the child's name",
        error_messages={"max_length": "What happened must be 500 characters or fewer"},
    )

    def __init__(self, *args, reasons: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = list(reasons.items())


class QueueFilterForm(ListFilterForm):
    """The caseworker's queue: which steps, and in what order."""

    status = forms.ChoiceField(label="Show", required=False, choices=QueueStatus.CHOICES)
    step = forms.ChoiceField(label="Step", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=sort_choices(STEP_SORTS))
    defaults = {"status": QueueStatus.DUE, "step": "", "sort": "due"}

    def __init__(self, *args, steps: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", "Every step"), *(steps or {}).items()]


class TeamFilterForm(ListFilterForm):
    """The team manager's page: which period, caseworker, step and missed timescales."""

    period = forms.ChoiceField(label="Due in", required=False)
    caseworker = forms.ChoiceField(label="Caseworker", required=False)
    step = forms.ChoiceField(label="Step", required=False)
    status = forms.ChoiceField(label="Missed timescales to list", required=False, choices=TeamStatus.CHOICES)
    sort = forms.ChoiceField(label="Sort the list by", required=False, choices=sort_choices(STEP_SORTS))
    defaults = {"period": Period.LAST_12_MONTHS, "caseworker": "", "step": "", "status": TeamStatus.ALL, "sort": "due"}

    def __init__(
        self, *args, today: date | None = None, caseworkers=(), steps: dict[str, str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(today=today or timezone.localdate())
        self.fields["caseworker"].choices = [
            ("", "Everyone"),
            (UNALLOCATED, "Not allocated"),
            *((str(u.pk), u.display_name) for u in caseworkers),
        ]
        self.fields["step"].choices = [("", "Every step"), *(steps or {}).items()]

    def filters(self) -> TeamFilters:
        return TeamFilters(**self.values())


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")
_UPN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


def _as_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class ChildSearchForm(GovukForm):
    """Find a child by name, date of birth or unique pupil number. Sent by POST, so that what was typed never
    appears in an address, a browser's history or a server's log (ADR 0081)."""

    term = forms.CharField(
        label="Name, date of birth or unique pupil number",
        max_length=100,
        help_text="For example, Amira Khan, 2/3/2014 or A123456789012",
        error_messages={
            "required": "Enter a name, a date of birth or a unique pupil number",
            "max_length": "Enter 100 characters or fewer",
        },
    )

    def clean_term(self) -> dict:
        """What to search by: {"upn": ...}, {"birth_date": ...} or {"names": (...)}."""
        text = " ".join(self.cleaned_data["term"].split())
        if _UPN.match(text.upper().replace(" ", "")):
            return {"upn": text.upper().replace(" ", "")}
        if any(ch.isdigit() for ch in text):
            day = _as_date(text)
            if day is None:
                raise forms.ValidationError(
                    "Enter a date of birth as day, month and year, like 2/3/2014, "
                    "or a unique pupil number of 13 characters, like A123456789012"
                )
            return {"birth_date": day}
        words = tuple(w for w in re.split(r"[\s,]+", text) if w)
        if not words:
            raise forms.ValidationError("Enter a name, a date of birth or a unique pupil number")
        return {"names": words}

    @staticmethod
    def described(criteria: dict) -> str:
        """How the search was made, for the audit log: never what was typed."""
        return {"upn": "unique pupil number", "birth_date": "date of birth"}.get(next(iter(criteria)), "name")


class SubjectAccessForm(GovukForm):
    """Why everything about this child is being exported: recorded in the audit log with the export."""

    reason = forms.CharField(
        label="Why are you exporting this record?",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "For example, subject access request from the young person received 1 December 2026. "
            "The reason is kept in the audit log"
        ),
        error_messages={
            "required": "Enter why you are exporting this record",
            "max_length": "The reason must be 250 characters or fewer",
        },
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < 10:
            raise forms.ValidationError("Enter why you are exporting this record, in at least 10 characters")
        return reason


def _with_caseload(person) -> str:
    """ "Ann Hughes (177 cases)": a person to choose, with how many cases they hold already."""
    return f"{person.display_name} ({person.children:,} {'case' if person.children == 1 else 'cases'})"


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _with_caseload(obj)


class _PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return _with_caseload(obj)


class AllocationForm(VersionedForm):
    """Who should hold one child's case: the team's caseworkers and team managers."""

    caseworker = _PersonChoice(
        queryset=None,
        label="Who should hold this case?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose who should hold this case",
            "invalid_choice": "Choose a caseworker or team manager of your team",
        },
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = candidates


class ReassignForm(GovukForm):
    """Every case of someone leaving, to one or more of the team's caseworkers."""

    leaver = _PersonChoice(
        queryset=None,
        label="Whose cases are you moving?",
        empty_label="Choose a person",
        error_messages={
            "required": "Choose whose cases you are moving",
            "invalid_choice": "Choose whose cases you are moving",
        },
    )
    receivers = _PeopleChoice(
        queryset=None,
        label="Who should receive them?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose one person to give them every case, or several to share the cases evenly between them",
        error_messages={
            "required": "Choose who should receive the cases",
            "invalid_choice": "Choose caseworkers or team managers of your team",
            "invalid_pk_value": "Choose caseworkers or team managers of your team",
        },
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, holders, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leaver"].queryset = holders
        self.fields["receivers"].queryset = candidates

    def clean(self):
        cleaned = super().clean()
        leaver, receivers = cleaned.get("leaver"), cleaned.get("receivers")
        if leaver is not None and receivers and any(person.pk == leaver.pk for person in receivers):
            self.add_error("receivers", f"Choose people other than {leaver.display_name} to receive the cases")
        return cleaned


class CaseloadFilterForm(ListFilterForm):
    """The list of a caseworker's cases, or of the open cases nobody holds."""

    caseworker = forms.ChoiceField(label="Held by", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=sort_choices(CASELOAD_SORTS))
    defaults = {"caseworker": "", "sort": "child"}

    def __init__(self, *args, caseworkers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [
            ("", "Everyone"),
            (UNALLOCATED, "Not allocated (open cases)"),
            *((str(u.pk), u.display_name) for u in caseworkers),
        ]


class CaseloadStepsFilterForm(ListFilterForm):
    """The open steps on a caseworker's cases, by status: what the caseload's counts link to."""

    caseworker = forms.ChoiceField(label="Held by", required=False)
    status = forms.ChoiceField(label="Show", required=False, choices=QueueStatus.CHOICES)
    defaults = {"caseworker": "", "status": QueueStatus.OPEN}

    def __init__(self, *args, caseworkers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [
            ("", "Everyone"),
            (UNALLOCATED, "Not allocated"),
            *((str(u.pk), u.display_name) for u in caseworkers),
        ]
