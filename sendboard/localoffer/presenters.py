"""Display of Local Offer records: what a page shows, worked out once, outside templates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode
from uuid import UUID

from django.http import QueryDict
from django.urls import reverse

from sendboard.core.govuk import format_date
from sendboard.localoffer.models import AccessibilityFeature, ServiceVersion, Weekday
from sendboard.localoffer.selectors import METRES_PER_MILE, ResultRow, metres_from_squared
from sendboard.localoffer.vocabulary import keyword_read

# The search's own parameters: a service page's "Find other services" link returns to the search with these.
SEARCH_PARAMETERS = ("q", "category", "need", "age", "free", "day", "time", "place", "distance", "access", "page")

_ACCESSIBILITY = dict(AccessibilityFeature.choices)
_DAYS = dict(Weekday.choices)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def age_range_text(version: ServiceVersion) -> str:
    if version.minimum_age == version.maximum_age:
        return f"{version.minimum_age} years"
    return f"{version.minimum_age} to {version.maximum_age} years"


def cost_text(version: ServiceVersion) -> str:
    return "Free" if version.is_free else (version.cost_description or "There is a charge")


def opening_times_text(version: ServiceVersion) -> list[str]:
    return [f"{_DAYS[s.byday]}: {s.opens_at:%H:%M} to {s.closes_at:%H:%M}" for s in version.schedules.all()]


def version_rows(version: ServiceVersion) -> list[dict]:
    """GOV.UK summary list rows of what a version says (a service page, an approval)."""
    locations = [
        f"{sl.location.name}, {sl.location.address_1}, {sl.location.city}, {sl.location.postcode}"
        for sl in version.service_locations.all()
    ]
    rows = [
        ("Who it is for", age_range_text(version)),
        ("Needs it supports", ", ".join(t.name for t in version.needs.all()) or "Any"),
        ("Type of service", ", ".join(t.name for t in version.categories.all()) or "Not given"),
        ("Cost", cost_text(version)),
        ("Opening times", "; ".join(opening_times_text(version)) or "Not given"),
        ("Where", "; ".join(locations) or "Not given"),
        ("Accessibility", ", ".join(_ACCESSIBILITY.get(c, c) for c in version.accessibility) or "Not given"),
        ("Status", version.get_service_status_display()),
        ("Who to contact", version.contact_name or "Not given"),
        ("Phone", version.phone or "Not given"),
        ("Email", version.email or "Not given"),
        ("Website", version.url or "Not given"),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


@dataclass(frozen=True)
class SearchSummary:
    """What the results heading says was searched for, and, when nothing is found, what to change."""

    total: int
    described: list[str]
    suggestions: list[str]
    read_as: str = ""  # how the keyword's need words were read, so that a family sees why a service is listed

    @classmethod
    def of(cls, *, form, total: int) -> SearchSummary:
        data = form.cleaned_data
        described, suggestions = [], []
        needs = keyword_read(data["q"]).needs if data["q"] else ()
        need_names = dict(form.fields["need"].choices)
        read_as = (
            (
                f"Searching for “{data['q']}” includes every service for "
                + " and ".join(need_names.get(code, code).lower() for code in needs)
                + "."
            )
            if needs
            else ""
        )
        if data["q"]:
            described.append(f"matching “{data['q']}”")
            suggestions.append("use fewer or different words, or check the spelling")
        if data["category"]:
            described.append(dict(form.fields["category"].choices)[data["category"]].lower())
            suggestions.append("choose any type of service")
        if data["need"]:
            described.append(f"for {dict(form.fields['need'].choices)[data['need']]}")
            suggestions.append("choose any need")
        if data["age"] is not None:
            described.append(f"for age {data['age']}")
            suggestions.append("leave the age empty")
        if data["free"]:
            described.append("free only")
            suggestions.append("include services that charge")
        if data["day"] or data["time"]:
            described.append(
                "open "
                + " at ".join(
                    filter(None, [_DAYS.get(data["day"], ""), data["time"].strftime("%H:%M") if data["time"] else ""])
                )
            )
            suggestions.append("choose any day and leave the time empty")
        if data["place"]:
            described.append(f"near {data['place']}")
            suggestions.append("search a wider distance, or leave the postcode empty")
        if data["access"]:
            described.append("with " + ", ".join(_ACCESSIBILITY[c].lower() for c in data["access"]))
            suggestions.append("choose fewer accessibility features")
        return cls(total=total, described=described, suggestions=suggestions, read_as=read_as)


def distance_text(metres: float | None) -> str:
    """'0.4 miles away', '12 miles away': a tenth of a mile under 10 miles, whole miles beyond."""
    if metres is None:
        return ""
    miles = metres / METRES_PER_MILE
    if miles < 0.05:
        return "Less than 0.1 miles away"
    if miles < 10:
        shown = f"{miles:.1f}"
        return f"{shown} {'mile' if shown == '1.0' else 'miles'} away"
    return f"{round(miles)} miles away"


def search_back_query(params: QueryDict) -> str:
    """The search a service page was reached from, to go back to it: only the search's own parameters."""
    kept = [(key, value) for key in SEARCH_PARAMETERS for value in params.getlist(key) if value]
    return urlencode(kept)


@dataclass(frozen=True)
class SearchResult:
    service: ResultRow
    href: str  # the service's page
    href_query: str  # the search, carried to the service page so that "Find other services" keeps it
    distance: str

    @classmethod
    def list_of(cls, rows: list[ResultRow], *, search: str) -> list[SearchResult]:
        # One reverse() for the page, not one a result: only the id differs from one address to the next.
        pattern = reverse("localoffer:service", args=[_ANY_SERVICE])
        return [
            cls(
                service=row,
                href=pattern.replace(str(_ANY_SERVICE), str(row.service_id)),
                href_query=search,
                distance=distance_text(metres_from_squared(row.metres_squared)),
            )
            for row in rows
        ]


_ANY_SERVICE = UUID(int=0)


@dataclass(frozen=True)
class RevisionRow:
    label: str
    before: str | None  # None for the page's first save
    after: str


def _revision_text(value) -> str:
    if not value:
        return "nothing"
    try:
        return format_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def revision_rows(revision, labels: dict[str, str]) -> list[RevisionRow]:
    """What one save of an information page changed, field by field, in words (dates as 1 September 2027)."""
    return [
        RevisionRow(
            label=labels.get(name, name),
            before=_revision_text(revision.before.get(name)) if revision.before else None,
            after=_revision_text(value),
        )
        for name, value in revision.after.items()
    ]
