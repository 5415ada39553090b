"""Writes to the Local Offer. Provider changes become pending versions; only the Local Offer team publishes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.accounts.selectors import role_holders
from sendboard.audit.history import change_created, change_tracked, values_of
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.concurrency import row_lock_refresh, version_check, version_token
from sendboard.localoffer import permissions
from sendboard.localoffer.models import (
    DirectoryOrganisation,
    Feedback,
    InformationPage,
    Location,
    Schedule,
    Service,
    ServiceLocation,
    ServiceVersion,
    TaxonomyTerm,
    UseCount,
)
from sendboard.localoffer.parsing import opening_times_format
from sendboard.localoffer.selectors import REVIEW_REMINDER_DAYS, provider_services_for

# How long an approved version stands before the provider must confirm it again.
REVIEW_PERIOD_DAYS = 365


@dataclass
class ServiceContent:
    """Everything a version of a service says."""

    name: str
    description: str
    minimum_age: int
    maximum_age: int
    is_free: bool
    send_support: str
    how_to_access: str
    service_status: str = ServiceVersion.ServiceStatus.ACTIVE
    url: str = ""
    email: str = ""
    phone: str = ""
    contact_name: str = ""
    cost_description: str = ""
    cost_amount: Decimal | None = None
    accessibility: list[str] = field(default_factory=list)
    needs: list[TaxonomyTerm] = field(default_factory=list)
    categories: list[TaxonomyTerm] = field(default_factory=list)
    opening_times: list[tuple[str, time, time]] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)


def search_document_build(content: ServiceContent) -> str:
    parts = [
        content.name,
        content.description,
        content.send_support,
        content.how_to_access,
        " ".join(t.name for t in content.needs),
        " ".join(t.name for t in content.categories),
    ]
    return " ".join(p for p in parts if p).lower()


def _version_create(*, service: Service, content: ServiceContent, user, status: str) -> ServiceVersion:
    number = (service.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    fields = {k: v for k, v in vars(content).items() if k not in {"needs", "categories", "opening_times", "locations"}}
    version = ServiceVersion.objects.create(
        service=service,
        number=number,
        status=status,
        submitted_by=user,
        submitted_at=timezone.now(),
        search_document=search_document_build(content),
        **fields,
    )
    version.needs.set(content.needs)
    version.categories.set(content.categories)
    Schedule.objects.bulk_create(
        [
            Schedule(version=version, byday=day, opens_at=opens, closes_at=closes, position=position)
            for position, (day, opens, closes) in enumerate(content.opening_times)
        ]
    )
    ServiceLocation.objects.bulk_create(
        [
            ServiceLocation(version=version, location=loc, oruk_id=uuid.uuid5(service.id, str(loc.id)))
            for loc in content.locations
        ]
    )
    return version


def version_content(version: ServiceVersion) -> ServiceContent:
    """The content of an existing version, to start an edit from."""
    names = {f.name for f in ServiceContent.__dataclass_fields__.values()} - {
        "needs",
        "categories",
        "opening_times",
        "locations",
    }
    return ServiceContent(
        **{name: getattr(version, name) for name in names},
        needs=list(version.needs.all()),
        categories=list(version.categories.all()),
        opening_times=[(s.byday, s.opens_at, s.closes_at) for s in version.schedules.all()],
        locations=[sl.location for sl in version.service_locations.select_related("location")],
    )


SERVICE_TEXT_FIELDS = (
    "name",
    "description",
    "send_support",
    "how_to_access",
    "service_status",
    "minimum_age",
    "maximum_age",
    "cost_description",
    "contact_name",
    "phone",
    "email",
    "url",
)


def service_change_values(version: ServiceVersion) -> dict:
    """What a provider's change form shows of a version, by the form's field names."""
    return {
        **{name: getattr(version, name) for name in SERVICE_TEXT_FIELDS},
        "accessibility": list(version.accessibility),
        "needs": sorted(t.code for t in version.needs.all()),
        "categories": sorted(t.code for t in version.categories.all()),
        "is_free": "yes" if version.is_free else "no",
        "opening_times": opening_times_format(version.schedules.all()),
    }


def _latest_version(service: Service) -> ServiceVersion | None:
    return service.versions.order_by("-number").first()


def service_change_version(version: ServiceVersion) -> str:
    """The version a provider's change form opens with: the content of the latest version it starts from."""
    return version_token(service_change_values(version))


@transaction.atomic
def service_change_submit(
    *, user: User, service: Service, content: ServiceContent, version: str | None = None
) -> ServiceVersion:
    """A provider's proposed change: a new pending version. An earlier pending change is withdrawn (kept).
    With ``version``, the change is refused if another change was proposed or published since the form opened,
    so that it never silently replaces a colleague's (ADR 0070)."""
    if not provider_services_for(user).filter(pk=service.pk).exists():
        raise PermissionDenied("You can change only your own organisation's services")
    service = Service.objects.select_for_update().get(pk=service.pk)
    latest = _latest_version(service)
    if version is not None and latest is not None:
        version_check(version=version, values=service_change_values(latest))
    service.versions.filter(status=ServiceVersion.Status.PENDING).update(status=ServiceVersion.Status.WITHDRAWN)
    version = _version_create(service=service, content=content, user=user, status=ServiceVersion.Status.PENDING)
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Local Offer change submitted for service {service.id}"
    )
    return version


def _publish(*, version: ServiceVersion, approver: User, today: date) -> None:
    ServiceVersion.objects.filter(service_id=version.service_id, is_published=True).update(is_published=False)
    version.status = ServiceVersion.Status.APPROVED
    version.is_published = True
    version.decided_by = approver
    version.decided_at = timezone.now()
    version.save(update_fields=["status", "is_published", "decided_by", "decided_at", "decision_note"])
    Service.objects.filter(pk=version.service_id).update(review_by=today + timedelta(days=REVIEW_PERIOD_DAYS))


def _require_pending(version: ServiceVersion) -> None:
    """Two of the team deciding one change, or a provider replacing it meanwhile: the second decision is refused."""
    if version.status != ServiceVersion.Status.PENDING:
        raise ValidationError(
            f"This change has already been dealt with: it is now {version.get_status_display().lower()}. "
            "Nothing has been published or refused by you"
        )


def _require_team(user: User) -> None:
    permissions.require_team(user)


@transaction.atomic
def version_approve(*, user: User, version: ServiceVersion, note: str = "") -> ServiceVersion:
    """Publish a pending version. Approval is the team's confirmation that it is current, so the review-by
    date moves a year on."""
    _require_team(user)
    version = ServiceVersion.objects.select_for_update().get(pk=version.pk)
    _require_pending(version)
    version.decision_note = note
    _publish(version=version, approver=user, today=timezone.localdate())
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Local Offer version {version.number} of service {version.service_id} approved and published",
    )
    return version


@transaction.atomic
def version_reject(*, user: User, version: ServiceVersion, note: str) -> ServiceVersion:
    _require_team(user)
    version = ServiceVersion.objects.select_for_update().get(pk=version.pk)
    _require_pending(version)
    version.status = ServiceVersion.Status.REJECTED
    version.decided_by, version.decided_at, version.decision_note = user, timezone.now(), note
    version.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Local Offer version {version.number} of service {version.service_id} not approved",
    )
    return version


def service_create_published(
    *,
    user: User,
    organisation: DirectoryOrganisation,
    content: ServiceContent,
    review_by: date,
    service_id: uuid.UUID | None = None,
) -> Service:
    """A new service published at once: only the Local Offer team (an import, the demo directory)."""
    _require_team(user)
    service = Service.objects.create(id=service_id or uuid.uuid4(), organisation=organisation, review_by=review_by)
    version = _version_create(service=service, content=content, user=user, status=ServiceVersion.Status.PENDING)
    _publish(version=version, approver=user, today=timezone.localdate())
    Service.objects.filter(pk=service.pk).update(review_by=review_by)
    service.refresh_from_db()
    return service


INFORMATION_FIELDS = ("title", "summary", "body", "review_by")
PAGE_SAVED = "Information page saved"


def information_page_values(page: InformationPage | None) -> dict:
    """What the edit form shows of a page (nothing yet for a topic without one), by the form's field names."""
    return {name: (getattr(page, name) if page else None) for name in INFORMATION_FIELDS}


def information_page_version(page: InformationPage | None) -> str:
    return version_token(information_page_values(page))


@transaction.atomic
def information_page_save(
    *, user: User, topic: str, title: str, summary: str, body: str, review_by: date, version: str | None = None
) -> InformationPage:
    """Publish an information page. With ``version``, a save is refused if someone saved the page after this
    editor opened it (ADR 0070). Every save keeps what the page said before and after, and is audited."""
    _require_team(user)
    page = InformationPage.objects.filter(topic=topic).first()
    if page is not None:
        row_lock_refresh(page)
    if version is not None:
        version_check(version=version, values=information_page_values(page))
    after = {"title": title, "summary": summary, "body": body, "review_by": review_by}
    before = information_page_values(page) if page else {}
    changed = [name for name in INFORMATION_FIELDS if not page or before[name] != after[name]]
    if page is not None and not changed:
        return page
    # The one history (audit.history, ADR 0115) keeps what the page said before and after.
    now = timezone.now()
    if page is None:
        page = InformationPage.objects.create(topic=topic, updated_at=now, updated_by=user, **after)
        change_created(user=user, subject=page, what=PAGE_SAVED, added=page, fields=INFORMATION_FIELDS)
    else:
        with change_tracked(
            user=user, subject=page, what=PAGE_SAVED, values=lambda: values_of(page, INFORMATION_FIELDS)
        ):
            for name in changed:
                setattr(page, name, after[name])
            page.updated_at, page.updated_by = now, user
            page.save(update_fields=[*changed, "updated_at", "updated_by"])
    audit_record(
        kind=AuditEvent.Kind.RECORD_CHANGED,
        user=user,
        detail=f"Local Offer information page '{topic}' saved: {', '.join(changed)} changed",
    )
    return page


def feedback_create(*, comment: str, service: Service | None = None) -> Feedback:
    return Feedback.objects.create(received_at=timezone.now(), comment=comment.strip(), service=service)


def feedback_response_version(feedback: Feedback) -> str:
    """The version the response form opens with: a second response to the same feedback is refused (ADR 0070)."""
    return version_token({"outcome": feedback.status, "you_said": feedback.you_said, "we_did": feedback.we_did})


@transaction.atomic
def feedback_respond(
    *, user: User, feedback: Feedback, publish: bool, you_said: str, we_did: str, version: str | None = None
) -> Feedback:
    """The team's response. Published feedback shows only the team's summary, never the comment itself."""
    _require_team(user)
    if version is not None:
        row_lock_refresh(feedback)
        version_check(
            version=version,
            values={"outcome": feedback.status, "you_said": feedback.you_said, "we_did": feedback.we_did},
        )
    feedback.status = Feedback.Status.PUBLISHED if publish else Feedback.Status.CLOSED
    feedback.you_said, feedback.we_did, feedback.responded_at = you_said.strip(), we_did.strip(), timezone.now()
    feedback.save(update_fields=["status", "you_said", "we_did", "responded_at"])
    return feedback


def use_count_record(*, kind: str = "", kinds: tuple[str, ...] = (), day: date | None = None) -> None:
    """Add one to today's count of each kind: no user, address or search term is stored. One UPDATE; on
    PostgreSQL one statement that also tells its own transaction (in a one-row FROM) not to wait for its commit
    to reach the disk (a counter may lose the last moments of counts in a crash, a fair price for not slowing
    every search), where a BEGIN, a SET LOCAL and a COMMIT were three more round trips on every public page."""
    day = day or timezone.localdate()
    kinds = kinds or (kind,)
    if connection.vendor != "postgresql":
        _use_counts_add(day=day, kinds=kinds)
        return
    table = UseCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET "count" = "{table}"."count" + 1 '
            "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unhurried "
            f'WHERE "day" = %s AND "kind" IN ({", ".join(["%s"] * len(kinds))})',
            [day, *kinds],
        )
        counted = cursor.rowcount
    if counted != len(kinds):
        _use_counts_add(day=day, kinds=kinds, counted=False)


def _use_counts_add(*, day: date, kinds: tuple[str, ...], counted: bool = True) -> None:
    """Add one to each kind's row of the day, creating the rows that are missing (``counted=False``: the rows
    that exist have had their one added already)."""
    if counted and UseCount.objects.filter(day=day, kind__in=kinds).update(count=F("count") + 1) == len(kinds):
        return
    existing = (
        set(UseCount.objects.filter(day=day, kind__in=kinds).values_list("kind", flat=True))
        if len(kinds) > 1
        else set()
    )
    for missing in sorted(set(kinds) - existing):
        try:
            with transaction.atomic():
                UseCount.objects.create(day=day, kind=missing, count=1)
        except IntegrityError:  # another request created today's row first
            UseCount.objects.filter(day=day, kind=missing).update(count=F("count") + 1)


@dataclass(frozen=True)
class ReminderResult:
    reminded: int
    overdue: int


def review_reminders_send(*, today: date | None = None) -> ReminderResult:
    """E-mail each provider whose services' review-by dates fall within the reminder period (once per
    review-by date), and tell the Local Offer team which services are overdue."""
    today = today or timezone.localdate()
    due = list(
        Service.objects.filter(review_by__gte=today, review_by__lte=today + timedelta(days=REVIEW_REMINDER_DAYS))
        .exclude(review_reminder_sent_for=F("review_by"))
        .filter(versions__is_published=True, organisation__owner__isnull=False)
        .select_related("organisation")
    )
    reminded = 0
    for service in due:
        recipients = list(
            User.objects.filter(
                role_holders(*permissions.PROVIDER_EDITOR_ROLES),
                organisation_id=service.organisation.owner_id,
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if recipients:
            send_mail(
                "Local Offer: please check your service's information",
                f"The information about one of {service.organisation.name}'s services in the Local Offer is due for "
                f"review by {service.review_by:%d %B %Y}. Sign in to sendboard, check it and submit any changes.",
                None,
                recipients,
            )
            reminded += 1
        Service.objects.filter(pk=service.pk).update(review_reminder_sent_for=service.review_by)
    overdue = Service.objects.filter(review_by__lt=today, versions__is_published=True).count()
    team = list(
        User.objects.filter(role_holders(*permissions.LOCAL_OFFER_TEAM_ROLES), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if overdue and team:
        send_mail(
            "Local Offer: services overdue for review",
            f"{overdue} services in the Local Offer are past their review-by date. They are listed on the "
            "Local Offer team's page in sendboard.",
            None,
            team,
        )
    return ReminderResult(reminded=reminded, overdue=overdue)


def feedback_past_retention_clear(*, received_before) -> int:
    """Clear the comments received before ``received_before`` that have been answered or closed (the published
    "you said, we did" summary stays): the retention schedule's rule for feedback (ADR 0143)."""
    from sendboard.localoffer.models import Feedback

    return (
        Feedback.objects.filter(received_at__lt=received_before)
        .exclude(status=Feedback.Status.NEW)
        .exclude(comment="")
        .update(comment="")
    )
