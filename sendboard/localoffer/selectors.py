"""Reads of the Local Offer. The public and the API see only published versions; a provider reaches only its
own organisation's services, through ``provider_services_for``."""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import reduce
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Avg, BooleanField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.audit.models import Change
from sendboard.audit.selectors import changes_of
from sendboard.core.work import WorkCount
from sendboard.localoffer import permissions
from sendboard.localoffer.models import (
    Feedback,
    InformationPage,
    InformationTopic,
    Location,
    Schedule,
    Service,
    ServiceLocation,
    ServiceVersion,
    Taxonomy,
    TaxonomyTerm,
    UseCount,
)
from sendboard.localoffer.reference import term_id
from sendboard.localoffer.vocabulary import keyword_read, need_words

# Days after the review-by date before the public page says the information may be out of date.
REVIEW_GRACE_DAYS = 28
# Days before the review-by date that the provider is reminded.
REVIEW_REMINDER_DAYS = 28
NEEDS_TAXONOMY = "sen2-primary-need"
CATEGORIES_TAXONOMY = "local-offer-category"

_METRES_PER_DEGREE_LATITUDE = 111_320.0
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    metres: float


@dataclass(frozen=True)
class ServiceCriteria:
    """What a search asks for. Every field is optional; an empty criteria finds every published service."""

    keyword: str = ""
    need_code: str = ""
    category_code: str = ""
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    age_from: int | None = None
    age_to: int | None = None
    free_only: bool = False
    day: str = ""
    time_from: time | None = None
    time_to: time | None = None
    district: str = ""
    near: Near | None = None
    accessibility: tuple[str, ...] = ()
    origin: tuple[float, float] | None = None  # (latitude, longitude): results nearest first, with distances


def published_versions() -> QuerySet[ServiceVersion]:
    return ServiceVersion.objects.filter(is_published=True)


def _keyword_filter(queryset: QuerySet[ServiceVersion], keyword: str) -> QuerySet[ServiceVersion]:
    """PostgreSQL full-text search (English stemming, a GIN index) in production; on SQLite every word must
    appear in the text."""
    keyword = keyword.strip()
    if not keyword:
        return queryset
    if connection.vendor == "postgresql":
        # search_vector is the stored, indexed tsvector of search_document (migration 0002).
        match = '"localoffer_serviceversion"."search_vector" @@ websearch_to_tsquery(\'english\'::regconfig, %s)'
        # Results stay in name order, not ts_rank order, so that a page of results is read from the name
        # index and a broad word does not rank thousands of rows (ADR 0031).
        return queryset.filter(RawSQL(match, [keyword], output_field=BooleanField()))
    for word in re.findall(r"\w+", keyword.lower()):
        queryset = queryset.filter(search_document__contains=word)
    return queryset


def _text_mentions(phrase: str) -> Q:
    """The version's text contains the word or phrase (with English stemming on PostgreSQL)."""
    if connection.vendor == "postgresql":
        match = '"localoffer_serviceversion"."search_vector" @@ plainto_tsquery(\'english\'::regconfig, %s)'
        return Q(RawSQL(match, [phrase], output_field=BooleanField()))
    return Q(search_document__contains=phrase)


def _any_of(phrases) -> Q:
    """The text mentions at least one of the phrases (none given: nothing matches). On PostgreSQL one match of
    the tsqueries joined by OR (``||``), which is true exactly when one of them matches: each row's text is
    read once, not once a phrase (a need has up to ten phrases)."""
    phrases = list(phrases)
    if not phrases:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        either = " || ".join(["plainto_tsquery('english'::regconfig, %s)"] * len(phrases))
        match = f'"localoffer_serviceversion"."search_vector" @@ ({either})'
        return Q(RawSQL(match, phrases, output_field=BooleanField()))
    return reduce(operator.or_, [_text_mentions(phrase) for phrase in phrases])


def need_condition(code: str) -> Q:
    """A service is for a need when it is tagged with it or its text uses one of the need's words (autism,
    autistic, ASD ...): the need filter and a keyword naming the need both use this, so they agree (ADR 0082)."""
    tagged = Exists(
        ServiceVersion.needs.through.objects.filter(
            serviceversion=OuterRef("pk"), taxonomyterm_id=term_id(NEEDS_TAXONOMY, code)
        )
    )
    return Q(tagged) | _any_of(need_words(code))


def _keyword_with_vocabulary(queryset: QuerySet[ServiceVersion], keyword: str) -> QuerySet[ServiceVersion]:
    """A keyword's need words read as those needs, alike words as any of them, the rest as text."""
    reading = keyword_read(keyword)
    for code in reading.needs:
        queryset = queryset.filter(need_condition(code))
    for group in reading.alike_groups:
        queryset = queryset.filter(_any_of(group))
    return _keyword_filter(queryset, reading.rest)


def locations_near(near: Near) -> QuerySet[Location]:
    """Locations within ``near.metres`` of a point, by the equirectangular approximation (good to well under
    1% at the distances a family travels), in plain arithmetic both databases run."""
    lat_span = near.metres / _METRES_PER_DEGREE_LATITUDE
    lon_span = lat_span / max(math.cos(math.radians(near.latitude)), 0.01)
    return (
        Location.objects.filter(
            latitude__range=(near.latitude - lat_span, near.latitude + lat_span),
            longitude__range=(near.longitude - lon_span, near.longitude + lon_span),
        )
        .annotate(distance_squared=_distance_squared((near.latitude, near.longitude)))
        .filter(distance_squared__lte=near.metres * near.metres)
    )


def _distance_squared(origin: tuple[float, float], *, prefix: str = ""):
    """The square of the distance in metres from ``origin`` to a location (equirectangular approximation)."""
    latitude, longitude = origin
    dy = (F(f"{prefix}latitude") - latitude) * _METRES_PER_DEGREE_LATITUDE
    dx = (F(f"{prefix}longitude") - longitude) * _METRES_PER_DEGREE_LATITUDE * math.cos(math.radians(latitude))
    return dx * dx + dy * dy


def metres_from_squared(metres_squared: float | None) -> float | None:
    return None if metres_squared is None else math.sqrt(max(metres_squared, 0.0))


def service_search(*, criteria: ServiceCriteria) -> QuerySet[ServiceVersion]:
    """Published versions matching every given criterion, in name order."""
    queryset = _keyword_with_vocabulary(published_versions(), criteria.keyword)
    # Reference terms have fixed ids (reference.py), so a code is matched without joining the terms table.
    if criteria.need_code:
        queryset = queryset.filter(need_condition(criteria.need_code))
    if criteria.category_code:
        queryset = queryset.filter(
            Exists(
                ServiceVersion.categories.through.objects.filter(
                    serviceversion=OuterRef("pk"), taxonomyterm_id=term_id(CATEGORIES_TAXONOMY, criteria.category_code)
                )
            )
        )
    if criteria.taxonomy_term_id or criteria.taxonomy_id:
        term_filter = (
            {"taxonomyterm_id": criteria.taxonomy_term_id}
            if criteria.taxonomy_term_id
            else {"taxonomyterm__taxonomy_id": criteria.taxonomy_id}
        )
        queryset = queryset.filter(
            Exists(ServiceVersion.needs.through.objects.filter(serviceversion=OuterRef("pk"), **term_filter))
            | Exists(ServiceVersion.categories.through.objects.filter(serviceversion=OuterRef("pk"), **term_filter))
        )
    # Ranges overlap: the service takes someone of some age between age_from and age_to.
    if criteria.age_from is not None:
        queryset = queryset.filter(maximum_age__gte=criteria.age_from)
    if criteria.age_to is not None:
        queryset = queryset.filter(minimum_age__lte=criteria.age_to)
    if criteria.free_only:
        queryset = queryset.filter(is_free=True)
    if criteria.day or criteria.time_from or criteria.time_to:
        slots = Schedule.objects.filter(version=OuterRef("pk"))
        if criteria.day:
            slots = slots.filter(byday=criteria.day)
        if criteria.time_from:
            slots = slots.filter(opens_at__lte=criteria.time_from, closes_at__gt=criteria.time_from)
        if criteria.time_to:
            slots = slots.filter(closes_at__gte=criteria.time_to, opens_at__lt=criteria.time_to)
        queryset = queryset.filter(Exists(slots))
    if criteria.near is not None:
        queryset = queryset.filter(
            Exists(
                ServiceLocation.objects.filter(
                    version=OuterRef("pk"), location__in=locations_near(criteria.near).values("pk")
                )
            )
        )
    elif criteria.district:
        queryset = queryset.filter(
            Exists(
                ServiceLocation.objects.filter(version=OuterRef("pk"), location__postcode_district=criteria.district)
            )
        )
    for feature in criteria.accessibility:
        queryset = queryset.filter(accessibility__icontains=f'"{feature}"')
    if criteria.origin is not None:
        # Nearest first, from the service's nearest location; services with no mapped location come last.
        nearest = (
            ServiceLocation.objects.filter(
                version=OuterRef("pk"), location__latitude__isnull=False, location__longitude__isnull=False
            )
            .annotate(metres_squared=_distance_squared(criteria.origin, prefix="location__"))
            .order_by("metres_squared")
            .values("metres_squared")[:1]
        )
        return queryset.annotate(metres_squared=Subquery(nearest)).order_by(
            F("metres_squared").asc(nulls_last=True), "name", "pk"
        )
    return queryset.order_by("name", "pk")


@dataclass(frozen=True)
class ResultRow:
    """What the list of search results shows of one published version."""

    service_id: UUID
    name: str
    description: str
    minimum_age: int
    maximum_age: int
    is_free: bool
    organisation: str
    postcodes: tuple[str, ...]  # of its locations
    metres_squared: float | None  # to the place searched from (None: no place, or no mapped location)


class ResultsPaginator(Paginator):
    """Pages of search results that count at most ``RESULTS_CAP`` matches: a family does not page through
    more, and counting every match of a broad word is most of the cost of a search (bench/).

    ``object_list`` is the ordered queryset of ``service_search``. A page is read in one query that numbers the
    first ``RESULTS_CAP + 1`` matches in order, counts them and keeps the page's (ADR 0171): the count needs no
    second search of the directory. Only a page past the end (or not a page at all) counts on its own, to show
    the last page as Django's paginator does."""

    RESULTS_CAP = 1000

    @cached_property
    def count(self) -> int:
        # Ordering does not change a count: clearing it spares the database a sort, and counting primary keys
        # spares it each result's distance (an annotation nothing filters on).
        return self.object_list.order_by().values("pk")[: self.RESULTS_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.RESULTS_CAP

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.count, self.RESULTS_CAP) / self.per_page))

    def get_page(self, number) -> Page:
        try:
            wanted = int(number) if number is not None else 1
        except (TypeError, ValueError):
            wanted = 1
        if wanted >= 1:
            rows, matches = self._rows(wanted)
            if rows or wanted == 1:
                self.__dict__["count"] = matches
                if wanted <= self.num_pages:
                    return self._get_page(rows, wanted, self)
        last = self.num_pages  # past the end, or below the first page: the last page
        return self._get_page(self._rows(last)[0], last, self)

    def _rows(self, number: int) -> tuple[list[ResultRow], int]:
        """The rows of page ``number`` and the number of matches (at most ``RESULTS_CAP + 1``; 0 when the page
        is empty, which only says the matches end before it)."""
        queryset = self.object_list
        distance = "metres_squared" in queryset.query.annotations
        ranked = queryset.annotate(
            found_id=F("pk"), position=Window(RowNumber(), order_by=_order_expressions(queryset))
        ).values_list("found_id", "position", *(["metres_squared"] if distance else []))[: self.RESULTS_CAP + 1]
        ranked_sql, params = ranked.query.sql_with_params()
        first = (number - 1) * self.per_page
        metres = "p.metres_squared" if distance else "NULL"
        sql = (
            f"SELECT v.id, v.service_id, v.name, v.description, v.minimum_age, v.maximum_age, v.is_free, o.name, "
            f"{metres}, p.matches FROM (SELECT r.*, COUNT(*) OVER () AS matches FROM ({ranked_sql}) r) p "
            'JOIN "localoffer_serviceversion" v ON v.id = p.found_id '
            'JOIN "localoffer_service" s ON s.id = v.service_id '
            'JOIN "localoffer_directoryorganisation" o ON o.id = s.organisation_id '
            "WHERE p.position > %s AND p.position <= %s ORDER BY p.position"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, first, first + self.per_page])
            found = cursor.fetchall()
        if not found:
            return [], 0
        postcodes: dict[int, list[str]] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                'SELECT sl.version_id, l.postcode FROM "localoffer_servicelocation" sl '
                'JOIN "localoffer_location" l ON l.id = sl.location_id '
                f"WHERE sl.version_id IN ({', '.join(['%s'] * len(found))}) ORDER BY sl.version_id, sl.id",
                [row[0] for row in found],
            )
            for version_id, postcode in cursor.fetchall():
                postcodes.setdefault(version_id, []).append(postcode)
        service_id = Service._meta.pk.to_python  # SQLite gives a uuid as text
        rows = [
            ResultRow(
                service_id(row[1]),
                *row[2:6],
                is_free=bool(row[6]),
                organisation=row[7],
                postcodes=tuple(postcodes.get(row[0], ())),
                metres_squared=row[8],
            )
            for row in found
        ]
        return rows, found[0][9]


def _order_expressions(queryset: QuerySet) -> list:
    """The queryset's order_by as expressions, for a window that numbers rows in the same order."""
    return [
        item if hasattr(item, "resolve_expression") else (F(item[1:]).desc() if item.startswith("-") else F(item).asc())
        for item in queryset.query.order_by
    ]


def postcode_centre(*, district: str, postcode: str = "") -> tuple[float, float] | None:
    """Where a postcode is, for distance searches: a directory location's own coordinates when one has that
    full postcode, else the mean of the coordinates of the directory's locations in its district (sendboard
    holds no postcode database and calls no outside service). One query."""
    centre = Location.objects.filter(
        postcode_district=district, latitude__isnull=False, longitude__isnull=False
    ).aggregate(
        mean_latitude=Avg("latitude"),
        mean_longitude=Avg("longitude"),
        exact_latitude=Avg("latitude", filter=Q(postcode=postcode)),
        exact_longitude=Avg("longitude", filter=Q(postcode=postcode)),
    )
    if postcode and centre["exact_latitude"] is not None:
        return centre["exact_latitude"], centre["exact_longitude"]
    if centre["mean_latitude"] is None:
        return None
    return centre["mean_latitude"], centre["mean_longitude"]


def service_published_get(*, service_id: UUID) -> ServiceVersion | None:
    """A service's published version with everything its page and its Open Referral record show."""
    return (
        published_versions()
        .filter(service_id=service_id)
        .select_related("service__organisation")
        .prefetch_related(
            "schedules",
            Prefetch("service_locations", queryset=ServiceLocation.objects.select_related("location")),
            Prefetch("needs", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
            Prefetch("categories", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        )
        .first()
    )


def review_state(*, review_by: date, today: date | None = None) -> str:
    """ "current", "due" (reminder period), "overdue" (the team is told) or "out_of_date" (after the grace
    period: the public page says so)."""
    today = today or timezone.localdate()
    if today > review_by + timedelta(days=REVIEW_GRACE_DAYS):
        return "out_of_date"
    if today > review_by:
        return "overdue"
    if today >= review_by - timedelta(days=REVIEW_REMINDER_DAYS):
        return "due"
    return "current"


def terms_of(taxonomy_code: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code).order_by("name")


def information_page_get(*, topic: str) -> InformationPage | None:
    return InformationPage.objects.filter(topic=topic).first()


def information_page_revisions(*, page: InformationPage) -> list[Change]:
    """Every save of the page, newest first (the one history, ADR 0115)."""
    return changes_of(page)


def information_pages() -> list[InformationPage]:
    return list(InformationPage.objects.all())


@dataclass(frozen=True)
class ChecklistItem:
    topic: str
    label: str
    state: str  # present, missing, out_of_date
    page: InformationPage | None


def schedule_2_checklist(*, today: date | None = None) -> list[ChecklistItem]:
    """For each topic Schedule 2 requires, whether the Local Offer has a page on it and whether it is current."""
    today = today or timezone.localdate()
    pages = {page.topic: page for page in InformationPage.objects.all()}
    items = []
    for topic, label in InformationTopic.choices:
        page = pages.get(topic)
        state = "missing" if page is None else ("out_of_date" if page.review_by < today else "present")
        items.append(ChecklistItem(topic=topic, label=label, state=state, page=page))
    return items


@dataclass(frozen=True)
class CategoryCoverage:
    code: str
    name: str
    published: int
    overdue: int

    @property
    def state(self) -> str:
        if not self.published:
            return "missing"
        return "out_of_date" if self.overdue == self.published else "present"


def category_coverage(*, today: date | None = None) -> list[CategoryCoverage]:
    """For each kind of provision, how many services are published and how many are past review: a kind
    with none is missing from the Local Offer. One query."""
    today = today or timezone.localdate()
    rows = (
        TaxonomyTerm.objects.filter(taxonomy__code=CATEGORIES_TAXONOMY)
        .annotate(
            published=Count("services_in_category", filter=Q(services_in_category__is_published=True)),
            overdue=Count(
                "services_in_category",
                filter=Q(services_in_category__is_published=True, services_in_category__service__review_by__lt=today),
            ),
        )
        .order_by("name")
    )
    return [CategoryCoverage(code=t.code, name=t.name, published=t.published, overdue=t.overdue) for t in rows]


def provider_services_for(user) -> QuerySet[Service]:
    """The services a user may propose changes to: a provider editor's own organisation's; every service
    for the Local Offer team."""
    return permissions.services_editable_by(user, Service.objects.select_related("organisation"))


def provider_service_rows(user) -> list[dict]:
    """Each of the user's services with its published name, its pending change (if any) and review state."""
    services = list(provider_services_for(user).order_by("organisation__name", "created_at"))
    versions = ServiceVersion.objects.filter(
        service__in=services, status__in=[ServiceVersion.Status.PENDING, ServiceVersion.Status.APPROVED]
    ).filter(Q(is_published=True) | Q(status=ServiceVersion.Status.PENDING))
    by_service: dict = {}
    for version in versions.only("id", "service_id", "name", "status", "is_published", "number"):
        entry = by_service.setdefault(version.service_id, {})
        entry["published" if version.is_published else "pending"] = version
    return [
        {
            "service": s,
            "published": by_service.get(s.id, {}).get("published"),
            "pending": by_service.get(s.id, {}).get("pending"),
            "review": review_state(review_by=s.review_by),
        }
        for s in services
    ]


def service_latest_version(*, service: Service) -> ServiceVersion | None:
    """What an editor starts from: the pending change if there is one, else the published version."""
    return (
        service.versions.filter(status__in=[ServiceVersion.Status.PENDING, ServiceVersion.Status.APPROVED])
        .prefetch_related("needs", "categories", "schedules", "service_locations")
        .order_by("-number")
        .first()
    )


def pending_versions() -> QuerySet[ServiceVersion]:
    return (
        ServiceVersion.objects.filter(status=ServiceVersion.Status.PENDING)
        .select_related("service__organisation", "submitted_by")
        .order_by("submitted_at")
    )


def overdue_services(*, today: date | None = None) -> QuerySet[ServiceVersion]:
    today = today or timezone.localdate()
    return (
        published_versions()
        .filter(service__review_by__lt=today)
        .select_related("service__organisation")
        .order_by("service__review_by")
    )


def feedback_to_triage() -> QuerySet[Feedback]:
    return Feedback.objects.filter(status=Feedback.Status.NEW).order_by("received_at")


def you_said_we_did() -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(status=Feedback.Status.PUBLISHED)
        .only("you_said", "we_did", "responded_at")
        .order_by("-responded_at", "-pk")
    )


def use_counts(*, days: int = 28, today: date | None = None) -> dict:
    """Totals and a day-by-day table of use for the last ``days`` days, in two queries."""
    today = today or timezone.localdate()
    since = today - timedelta(days=days - 1)
    rows = UseCount.objects.filter(day__gte=since, day__lte=today)
    by_day: dict[date, dict[str, int]] = {}
    totals = {kind: 0 for kind, _ in UseCount.Kind.choices}
    for row in rows:
        by_day.setdefault(row.day, {kind: 0 for kind, _ in UseCount.Kind.choices})[row.kind] = row.count
        totals[row.kind] += row.count
    return {"since": since, "totals": totals, "days": sorted(by_day.items(), reverse=True)}


def directory_counts() -> dict:
    return published_versions().aggregate(services=Count("pk"))


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "pk")


def home_work_counts(*, user, today: date) -> list[WorkCount]:
    """The home page's counts of Local Offer work: for the team, changes to approve, feedback to answer and
    services overdue for review; for a provider, their own changes waiting and services overdue."""
    if user_has_permission(user, Permission.MANAGE_LOCAL_OFFER):
        href = reverse("localoffer:team")
        return [
            WorkCount("Changes to services awaiting approval", pending_versions().count(), href),
            WorkCount("Feedback to respond to", feedback_to_triage().count(), href),
            WorkCount("Services overdue for review", overdue_services(today=today).count(), href, urgent=True),
        ]
    if user_has_permission(user, Permission.EDIT_OWN_SERVICES):
        own = provider_services_for(user)
        href = reverse("localoffer:provider-services")
        return [
            WorkCount(
                "Your changes awaiting the Local Offer team’s approval",
                ServiceVersion.objects.filter(service__in=own, status=ServiceVersion.Status.PENDING).count(),
                href,
            ),
            WorkCount("Your services overdue for review", own.filter(review_by__lt=today).count(), href, urgent=True),
        ]
    return []
