"""A person's own work, counted, for their home page: each app that holds work says what it counts.

An app's config offers ``home_work(*, user, today) -> list[WorkCount]``; the home page shows every count
with a link straight to the list it counts. Each app answers with a fixed, small number of queries, so the
home page's query count does not grow with the data (pinned in tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps


@dataclass(frozen=True)
class WorkCount:
    label: str  # what is counted, shown beside the number: "Steps overdue on your cases"
    count: int
    href: str
    urgent: bool = False  # overdue, or a red indicator: shown in red when there is any


def home_work_for(*, user, today: date) -> list[WorkCount]:
    counts: list[WorkCount] = []
    for config in apps.get_app_configs():
        home_work = getattr(config, "home_work", None)
        if home_work is not None:
            counts.extend(home_work(user=user, today=today))
    return counts


@dataclass(frozen=True)
class HeldWork:
    """Work that stays with a person until someone hands it on: shown before their account is deactivated."""

    label: str  # "12 children's cases"
    href: str  # where it can be handed on
    link_text: str


def work_held_by(person) -> list[HeldWork]:
    """What each app holds for ``person`` (an app's config offers ``work_held_by(person)``), so that the people
    pages, which name no feature app, can warn before deactivating someone who still holds work."""
    held: list[HeldWork] = []
    for config in apps.get_app_configs():
        work_held = getattr(config, "work_held_by", None)
        if work_held is not None:
            held.extend(work_held(person))
    return held
