import re
from decimal import Decimal

from django import forms

from sendboard.outcomes.models import Indicator
from sendboard.outcomes.presenters import DIMENSIONS, period_label

AREA_CODE = re.compile(r"^E(0[6-9]|1[01])\d{6}$")
MAX_CHOSEN = 10


def _consecutive(first: str, second: str) -> bool:
    return (int(first) + 1) % 100 == int(second)


# How facts name periods, by the indicator's period type: a pattern, an example, and any further check.
PERIOD_FORMATS = {
    "calendar_year": (re.compile(r"^(\d{4})$"), "2024", None),
    "academic_year": (re.compile(r"^(\d{4})/(\d{2})$"), "2023/24", lambda m: _consecutive(m.group(1)[2:], m.group(2))),
    "financial_year": (re.compile(r"^(\d{4})-(\d{2})$"), "2024-25", lambda m: _consecutive(m.group(1)[2:], m.group(2))),
    "month": (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), "2025-01", None),
}


def period_is_valid(period: str, period_type: str) -> bool:
    formats = [PERIOD_FORMATS[period_type]] if period_type in PERIOD_FORMATS else list(PERIOD_FORMATS.values())
    for pattern, _example, check in formats:
        match = pattern.match(period)
        if match and (check is None or check(match)):
            return True
    return False


class CommentaryForm(forms.Form):
    commentary = forms.CharField(label="Commentary", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                                 help_text="Why the indicator is red, what is being done about it, and when it should improve",
                                 error_messages={"required": "Enter the commentary: why the indicator is red and what is being done"})


class TargetForm(forms.Form):
    period = forms.CharField(max_length=20, error_messages={"required": "Enter the period the target is for"})
    value = forms.DecimalField(label="Target", max_digits=14, decimal_places=4,
                               error_messages={"required": "Enter the target", "invalid": "Enter the target as a number, for example 65.5"})
    reason = forms.CharField(label="Why this target", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter why this is the target, for example the plan it comes from"})

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        example = PERIOD_FORMATS.get(indicator.period_type, (None, "2024", None))[1]
        self.fields["period"].help_text = f"As the facts name it, for example {example}"
        self.fields["value"].help_text = f"In {indicator.get_unit_display()}"

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        if not period_is_valid(period, self.indicator.period_type):
            example = PERIOD_FORMATS.get(self.indicator.period_type, (None, "2024", None))[1]
            raise forms.ValidationError(f"Enter the period in the form the facts use, for example {example}")
        return period

    def clean_value(self) -> Decimal:
        value = self.cleaned_data["value"]
        if value < 0:
            raise forms.ValidationError("The target must be 0 or more")
        if self.indicator.unit == Indicator.Unit.PERCENT and value > 100:
            raise forms.ValidationError("A percentage target must be between 0 and 100")
        return value


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="No owner (area leaders answer its exception reports)",
                                   help_text="The owner is sent the indicator's exception reports for commentary")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: f"{u.display_name} ({u.get_role_display()}, {u.organisation})"


class ComparisonForm(forms.Form):
    """Councils to compare with, as ONS area codes (which are not personal data, so may sit in the URL)."""

    compare = forms.CharField(label="Compare with other councils", required=False, max_length=200,
                              help_text="Area codes, separated by commas, for example E06000019, E10000031")

    def clean_compare(self) -> list[str]:
        codes = [code.strip().upper() for code in re.split(r"[\s,]+", self.cleaned_data["compare"]) if code.strip()]
        wrong = [code for code in codes if not AREA_CODE.match(code)]
        if wrong:
            raise forms.ValidationError("Enter council area codes: E followed by 8 digits, for example E06000019")
        codes = list(dict.fromkeys(codes))
        if len(codes) > MAX_CHOSEN:
            raise forms.ValidationError(f"Choose no more than {MAX_CHOSEN} councils")
        return codes


class DeepDiveForm(forms.Form):
    dimension = forms.ChoiceField(label="Break down by", choices=())
    period = forms.ChoiceField(label="Period", choices=())

    def __init__(self, *args, dimensions: list[str], periods: list[str], period_type: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [(d, DIMENSIONS.get(d, d.replace("_", " ").capitalize())) for d in dimensions]
        self.fields["period"].choices = [(p, period_label(p, period_type)) for p in periods]
