"""Reads for reminders: whose each step is, which reminders fall due today, what a person was sent, and how
sending goes (ADR 0160). Every function reads a fixed number of queries, however many steps there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet

from sendboard.accounts.models import User
from sendboard.accounts.selectors import role_holders
from sendboard.casework.models import AdviceRequest, StatutoryStep
from sendboard.casework.selectors import open_steps, timescale_rule_names
from sendboard.casework.timescales import advice_subject
from sendboard.core.jobs import JobState
from sendboard.reminders import permissions
from sendboard.reminders.models import DigestChoice, ReminderEmail, ReminderKind

# The "due soon" reminder goes when the due date is this many days away or nearer (up to the due date itself);
# the "coming up" reminder goes from the step's warning date until then. A run missed (the timer off for a day)
# is made up by the next, within these windows; a step already overdue gets no reminder, only the digest.
DUE_SOON_DAYS = 2
# The digest counts and lists a person's steps overdue or due within this many days.
DIGEST_WEEK_DAYS = 7
# The digest lists this many steps at most (the most overdue first); its link leads to the rest.
DIGEST_LIST_LIMIT = 20


@dataclass(frozen=True)
class StepRow:
    """What a reminder may say about a step: which step, its dates, and the child's opaque id (for the link).
    Never the child's name, date of birth or any other detail of the record (ADR 0160)."""

    id: int
    step: str
    warning_date: date
    due_date: date
    child_public_id: str
    caseworker_id: int | None
    local_area_id: int
    subject: str = ""
    child_id: int = 0


ADVICE, CASEWORKER, MANAGER = "advice", "caseworker", "manager"


@dataclass
class Owners:
    """Whose each step is: step id to the people reminded of it (each active, with an e-mail address)."""

    by_step: dict[int, list[User]] = field(default_factory=dict)
    # Why they are its owners: ADVICE, CASEWORKER or MANAGER (what the e-mail tells them).
    reason_by_step: dict[int, str] = field(default_factory=dict)
    # For an advice step asked through sendboard: the request's public id (a professional's link leads to it).
    advice_request_by_step: dict[int, object] = field(default_factory=dict)

    def of(self, step_id: int) -> list[User]:
        return self.by_step.get(step_id, [])


def _step_rows(steps: QuerySet[StatutoryStep]) -> list[StepRow]:
    rows = steps.values_list(
        "id",
        "step",
        "warning_date",
        "due_date",
        "child__public_id",
        "child__caseworker_id",
        "child__local_area_id",
        "subject",
        "child_id",
    ).order_by("due_date", "id")
    return [StepRow(*row) for row in rows]


def _reachable(people: QuerySet[User]) -> QuerySet[User]:
    return people.filter(is_active=True).exclude(email="")


def advice_requests(steps: list[StepRow]) -> dict[int, tuple[int, object]]:
    """Step id to (organisation, request's public id) of the advice request sent through sendboard that an advice
    step stands for: the request for the same child, of the same kind, asked the same day (the step's subject).
    Requests imported from SEN2 name no organisation: their steps stay the caseworker's. One query."""
    wanted = {(row.child_id, row.subject): row.id for row in steps if row.step == "advice"}
    if not wanted:
        return {}
    found = {}
    rows = (
        AdviceRequest.objects.filter(
            assessment__request__child_id__in={child_id for child_id, _ in wanted}, organisation__isnull=False
        )
        .values_list("assessment__request__child_id", "source", "requested_date", "organisation_id", "public_id")
        .order_by("id")
    )
    for child_id, source, requested, organisation_id, public_id in rows:
        step_id = wanted.get((child_id, advice_subject(source, requested)))
        if step_id is not None:
            found.setdefault(step_id, (organisation_id, public_id))
    return found


def step_owners(steps: list[StepRow]) -> Owners:
    """Each step's owners (ADR 0160): the professionals of the organisation an advice request was sent to; else
    the child's caseworker; else, when the case is unallocated or its caseworker can no longer be reached, the
    managers of the area's casework team. At most five queries, whatever the number of steps."""
    asked = advice_requests(steps)
    advice = {step_id: organisation_id for step_id, (organisation_id, _) in asked.items()}
    professionals: dict[int, list[User]] = defaultdict(list)
    if advice:
        answering = User.objects.filter(role_holders(*permissions.ADVICE_ANSWERING_ROLES))
        for person in _reachable(answering.filter(organisation_id__in=set(advice.values()))).order_by("id"):
            professionals[person.organisation_id].append(person)
    caseworker_ids = {row.caseworker_id for row in steps if row.caseworker_id}
    caseworkers = (
        {person.id: person for person in _reachable(User.objects.filter(id__in=caseworker_ids))}
        if caseworker_ids
        else {}
    )
    managers: dict[int, list[User]] = defaultdict(list)
    areas = {row.local_area_id for row in steps if row.caseworker_id not in caseworkers}
    if areas:
        found = (
            _reachable(User.objects.filter(role_holders(*permissions.UNALLOCATED_CASE_OWNERS)))
            .filter(organisation__casework_team__local_area_id__in=areas)
            .annotate(area_id=F("organisation__casework_team__local_area_id"))
            .order_by("id")
        )
        for person in found:
            managers[person.area_id].append(person)
    owners = Owners(advice_request_by_step={step_id: public_id for step_id, (_, public_id) in asked.items()})
    for row in steps:
        if professionals.get(advice.get(row.id)):
            owners.by_step[row.id], owners.reason_by_step[row.id] = professionals[advice[row.id]], ADVICE
        elif row.caseworker_id in caseworkers:
            owners.by_step[row.id], owners.reason_by_step[row.id] = [caseworkers[row.caseworker_id]], CASEWORKER
        else:
            owners.by_step[row.id], owners.reason_by_step[row.id] = managers.get(row.local_area_id, []), MANAGER
    return owners


def reminder_kind_due(row: StepRow, *, today: date) -> tuple[str, date] | None:
    """Which reminder an open step calls for today, with the date it is for: "due soon" (for its due date) from
    ``DUE_SOON_DAYS`` before the due date to the due date; "coming up" (for its warning date) from the warning
    date until then; none before the warning date or once the step is overdue."""
    if today > row.due_date:
        return None
    if today >= row.due_date - timedelta(days=DUE_SOON_DAYS):
        return ReminderKind.DUE, row.due_date
    if today >= row.warning_date:
        return ReminderKind.WARNING, row.warning_date
    return None


def steps_calling_for_reminders(*, today: date) -> list[StepRow]:
    """Open steps whose warning date has come and whose due date has not passed (one query)."""
    return _step_rows(StatutoryStep.objects.filter(open_steps(), warning_date__lte=today, due_date__gte=today))


def steps_for_digest(*, today: date) -> list[StepRow]:
    """Open steps overdue or due within the week (one query): what digests count and list."""
    return _step_rows(
        StatutoryStep.objects.filter(open_steps(), due_date__lte=today + timedelta(days=DIGEST_WEEK_DAYS))
    )


def reminders_already_made(step_ids) -> set[tuple[int, str, date, int]]:
    """(step, kind, date, recipient) of every reminder already made for these steps (one query)."""
    return set(
        ReminderEmail.objects.filter(step_id__in=list(step_ids)).values_list(
            "step_id", "kind", "on_date", "recipient_id"
        )
    )


def digests_already_made(*, today: date) -> set[int]:
    return set(
        ReminderEmail.objects.filter(kind=ReminderKind.DIGEST, on_date=today).values_list("recipient_id", flat=True)
    )


def people_not_wanting_digest() -> set[int]:
    return set(DigestChoice.objects.filter(wants_digest=False).values_list("user_id", flat=True))


def wants_digest(user) -> bool:
    return not DigestChoice.objects.filter(user=user, wants_digest=False).exists()


def step_names() -> dict[str, str]:
    return timescale_rule_names()


# --- pages -------------------------------------------------------------------------------------------------------


def reminders_sent_to(user) -> QuerySet[ReminderEmail]:
    """The reminders made for this person, newest first: only their own."""
    return ReminderEmail.objects.filter(recipient=user).select_related("step__child").order_by("-requested_at", "-id")


@dataclass(frozen=True)
class SendingSummary:
    sent: int
    waiting: int
    failed: int
    not_needed: int
    last_sent_at: object


def sending_summary(*, since) -> SendingSummary:
    """How sending goes: e-mails sent, not needed and waiting since a moment, and every one not sent (one query
    for the counts, one for the last sent)."""
    recent = Q(requested_at__gte=since)
    counts = ReminderEmail.objects.aggregate(
        sent=Count("id", filter=recent & Q(state=JobState.SUCCEEDED, sent_at__isnull=False)),
        not_needed=Count("id", filter=recent & Q(state=JobState.SUCCEEDED, sent_at__isnull=True)),
        waiting=Count("id", filter=Q(state__in=[JobState.QUEUED, JobState.RUNNING])),
        failed=Count("id", filter=Q(state=JobState.FAILED)),
    )
    last = ReminderEmail.objects.filter(sent_at__isnull=False).order_by("-sent_at").values_list("sent_at", flat=True)
    return SendingSummary(last_sent_at=last.first(), **counts)


def failed_reminders() -> QuerySet[ReminderEmail]:
    """E-mails that could not be sent, the newest first, with who they were for."""
    return (
        ReminderEmail.objects.filter(state=JobState.FAILED).select_related("recipient").order_by("-requested_at", "-id")
    )


def reminder_get(pk: int) -> ReminderEmail | None:
    return ReminderEmail.objects.filter(pk=pk).first()
