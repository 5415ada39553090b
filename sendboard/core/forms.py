from django import forms

from sendboard.core.calendar import bank_holiday_name
from sendboard.core.govuk import GovukDateField
from sendboard.core.models import NonWorkingDay


class NonWorkingDayForm(forms.Form):
    date = GovukDateField(
        label="Date",
        help_text="For example, 27 12 2026",
        error_messages={"required": "Enter the date of the non-working day"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="For example, council offices closed between Christmas and New Year",
        max_length=200,
        error_messages={"required": "Enter why this is a non-working day", "max_length": "The reason must be 200 characters or fewer"},
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day.weekday() >= 5:
            raise forms.ValidationError("That date is a weekend, which is never a working day")
        if name := bank_holiday_name(day):
            raise forms.ValidationError(f"That date is already a bank holiday ({name})")
        if NonWorkingDay.objects.filter(date=day).exists():
            raise forms.ValidationError("That date is already a local non-working day")
        return day
