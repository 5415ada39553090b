"""The Local Offer: the directory of services (with every version kept), the information pages SEND
Regulations 2014 Schedule 2 requires, feedback with the council's published response, and use counts.

Identifiers that leave sendboard (the Open Referral UK API, public URLs) are UUIDs; nothing personal is held.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from sendboard.accounts.models import Organisation


class Taxonomy(models.Model):
    """A vocabulary: the area's service categories, or the SEN2 primary needs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=120)
    description = models.TextField()

    class Meta:
        ordering = ["taxonomy__name", "name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="localoffer_term_code_unique")]

    def __str__(self) -> str:
        return self.name


class DirectoryOrganisation(models.Model):
    """A body that provides services in the directory. ``owner`` is the sendboard organisation whose
    provider editors may propose changes to its services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="directory_entries"
    )
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    address_1 = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10, help_text="Upper case with one space, for example WR5 2NP")
    postcode_district = models.CharField(max_length=5, db_index=True, help_text="The outward code, for example WR5")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.postcode}"


class AccessibilityFeature(models.TextChoices):
    STEP_FREE = "step_free", "Step-free access"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"
    CHANGING_PLACES = "changing_places", "Changing Places toilet"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    QUIET_SPACE = "quiet_space", "Quiet space or sensory room"
    BSL = "bsl", "British Sign Language on request"
    EASY_READ = "easy_read", "Easy read information"
    PARKING = "parking", "Accessible parking"


class Weekday(models.TextChoices):
    # iCalendar BYDAY codes, as Open Referral schedules use them.
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


class Service(models.Model):
    """A service's identity. What it says lives in its versions; the public sees only the approved one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(DirectoryOrganisation, on_delete=models.PROTECT, related_name="services")
    review_by = models.DateField(help_text="The date by which the provider must confirm the information is current")
    review_reminder_sent_for = models.DateField(
        null=True, blank=True, help_text="The review-by date last reminded about"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class ServiceVersion(models.Model):
    """One version of what a service says. Versions are never changed once approved or rejected."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        WITHDRAWN = "withdrawn", "Replaced by a later change before approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"

    class ServiceStatus(models.TextChoices):
        ACTIVE = "active", "Open"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
        INACTIVE = "inactive", "Closed"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Exactly one approved version of a service is published: the one the public and the API see.
    is_published = models.BooleanField(default=False, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    # What the service says
    name = models.CharField(max_length=200)
    description = models.TextField()
    service_status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="A role, not a person: for example Duty worker"
    )
    minimum_age = models.PositiveSmallIntegerField()
    maximum_age = models.PositiveSmallIntegerField()
    needs = models.ManyToManyField(TaxonomyTerm, related_name="services_for_need", blank=True)
    categories = models.ManyToManyField(TaxonomyTerm, related_name="services_in_category", blank=True)
    is_free = models.BooleanField()
    cost_description = models.CharField(max_length=300, blank=True)
    cost_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    locations = models.ManyToManyField(Location, through="ServiceLocation", related_name="service_versions", blank=True)
    accessibility = models.JSONField(default=list, blank=True, help_text="AccessibilityFeature values")
    # The questions a family asks (Schedule 2 and the Code of Practice, chapter 4)
    send_support = models.TextField(help_text="How the service supports children and young people with SEND")
    how_to_access = models.TextField(help_text="How to use the service: referral, self-referral, eligibility")
    # Lower-cased text the keyword search reads (and, on PostgreSQL, a full-text index covers).
    search_document = models.TextField(blank=True)

    class Meta:
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="localoffer_version_number_unique"),
            models.UniqueConstraint(
                fields=["service"], condition=models.Q(is_published=True), name="localoffer_one_published_version"
            ),
        ]
        indexes = [
            models.Index(fields=["minimum_age", "maximum_age"], name="localoffer_version_ages"),
            # Results pages read published versions in name order.
            models.Index(
                fields=["name", "id"], condition=models.Q(is_published=True), name="localoffer_published_by_name"
            ),
        ]


class ServiceLocation(models.Model):
    """Where a version of a service is delivered. ``oruk_id`` is the Open Referral service_at_location id:
    derived from the service and the location, so it stays the same from one version to the next."""

    version = models.ForeignKey(ServiceVersion, on_delete=models.CASCADE, related_name="service_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_locations")
    oruk_id = models.UUIDField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "location"], name="localoffer_version_location_unique")
        ]


class Schedule(models.Model):
    """A weekly opening time of one version (Open Referral: freq WEEKLY, byday, opens_at, closes_at)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(ServiceVersion, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in which the provider gave the times")

    class Meta:
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["byday", "opens_at", "closes_at"], name="localoffer_schedule_times")]


class InformationTopic(models.TextChoices):
    """The information SEND Regulations 2014 Schedule 2 requires a local offer to contain, by topic."""

    EDUCATION = "education", "Special educational provision and training provision, in and outside the area"
    HEALTH = "health", "Health provision"
    SOCIAL_CARE = "social-care", "Social care provision, including short breaks"
    OTHER_EDUCATION = "other-education", "Other educational provision"
    TRAVEL = "travel", "Travel to schools, colleges and early years settings"
    ADULTHOOD = "preparing-for-adulthood", "Preparing for adulthood and independent living"
    ASSESSMENT = "requesting-an-assessment", "How to request an EHC needs assessment"
    COMPLAINTS = "complaints", "Complaints, mediation, disagreement resolution and the tribunal"
    ADVICE = "information-advice-support", "Information, advice and support"


class InformationPage(models.Model):
    topic = models.CharField(max_length=40, choices=InformationTopic.choices, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    body = models.TextField(help_text="Paragraphs separated by a blank line")
    review_by = models.DateField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["topic"]


class Feedback(models.Model):
    """What someone told the Local Offer team. The comment itself is never published: the team writes a
    summary free of personal details for "you said, we did"."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        PUBLISHED = "published", "Published with our response"
        CLOSED = "closed", "Closed without publishing"

    received_at = models.DateTimeField()
    service = models.ForeignKey(Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback")
    comment = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    you_said = models.TextField(blank=True)
    we_did = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]


class UseCount(models.Model):
    """How often the Local Offer is used, by day: counts only, nothing about who."""

    class Kind(models.TextChoices):
        SEARCH = "search", "Searches"
        ZERO_RESULT_SEARCH = "zero_result_search", "Searches with no results"
        PAGE_VIEW = "page_view", "Page views"

    day = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "kind"]
        constraints = [models.UniqueConstraint(fields=["day", "kind"], name="localoffer_usecount_unique")]
