"""Reads of the casework register. Children are reached only through the functions here that take the user
(ADR 0022): a caseworker or team manager sees the children of the local areas their organisation's team works;
everyone else sees none. Aggregates for advisers and analysts are in ``timeliness``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.accounts.selectors import role_holders
from sendboard.casework import permissions
from sendboard.casework.models import (
    Assessment,
    Child,
    Code,
    NamedPlan,
    Request,
    StatutoryStep,
    TimescaleRule,
)
from sendboard.casework.timescales import Rule, rules_from_rows
from sendboard.core.models import LocalArea
from sendboard.core.work import HeldWork, WorkCount


def code_labels() -> dict[str, dict[str, str]]:
    """{list name: {code: label}} from the newest version of every code list (one query)."""
    labels: dict[str, dict[str, str]] = {}
    # Plain tuples, not model instances: every page showing a child reads all of them (ADR 0167).
    rows = Code.objects.order_by("code_list__name", "code_list__version", "order").values_list(
        "code_list__name", "code_list__version", "code", "label"
    )
    versions: dict[str, str] = {}
    for name, version, code, label in rows:
        if versions.get(name) != version:
            versions[name] = version
            labels[name] = {}
        labels[name][code] = label
    return labels


def timescale_rules() -> dict[str, Rule]:
    return rules_from_rows(TimescaleRule.objects.all())


def timescale_rule_names() -> dict[str, str]:
    return dict(TimescaleRule.objects.values_list("step", "name"))


def areas_for_user(user) -> QuerySet[LocalArea]:
    return permissions.areas_for_user(user)


def children_for_user(user) -> QuerySet[Child]:
    return Child.objects.filter(local_area__in=areas_for_user(user))


def child_prefetches(queryset: QuerySet[Child]) -> QuerySet[Child]:
    """Everything the timescales and the timeline read, in a fixed number of queries."""
    requests = Request.objects.select_related("assessment", "assessment__named_plan", "active_plan").prefetch_related(
        "assessment__advice_requests",
        # Who forwarded a request, for the advice app's part of the child's page (ADR 0176).
        "assessment__advice_requests__forwardings__forwarded_by",
        "assessment__advice_requests__forwardings__from_organisation",
        "assessment__consultations",
        "appeals",
        "assessment__named_plan__details",
        "active_plan__placements",
        "active_plan__needs",
        "active_plan__reviews",
    )
    return queryset.prefetch_related(Prefetch("requests", queryset=requests))


def child_get_for_user(user, public_id) -> Child:
    child = (
        child_prefetches(children_for_user(user).select_related("local_area", "caseworker"))
        .filter(public_id=public_id)
        .first()
    )
    if child is None:
        raise Http404("No such child in your area")
    return child


def assessment_under_way(child: Child) -> Assessment | None:
    """The child's assessment still in progress (decided to assess, no plan and no decision not to issue one), from
    the relations ``child_prefetches`` reads; the latest if the register holds more than one."""
    found = None
    for request in child.requests.all():
        assessment = getattr(request, "assessment", None)
        if (
            request.outcome == "Y"
            and assessment is not None
            and not assessment.outcome
            and getattr(assessment, "named_plan", None) is None
        ):
            found = assessment
    return found


def advice_asked(child: Child) -> list:
    """The advice asked for in the child's assessments, oldest first, from prefetched relations."""
    return [
        advice
        for request in child.requests.all()
        if getattr(request, "assessment", None) is not None
        for advice in request.assessment.advice_requests.all()
    ]


def steps_for_child_page(child: Child) -> list[StatutoryStep]:
    return list(child.steps.select_related("breach_recorded_by").order_by("due_date", "id"))


def steps_for_user(user) -> QuerySet[StatutoryStep]:
    # Scoped through the step's child's area (a join), not "child in (the user's children)": the subquery made
    # PostgreSQL read and hash every child of the county for each count on the queue (ADR 0167).
    return StatutoryStep.objects.filter(child__local_area__in=areas_for_user(user))


def open_steps() -> Q:
    return Q(done_date__isnull=True, excepted=False)


def breached_steps(today: date) -> Q:
    return Q(excepted=False) & (Q(done_date__isnull=True, due_date__lt=today) | Q(done_date__gt=F("due_date")))


QUEUE_LIMIT = 50


class QueueStatus:
    """Which open steps a caseworker's queue shows."""

    DUE = "due"  # overdue or due in the next 7 days: the default, what needs doing now
    OVERDUE = "overdue"
    DUE_THIS_WEEK = "due_this_week"
    OPEN = "open"

    CHOICES = [
        (DUE, "Overdue or due in the next 7 days"),
        (OVERDUE, "Overdue"),
        (DUE_THIS_WEEK, "Due in the next 7 days"),
        (OPEN, "Every open step"),
    ]


STEP_SORTS = {
    "due": ("Oldest due date first", ("due_date", "id")),
    "due_desc": ("Newest due date first", ("-due_date", "-id")),
    "child": ("Child's surname", ("child__surname", "child__forename", "due_date", "id")),
}


@dataclass(frozen=True)
class CaseworkerQueue:
    steps: QuerySet[StatutoryStep]  # filtered and sorted, not yet read: the view shows a page of it
    overdue_count: int
    due_this_week_count: int
    awaiting_advice: list[dict]
    caseload: int
    newly_allocated: list[Child]


def caseworker_queue(
    user, *, today: date, status: str = QueueStatus.DUE, step: str = "", sort: str = "due"
) -> CaseworkerQueue:
    """My cases: my open steps (overdue and due in the next 7 days unless another status is asked for), how
    many are overdue and due this week, and advice still awaited, by partner."""
    mine = steps_for_user(user).filter(child__caseworker=user)
    week_end = today + timedelta(days=7)
    counts = mine.filter(open_steps()).aggregate(
        overdue=Count("id", filter=Q(due_date__lt=today)),
        due_this_week=Count("id", filter=Q(due_date__gte=today, due_date__lte=week_end)),
    )
    shown = mine.filter(open_steps())
    if status == QueueStatus.OVERDUE:
        shown = shown.filter(due_date__lt=today)
    elif status == QueueStatus.DUE_THIS_WEEK:
        shown = shown.filter(due_date__gte=today, due_date__lte=week_end)
    elif status != QueueStatus.OPEN:
        shown = shown.filter(due_date__lte=week_end)
    if step:
        shown = shown.filter(step=step)
    order = STEP_SORTS.get(sort, STEP_SORTS["due"])[1]
    advice = list(
        mine.filter(open_steps(), step="advice")
        .values("partner")
        .annotate(count=Count("id"))
        .order_by("-count", "partner")
    )
    return CaseworkerQueue(
        steps=shown.select_related("child").order_by(*order),
        overdue_count=counts["overdue"],
        due_this_week_count=counts["due_this_week"],
        awaiting_advice=advice,
        caseload=children_for_user(user).filter(caseworker=user).count(),
        newly_allocated=newly_allocated(user, today=today),
    )


# --- the team manager's page -------------------------------------------------------------------------------


class Period:
    """Periods the team's figures can be limited to, by the due date of each step."""

    LAST_12_MONTHS = "last_12_months"
    THIS_QUARTER = "this_quarter"
    LAST_QUARTER = "last_quarter"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"
    ALL = "all"


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_range(period: str, *, today: date) -> tuple[date, date] | None:
    """(first day, last day) of a period, both included; None for all time. Quarters are calendar quarters."""
    if period == Period.ALL:
        return None
    if period == Period.THIS_QUARTER:
        return _quarter_start(today), today
    if period == Period.LAST_QUARTER:
        end = _quarter_start(today) - timedelta(days=1)
        return _quarter_start(end), end
    if period == Period.THIS_YEAR:
        return date(today.year, 1, 1), today
    if period == Period.LAST_YEAR:
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return today - timedelta(days=364), today  # the last 12 months, today included


def _month_range(start: date, end: date) -> str:
    if start.year == end.year:
        return f"{start:%b} to {end:%b %Y}"
    return f"{start:%b %Y} to {end:%b %Y}"


def period_choices(*, today: date) -> list[tuple[str, str]]:
    """The periods, each labelled with the months it covers so that "last quarter" is never ambiguous."""
    labels = {
        Period.LAST_12_MONTHS: "Last 12 months",
        Period.THIS_QUARTER: "This quarter",
        Period.LAST_QUARTER: "Last quarter",
        Period.THIS_YEAR: "This year",
        Period.LAST_YEAR: "Last year",
    }
    choices = []
    for key, label in labels.items():
        start, end = period_range(key, today=today)
        choices.append((key, f"{label} ({_month_range(start, end)})"))
    return [*choices, (Period.ALL, "All time")]


UNALLOCATED = "none"


class TeamStatus:
    """Which missed timescales the team's list shows."""

    ALL = "all"
    UNEXPLAINED = "unexplained"
    OVERDUE = "overdue"
    LATE = "late"

    CHOICES = [
        (ALL, "Every missed timescale"),
        (UNEXPLAINED, "No reason recorded yet"),
        (OVERDUE, "Still not done"),
        (LATE, "Done late"),
    ]


@dataclass(frozen=True)
class TeamFilters:
    period: str = Period.LAST_12_MONTHS
    caseworker: str = ""  # a user's id, UNALLOCATED, or empty for everyone
    step: str = ""
    status: str = TeamStatus.ALL
    sort: str = "due"


def team_caseworkers(user) -> QuerySet:
    """The people of the user's organisation who hold cases, for the team page's caseworker filter."""
    from sendboard.accounts.models import User

    if user.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(
        role_holders(*permissions.CASE_HOLDING_ROLES), organisation_id=user.organisation_id, is_active=True
    ).order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class TeamQueue:
    children: int
    unallocated: int
    period: tuple[date, date] | None
    overdue_by_step: list[dict]
    breaches_by_reason: list[dict]
    breaches_by_partner: list[dict]
    missed: QuerySet[StatutoryStep]  # filtered and sorted, not yet read: the view shows a page of it
    stale_family_views: QuerySet[NamedPlan]
    stale_family_views_count: int


def team_queue(user, *, today: date, filters: TeamFilters = TeamFilters()) -> TeamQueue:
    """The team's caseload: what is overdue, timescales missed by reason and partner in a period, and plans
    with family views over a year old, for one caseworker or everyone, for one step or all."""
    children = children_for_user(user)
    steps = steps_for_user(user)
    if filters.caseworker == UNALLOCATED:
        children = children.filter(caseworker__isnull=True)
        steps = steps.filter(child__caseworker__isnull=True)
    elif filters.caseworker:
        children = children.filter(caseworker_id=filters.caseworker)
        steps = steps.filter(child__caseworker_id=filters.caseworker)
    if filters.step:
        steps = steps.filter(step=filters.step)
    period = period_range(filters.period, today=today)
    if period is not None:
        steps = steps.filter(due_date__range=period)
    breached = steps.filter(breached_steps(today))
    missed = breached
    if filters.status == TeamStatus.UNEXPLAINED:
        missed = missed.filter(breach_reason="")
    elif filters.status == TeamStatus.OVERDUE:
        missed = missed.filter(done_date__isnull=True)
    elif filters.status == TeamStatus.LATE:
        missed = missed.filter(done_date__isnull=False)
    stale = NamedPlan.objects.filter(assessment__request__child__in=children, cease_date__isnull=True).filter(
        Q(family_views_updated__isnull=True) | Q(family_views_updated__lt=today - timedelta(days=365))
    )
    open_case = Exists(StatutoryStep.objects.filter(open_steps(), child=OuterRef("pk")))
    counts = children.aggregate(
        children=Count("id"), unallocated=Count("id", filter=Q(caseworker__isnull=True) & Q(open_case))
    )
    return TeamQueue(
        children=counts["children"],
        # A closed case (refused, withdrawn, ceased) needs no caseworker: an open one has a step still to do.
        unallocated=counts["unallocated"],
        period=period,
        overdue_by_step=list(
            steps.filter(open_steps(), due_date__lt=today).values("step").annotate(count=Count("id")).order_by("step")
        ),
        breaches_by_reason=list(
            breached.values("breach_reason").annotate(count=Count("id")).order_by("-count", "breach_reason")
        ),
        breaches_by_partner=list(
            breached.filter(step="advice").values("partner").annotate(count=Count("id")).order_by("-count", "partner")
        ),
        missed=missed.select_related("child").order_by(*STEP_SORTS.get(filters.sort, STEP_SORTS["due"])[1]),
        stale_family_views=stale.select_related("assessment__request__child").order_by("family_views_updated", "id"),
        stale_family_views_count=stale.count(),
    )


# --- allocation and caseloads (ADR 0150) ----------------------------------------------------------------------

NEWLY_ALLOCATED_DAYS = 14


def allocation_candidates(user, *, with_caseloads: bool = False) -> QuerySet:
    """The people the user may allocate cases to: active caseworkers and team managers of their team; with
    ``with_caseloads``, each with ``children``, how many of the user's children they hold (in the same query)."""
    from sendboard.accounts.models import User

    people = User.objects.filter(permissions.allocation_candidates(user))
    if with_caseloads:
        held = children_for_user(user).filter(caseworker_id=OuterRef("pk")).order_by().values("caseworker_id")
        people = people.annotate(children=Coalesce(Subquery(held.annotate(n=Count("id")).values("n")), 0))
    return people.order_by("first_name", "last_name", "username")


def case_holders_for_user(user) -> QuerySet:
    """Everyone who may receive cases from the user, and everyone who holds one of the children the user reaches
    (people who have left included), for the caseworker filters of the caseload lists."""
    from sendboard.accounts.models import User

    holding = children_for_user(user).filter(caseworker__isnull=False).values("caseworker_id")
    return User.objects.filter(permissions.allocation_candidates(user) | Q(pk__in=holding)).order_by(
        "first_name", "last_name", "username"
    )


def unallocated_open() -> Q:
    """A child with no caseworker and a step still to do: a closed case (refused, withdrawn, ceased) needs none."""
    return Q(caseworker__isnull=True) & Exists(StatutoryStep.objects.filter(open_steps(), child=OuterRef("pk")))


@dataclass(frozen=True)
class Caseload:
    person: object | None  # a User; None for the cases not allocated to anyone
    children: int
    open_steps: int
    overdue: int
    due_this_week: int
    left: bool = False  # holds cases but can no longer receive them: deactivated, or no longer in the team


def team_caseloads(user, *, today: date) -> list[Caseload]:
    """Each caseworker's caseload (children, open steps, overdue, due in the next 7 days), the team's caseworkers
    first (those with no case too), then people who have left but still hold cases, then the open cases nobody
    holds. Four queries, however large the team."""
    from sendboard.accounts.models import User

    children = children_for_user(user)
    candidates = list(allocation_candidates(user))
    held = dict(
        children.filter(caseworker__isnull=False)
        .values_list("caseworker_id")
        .annotate(count=Count("id"))
        .values_list("caseworker_id", "count")
    )
    week_end = today + timedelta(days=7)
    step_counts = {
        row["child__caseworker_id"]: row
        for row in StatutoryStep.objects.filter(open_steps(), child__in=children)
        .values("child__caseworker_id")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_date__lt=today)),
            due=Count("id", filter=Q(due_date__gte=today, due_date__lte=week_end)),
        )
        .order_by()
    }
    unallocated_children = children.filter(unallocated_open()).count()
    known = {person.pk for person in candidates}
    leavers = list(
        User.objects.filter(pk__in=[pk for pk in held if pk not in known]).order_by(
            "first_name", "last_name", "username"
        )
    )

    def row(person, count: int, key, left: bool = False) -> Caseload:
        steps = step_counts.get(key, {})
        return Caseload(
            person=person,
            children=count,
            open_steps=steps.get("open", 0),
            overdue=steps.get("overdue", 0),
            due_this_week=steps.get("due", 0),
            left=left,
        )

    return [
        *(row(person, held.get(person.pk, 0), person.pk) for person in candidates),
        *(row(person, held[person.pk], person.pk, left=True) for person in leavers),
        row(None, unallocated_children, None),
    ]


def people_holding_cases(user) -> QuerySet:
    """Everyone who holds one of the children the user reaches, each with ``children``, how many. One query."""
    from sendboard.accounts.models import User

    children = children_for_user(user)
    counts = children.filter(caseworker_id=OuterRef("pk")).order_by().values("caseworker_id").annotate(n=Count("id"))
    return (
        User.objects.filter(pk__in=children.filter(caseworker__isnull=False).values("caseworker_id"))
        .annotate(children=Subquery(counts.values("n")))
        .order_by("first_name", "last_name", "username")
    )


def cases_held_by_leavers(user) -> list:
    """People who hold children the user reaches but could no longer receive a case (deactivated, moved to
    another organisation or role), each with ``children``, how many: the team's cases to reassign. One query,
    and none for a user who may not allocate."""
    if not user_has_permission(user, Permission.ALLOCATE_CASES):
        return []
    return list(people_holding_cases(user).exclude(permissions.allocation_candidates(user)))


def caseload_held_by(person) -> list[HeldWork]:
    """How many children's cases a person holds, for the warning before their account is deactivated: a count
    only, which the administrator may see whatever their own access to children (one query)."""
    count = Child.objects.filter(caseworker=person).count()
    if not count:
        return []
    return [
        HeldWork(
            label=f"{count:,} {'child' if count == 1 else 'children'}'s {'case' if count == 1 else 'cases'}",
            href=f"{reverse('casework:reassign')}?leaver={person.pk}",
            link_text="Move their cases to other caseworkers",
        )
    ]


CASELOAD_SORTS = {
    "child": ("Child's surname", ("surname", "forename", "id")),
    "overdue": ("Most overdue steps first", ("-overdue", "surname", "forename", "id")),
}


def caseload_children(user, *, today: date, caseworker: str = "", sort: str = "child") -> QuerySet[Child]:
    """The children the user reaches held by one caseworker (a user's id), or the open cases nobody holds
    (``UNALLOCATED``), or every case, each with its open and overdue steps counted; sorted, not yet read."""
    children = children_for_user(user)
    if caseworker == UNALLOCATED:
        children = children.filter(unallocated_open())
    elif caseworker:
        children = children.filter(caseworker_id=caseworker)
    open_step = Q(steps__done_date__isnull=True, steps__excepted=False)
    return (
        children.select_related("caseworker")
        .annotate(
            open_steps=Count("steps", filter=open_step),
            overdue=Count("steps", filter=open_step & Q(steps__due_date__lt=today)),
        )
        .order_by(*CASELOAD_SORTS.get(sort, CASELOAD_SORTS["child"])[1])
    )


def caseload_steps(user, *, today: date, caseworker: str = "", status: str = QueueStatus.OPEN) -> QuerySet:
    """Open steps of the children one caseworker holds (or nobody holds), by status: what a caseload's counts
    link to. Oldest due date first; not yet read."""
    children = children_for_user(user)
    if caseworker == UNALLOCATED:
        children = children.filter(caseworker__isnull=True)
    elif caseworker:
        children = children.filter(caseworker_id=caseworker)
    steps = StatutoryStep.objects.filter(open_steps(), child__in=children)
    week_end = today + timedelta(days=7)
    if status == QueueStatus.OVERDUE:
        steps = steps.filter(due_date__lt=today)
    elif status == QueueStatus.DUE_THIS_WEEK:
        steps = steps.filter(due_date__gte=today, due_date__lte=week_end)
    elif status == QueueStatus.DUE:
        steps = steps.filter(due_date__lte=week_end)
    return steps.select_related("child").order_by("due_date", "id")


def newly_allocated(user, *, today: date) -> list[Child]:
    """Cases allocated to the user in the last two weeks, the newest first (at most ``QUEUE_LIMIT``)."""
    since = timezone.make_aware(datetime.combine(today - timedelta(days=NEWLY_ALLOCATED_DAYS), time.min))
    return list(
        children_for_user(user)
        .filter(caseworker=user, allocated_at__gte=since)
        .order_by("-allocated_at", "id")[:QUEUE_LIMIT]
    )


def allocation_history(child: Child) -> list[dict]:
    """Who has held the case, as allocated in sendboard, newest first: each change with the caseworker before
    and after in words. Two queries."""
    from sendboard.accounts.models import User
    from sendboard.audit.selectors import changes_to

    changes = [
        change
        for change in changes_to(child).select_related("changed_by").order_by("-changed_at", "-id")
        if "caseworker_id" in change.after
    ]
    ids = {change.before.get("caseworker_id") for change in changes} | {c.after["caseworker_id"] for c in changes}
    names = {person.pk: person.display_name for person in User.objects.filter(pk__in=[i for i in ids if i])}
    return [
        {
            "when": change.changed_at,
            "by": change.changed_by.display_name if change.changed_by else "sendboard",
            "before": names.get(change.before.get("caseworker_id"), "Nobody"),
            "after": names.get(change.after["caseworker_id"], "Nobody"),
            "reason": change.reason,
        }
        for change in changes
    ]


def local_area_for_aggregates() -> LocalArea | None:
    """The area whose aggregate figures are shown: this installation's local area (one per installation)."""
    return LocalArea.objects.order_by("id").first()


# --- finding a child ------------------------------------------------------------------------------------------

CHILD_SEARCH_LIMIT = 50


@dataclass(frozen=True)
class ChildSearchResult:
    children: list[Child]
    more: bool  # more children matched than are shown: the person should search more precisely


def child_search(
    user, *, upn: str = "", birth_date: date | None = None, names: tuple[str, ...] = ()
) -> ChildSearchResult:
    """Children in the user's scope with this unique pupil number, this date of birth, or whose forename or
    surname starts with each of the given words (any order), by surname. At most ``CHILD_SEARCH_LIMIT``."""
    found = children_for_user(user)
    if upn:
        found = found.filter(upn=upn.upper())
    if birth_date is not None:
        found = found.filter(birth_date=birth_date)
    for word in names:
        found = found.filter(Q(forename__istartswith=word) | Q(surname__istartswith=word))
    if not (upn or birth_date or names):
        found = found.none()
    rows = list(
        found.select_related("caseworker").order_by("surname", "forename", "birth_date", "id")[: CHILD_SEARCH_LIMIT + 1]
    )
    return ChildSearchResult(children=rows[:CHILD_SEARCH_LIMIT], more=len(rows) > CHILD_SEARCH_LIMIT)


def home_work_counts(*, user, today: date) -> list[WorkCount]:
    """The home page's counts of a person's casework: steps on their own cases overdue and due in the next
    7 days (one query), and for a team manager the team's breaches with no reason recorded (one more)."""
    counts: list[WorkCount] = []
    if user_has_permission(user, Permission.MANAGE_CASEWORK):
        mine = (
            steps_for_user(user)
            .filter(open_steps(), child__caseworker=user)
            .aggregate(
                overdue=Count("id", filter=Q(due_date__lt=today)),
                due=Count("id", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=7))),
            )
        )
        href = reverse("casework:my-cases")
        counts += [
            WorkCount("Steps overdue on your cases", mine["overdue"], href, urgent=True),
            WorkCount("Steps due in the next 7 days on your cases", mine["due"], href),
        ]
    if user_has_permission(user, Permission.VIEW_TEAM_CASELOAD):
        unexplained = steps_for_user(user).filter(breached_steps(today), breach_reason="").count()
        counts.append(
            WorkCount(
                "The team's missed deadlines with no reason recorded",
                unexplained,
                reverse("casework:team"),
                urgent=True,
            )
        )
    return counts
