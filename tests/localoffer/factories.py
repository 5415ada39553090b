"""Building a Local Offer directory for tests, through the same service functions the application uses."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import DirectoryOrganisation, Location, Service, TaxonomyTerm
from sendboard.localoffer.parsing import postcode_district
from sendboard.localoffer.reference import term_id
from sendboard.localoffer.selectors import CATEGORIES_TAXONOMY, NEEDS_TAXONOMY
from sendboard.localoffer.services import ServiceContent, service_create_published
from tests.factories import OrganisationFactory, UserFactory


def need(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(pk=term_id(NEEDS_TAXONOMY, code))


def category(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(pk=term_id(CATEGORIES_TAXONOMY, code))


class DirectoryBuilder:
    def __init__(self) -> None:
        self.team_user = UserFactory(role=Role.LOCAL_OFFER_OFFICER)
        self.owner = OrganisationFactory(name="Test provider organisation")
        self.organisation = DirectoryOrganisation.objects.create(
            name="Test provider", description="A provider for tests.", owner=self.owner
        )
        self._locations: dict[str, Location] = {}

    def location(
        self, postcode: str = "WR5 2NP", latitude: float | None = 52.1866, longitude: float | None = -2.1884
    ) -> Location:
        key = f"{postcode}/{latitude}/{longitude}"
        if key not in self._locations:
            self._locations[key] = Location.objects.create(
                name=f"Centre at {postcode}",
                address_1="1 Test Street",
                city="Worcester",
                postcode=postcode,
                postcode_district=postcode_district(postcode),
                latitude=latitude,
                longitude=longitude,
            )
        return self._locations[key]

    def service(
        self,
        name: str = "Speech therapy drop-in",
        *,
        organisation: DirectoryOrganisation | None = None,
        needs=("SLCN",),
        categories=("therapy",),
        ages=(0, 18),
        free=True,
        times=(("MO", time(9), time(17)),),
        postcode="WR5 2NP",
        latitude: float | None = 52.1866,
        longitude: float | None = -2.1884,
        accessibility=("step_free",),
        review_by=None,
        description="Help with talking and understanding.",
    ) -> Service:
        content = ServiceContent(
            name=name,
            description=description,
            minimum_age=ages[0],
            maximum_age=ages[1],
            is_free=free,
            cost_description="" if free else "£5 a session",
            send_support="Therapists adapt every session.",
            how_to_access="Ask your GP to refer you.",
            email="team@example.invalid",
            url="https://example.invalid/service",
            phone="01905 000000",
            contact_name="Duty worker",
            accessibility=list(accessibility),
            needs=[need(c) for c in needs],
            categories=[category(c) for c in categories],
            opening_times=list(times),
            locations=[self.location(postcode, latitude, longitude)] if postcode else [],
        )
        return service_create_published(
            user=self.team_user,
            organisation=organisation or self.organisation,
            content=content,
            review_by=review_by or timezone.localdate() + timedelta(days=200),
        )


def edit_data(**overrides) -> dict:
    """A provider's change to a service, as the edit form posts it."""
    data = {
        "name": "Speech therapy drop-in (new times)",
        "description": "Help with talking.",
        "send_support": "Adapted sessions.",
        "how_to_access": "Just come along.",
        "service_status": "active",
        "minimum_age": "0",
        "maximum_age": "11",
        "needs": ["SLCN", "ASD"],
        "categories": ["therapy"],
        "is_free": "yes",
        "cost_description": "",
        "opening_times": "TU 10:00-12:00\nTH 13:00-15:00",
        "accessibility": ["step_free"],
        "contact_name": "Therapy team",
        "phone": "01905 111111",
        "email": "therapy@example.invalid",
        "url": "https://example.invalid/therapy",
    }
    data.update(overrides)
    return data
