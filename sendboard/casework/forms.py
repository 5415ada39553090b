from django import forms

from sendboard.core.forms import VersionedForm


class BreachReasonForm(VersionedForm):
    reason = forms.ChoiceField(
        label="Why was the timescale missed?", widget=forms.RadioSelect,
        error_messages={"required": "Select why the timescale was missed"},
    )
    note = forms.CharField(
        label="What happened", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include the child's name",
        error_messages={"max_length": "What happened must be 500 characters or fewer"},
    )

    def __init__(self, *args, reasons: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = list(reasons.items())
