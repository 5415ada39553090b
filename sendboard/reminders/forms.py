from __future__ import annotations

from django import forms

from sendboard.core.forms import GovukForm


class DigestChoiceForm(GovukForm):
    wants_digest = forms.TypedChoiceField(
        label="Do you want the daily digest?",
        choices=[("yes", "Yes, send me the daily digest"), ("no", "No, do not send me the daily digest")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you want the daily digest",
            "invalid_choice": "Select whether you want the daily digest",
        },
        help_text="Each morning, your overdue steps and those due in the next 7 days. Reminders of each step's "
        "dates still come: they cannot be turned off.",
    )
