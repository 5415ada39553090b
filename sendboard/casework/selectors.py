"""Reads of the casework register. Children are reached only through the functions here that take the user
(ADR 0022): a caseworker or team manager sees the children of the local areas their organisation's team works;
everyone else sees none. Aggregates for advisers and analysts are in ``timeliness``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.casework.models import (
    Child,
    Code,
    NamedPlan,
    Request,
    StatutoryStep,
    TimescaleRule,
)
from sendboard.casework.timescales import Rule, rules_from_rows
from sendboard.core.models import LocalArea
from sendboard.core.work import WorkCount


def code_labels() -> dict[str, dict[str, str]]:
    """{list name: {code: label}} from the newest version of every code list (one query)."""
    labels: dict[str, dict[str, str]] = {}
    rows = Code.objects.select_related("code_list").order_by("code_list__name", "code_list__version", "order")
    versions: dict[str, str] = {}
    for row in rows:
        name, version = row.code_list.name, row.code_list.version
        if versions.get(name) != version:
            versions[name] = version
            labels[name] = {}
        labels[name][row.code] = row.label
    return labels


def timescale_rules() -> dict[str, Rule]:
    return rules_from_rows(TimescaleRule.objects.all())


def timescale_rule_names() -> dict[str, str]:
    return dict(TimescaleRule.objects.values_list("step", "name"))


def areas_for_user(user) -> QuerySet[LocalArea]:
    if not user_has_permission(user, Permission.VIEW_CHILDREN) or user.organisation_id is None:
        return LocalArea.objects.none()
    return LocalArea.objects.filter(casework_teams__organisation_id=user.organisation_id)


def children_for_user(user) -> QuerySet[Child]:
    return Child.objects.filter(local_area__in=areas_for_user(user))


def child_prefetches(queryset: QuerySet[Child]) -> QuerySet[Child]:
    """Everything the timescales and the timeline read, in a fixed number of queries."""
    requests = Request.objects.select_related(
        "assessment", "assessment__named_plan", "active_plan"
    ).prefetch_related("assessment__advice_requests", "assessment__named_plan__details", "active_plan__placements",
                       "active_plan__needs")
    return queryset.prefetch_related(Prefetch("requests", queryset=requests))


def child_get_for_user(user, public_id) -> Child:
    child = child_prefetches(children_for_user(user).select_related("local_area", "caseworker")).filter(public_id=public_id).first()
    if child is None:
        raise Http404("No such child in your area")
    return child


def steps_for_child_page(child: Child) -> list[StatutoryStep]:
    return list(child.steps.select_related("breach_recorded_by").order_by("due_date", "id"))


def steps_for_user(user) -> QuerySet[StatutoryStep]:
    return StatutoryStep.objects.filter(child__in=children_for_user(user))


def open_steps() -> Q:
    return Q(done_date__isnull=True, excepted=False)


def breached_steps(today: date) -> Q:
    return Q(excepted=False) & (Q(done_date__isnull=True, due_date__lt=today) | Q(done_date__gt=F("due_date")))


QUEUE_LIMIT = 50


@dataclass(frozen=True)
class CaseworkerQueue:
    due_this_week: list[StatutoryStep]
    overdue: list[StatutoryStep]
    awaiting_advice: list[dict]
    caseload: int

    @property
    def children_shown(self) -> list[Child]:
        """The children the queue names, for the audit (ADR 0065)."""
        return [step.child for step in (*self.overdue, *self.due_this_week)]


def caseworker_queue(user, *, today: date) -> CaseworkerQueue:
    """My cases: steps due in the next 7 days, overdue steps, and advice still awaited, by partner."""
    mine = steps_for_user(user).filter(child__caseworker=user).select_related("child")
    week_end = today + timedelta(days=7)
    due = list(mine.filter(open_steps(), due_date__gte=today, due_date__lte=week_end).order_by("due_date", "id")[:QUEUE_LIMIT])
    overdue = list(mine.filter(open_steps(), due_date__lt=today).order_by("due_date", "id")[:QUEUE_LIMIT])
    advice = list(
        mine.filter(open_steps(), step="advice").values("partner").annotate(count=Count("id")).order_by("-count", "partner")
    )
    return CaseworkerQueue(due, overdue, advice, children_for_user(user).filter(caseworker=user).count())


@dataclass(frozen=True)
class TeamQueue:
    children: int
    unallocated: int
    overdue_by_step: list[dict]
    breaches_by_reason: list[dict]
    breaches_by_partner: list[dict]
    unexplained_breaches: list[StatutoryStep]
    stale_family_views: list[NamedPlan]
    stale_family_views_count: int

    @property
    def children_shown(self) -> list[Child]:
        """The children the queue names, for the audit (ADR 0065)."""
        return [step.child for step in self.unexplained_breaches] + [plan.assessment.request.child for plan in self.stale_family_views]


def team_queue(user, *, today: date) -> TeamQueue:
    """The team's caseload: what is overdue, breaches by reason and partner, plans with family views over a year old."""
    steps = steps_for_user(user)
    children = children_for_user(user)
    breached = steps.filter(breached_steps(today))
    stale = (
        NamedPlan.objects.filter(assessment__request__child__in=children, cease_date__isnull=True)
        .filter(Q(family_views_updated__isnull=True) | Q(family_views_updated__lt=today - timedelta(days=365)))
    )
    return TeamQueue(
        children=children.count(),
        unallocated=children.filter(caseworker__isnull=True).count(),
        overdue_by_step=list(steps.filter(open_steps(), due_date__lt=today).values("step").annotate(count=Count("id")).order_by("step")),
        breaches_by_reason=list(breached.values("breach_reason").annotate(count=Count("id")).order_by("-count", "breach_reason")),
        breaches_by_partner=list(
            breached.filter(step="advice").values("partner").annotate(count=Count("id")).order_by("-count", "partner")
        ),
        unexplained_breaches=list(breached.filter(breach_reason="").select_related("child").order_by("due_date", "id")[:QUEUE_LIMIT]),
        stale_family_views=list(
            stale.select_related("assessment__request__child").order_by("family_views_updated", "id")[:QUEUE_LIMIT]
        ),
        stale_family_views_count=stale.count(),
    )


def local_area_for_aggregates() -> LocalArea | None:
    """The area whose aggregate figures are shown: this installation's local area (one per installation)."""
    return LocalArea.objects.order_by("id").first()


def home_work_counts(*, user, today: date) -> list[WorkCount]:
    """The home page's counts of a person's casework: steps on their own cases overdue and due in the next
    7 days (one query), and for a team manager the team's breaches with no reason recorded (one more)."""
    counts: list[WorkCount] = []
    if user_has_permission(user, Permission.MANAGE_CASEWORK):
        mine = steps_for_user(user).filter(open_steps(), child__caseworker=user).aggregate(
            overdue=Count("id", filter=Q(due_date__lt=today)),
            due=Count("id", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=7))),
        )
        href = reverse("casework:my-cases")
        counts += [
            WorkCount("Steps overdue on your cases", mine["overdue"], href, urgent=True),
            WorkCount("Steps due in the next 7 days on your cases", mine["due"], href),
        ]
    if user_has_permission(user, Permission.VIEW_TEAM_CASELOAD):
        unexplained = steps_for_user(user).filter(breached_steps(today), breach_reason="").count()
        counts.append(WorkCount("The team's missed deadlines with no reason recorded", unexplained,
                                reverse("casework:team"), urgent=True))
    return counts
