"""The casework register's part of the retention schedule (ADR 0143)."""

from __future__ import annotations

from datetime import date

from sendboard.casework.models import Child


def children_past_retention_remove(*, born_before: date) -> int:
    """Delete every child born before ``born_before`` with their whole record (requests, assessments, advice,
    plans, placements, needs, statutory steps); how many children were removed."""
    past = Child.objects.filter(birth_date__lt=born_before)
    count = past.count()
    if count:
        past.delete()
    return count
