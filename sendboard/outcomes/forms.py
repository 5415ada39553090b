import re
from decimal import Decimal

from django import forms

from sendboard.core.forms import GovukForm, VersionedForm
from sendboard.outcomes.models import Indicator
from sendboard.outcomes.presenters import DIMENSIONS, period_label
from sendboard.statistics.periods import MONTHS

AREA_CODE = re.compile(r"^E(0[6-9]|1[01])\d{6}$")
MAX_CHOSEN = 10


def _consecutive(first: str, second: str) -> bool:
    return (int(first) + 1) % 100 == int(second)


# How facts name periods, by the indicator's period type: a pattern, an example, and any further check.
PERIOD_FORMATS = {
    "calendar_year": (re.compile(r"^(\d{4})$"), "2024", None),
    "academic_year": (re.compile(r"^(\d{4})/(\d{2})$"), "2023/24", lambda m: _consecutive(m.group(1)[2:], m.group(2))),
    "financial_year": (re.compile(r"^(\d{4})-(\d{2})$"), "2024-25", lambda m: _consecutive(m.group(1)[2:], m.group(2))),
    "month": (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), "August 2026", None),
}
# What to show as an example where the period type has no format of its own: a count on a day (a census date, or
# the register's reference date) is named by the academic year it falls in.
EXAMPLES = {"snapshot": "2024/25"}
MONTH_IN_WORDS = re.compile(r"^(" + "|".join(MONTHS) + r")\s+(\d{4})$", re.IGNORECASE)


def period_example(period_type: str) -> str:
    return EXAMPLES.get(period_type) or PERIOD_FORMATS.get(period_type, (None, "2024", None))[1]


def period_typed(text: str, period_type: str) -> str:
    """A period as typed, in the form facts name it: a month may be typed as pages print it ("August 2026")."""
    text = " ".join(text.split())
    words = MONTH_IN_WORDS.match(text)
    if words and period_type in ("month", "", "snapshot"):
        return f"{words.group(2)}-{[m.lower() for m in MONTHS].index(words.group(1).lower()) + 1:02d}"
    return text


def period_is_valid(period: str, period_type: str) -> bool:
    formats = [PERIOD_FORMATS[period_type]] if period_type in PERIOD_FORMATS else list(PERIOD_FORMATS.values())
    for pattern, _example, check in formats:
        match = pattern.match(period)
        if match and (check is None or check(match)):
            return True
    return False


class CommentaryForm(VersionedForm):
    commentary = forms.CharField(
        label="Commentary",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="Why the indicator is red, what is being done about it, and when it should improve",
        error_messages={"required": "Enter the commentary: why the indicator is red and what is being done"},
    )


class TargetForm(VersionedForm):
    period = forms.CharField(max_length=20, error_messages={"required": "Enter the period the target is for"})
    value = forms.DecimalField(
        label="Target",
        max_digits=14,
        decimal_places=4,
        error_messages={"required": "Enter the target", "invalid": "Enter the target as a number, for example 65.5"},
    )
    reason = forms.CharField(
        label="Why this target",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this is the target, for example the plan it comes from"},
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period"].help_text = f"For example {period_example(indicator.period_type)}"
        self.fields["value"].help_text = f"In {indicator.get_unit_display()}"

    def clean_period(self) -> str:
        period = period_typed(self.cleaned_data["period"], self.indicator.period_type)
        if not period_is_valid(period, self.indicator.period_type):
            raise forms.ValidationError(
                f"Enter the period in the form the facts use, for example {period_example(self.indicator.period_type)}"
            )
        return period

    def clean_value(self) -> Decimal:
        value = self.cleaned_data["value"]
        if value < 0:
            raise forms.ValidationError("The target must be 0 or more")
        if self.indicator.unit == Indicator.Unit.PERCENT and value > 100:
            raise forms.ValidationError("A percentage target must be between 0 and 100")
        return value


class OwnerForm(VersionedForm):
    owner = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="No owner (area leaders answer its exception reports)",
        help_text="The owner is sent the indicator's exception reports for commentary",
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: (
            f"{u.display_name} ({u.get_role_display()}, {u.organisation})"
        )


class ComparisonForm(GovukForm):
    """Councils to compare with, as ONS area codes (which are not personal data, so may sit in the URL)."""

    compare = forms.CharField(
        label="Compare with other councils",
        required=False,
        max_length=200,
        help_text="Area codes, separated by commas, for example E06000019, E10000031",
    )

    def clean_compare(self) -> list[str]:
        codes = [code.strip().upper() for code in re.split(r"[\s,]+", self.cleaned_data["compare"]) if code.strip()]
        wrong = [code for code in codes if not AREA_CODE.match(code)]
        if wrong:
            raise forms.ValidationError("Enter council area codes: E followed by 8 digits, for example E06000019")
        codes = list(dict.fromkeys(codes))
        if len(codes) > MAX_CHOSEN:
            raise forms.ValidationError(f"Choose no more than {MAX_CHOSEN} councils")
        return codes


class DeepDiveForm(GovukForm):
    dimension = forms.ChoiceField(
        label="Break down by", choices=(), error_messages={"required": "Select what to break the figures down by"}
    )
    period = forms.ChoiceField(label="Period", choices=())

    def __init__(self, *args, dimensions: list[str], periods: list[str], period_type: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [
            (d, DIMENSIONS.get(d, d.replace("_", " ").capitalize())) for d in dimensions
        ]
        self.fields["period"].choices = [(p, period_label(p, period_type)) for p in periods]
