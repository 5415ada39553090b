"""The audit log page's filters (the page is core's; the events and their reads are the audit app's)."""

from django import forms

from sendboard.audit.models import AuditEvent
from sendboard.audit.selectors import AUDIT_PERIODS, AUDIT_SORTS
from sendboard.core.lists import ListFilterForm, sort_choices


class AuditFilterForm(ListFilterForm):
    kind = forms.ChoiceField(label="Show only", required=False, choices=[("", "All events"), *AuditEvent.Kind.choices])
    username = forms.CharField(label="Username", required=False, max_length=150, help_text="Exactly as they sign in")
    period = forms.ChoiceField(
        label="When", required=False, choices=[(k, label) for k, (label, _days) in AUDIT_PERIODS.items()]
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=sort_choices(AUDIT_SORTS))
    defaults = {"kind": "", "username": "", "period": "all", "sort": "newest"}
