"""Providers propose changes to their own services only; the Local Offer team approves; only approved
content is public; every version is kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import DirectoryOrganisation, ServiceVersion
from sendboard.localoffer.services import service_change_submit, version_approve, version_content, version_reject
from tests.editing import post_edit
from tests.factories import OrganisationFactory, UserFactory
from tests.localoffer.factories import edit_data

pytestmark = pytest.mark.django_db


def test_a_provider_change_waits_for_approval_and_is_then_published(client, sign_in, directory):
    service = directory.service()
    provider = sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    public_page = reverse("localoffer:service", args=[service.id])

    form = client.get(reverse("localoffer:service-edit", args=[service.id])).content.decode()
    assert "Speech therapy drop-in" in form
    response = post_edit(client, reverse("localoffer:service-edit", args=[service.id]), edit_data())
    assert response.status_code == 302

    pending = service.versions.get(status=ServiceVersion.Status.PENDING)
    assert pending.submitted_by == provider and pending.number == 2
    assert {t.code for t in pending.needs.all()} == {"SLCN", "ASD"} and pending.maximum_age == 11
    assert [(s.byday, f"{s.opens_at:%H:%M}") for s in pending.schedules.all()] == [("TU", "10:00"), ("TH", "13:00")]
    assert list(pending.locations.all()) == list(service.versions.get(number=1).locations.all())
    client.logout()
    assert "new times" not in client.get(public_page).content.decode()

    sign_in(Role.LOCAL_OFFER_OFFICER)
    review = client.get(reverse("localoffer:version-review", args=[pending.pk])).content.decode()
    assert "new times" in review
    client.post(reverse("localoffer:version-review", args=[pending.pk]), {"decision": "approve"})
    client.logout()
    assert "new times" in client.get(public_page).content.decode()
    versions = list(service.versions.order_by("number").values_list("number", "status", "is_published"))
    assert versions == [(1, "approved", False), (2, "approved", True)]
    from sendboard.audit.models import AuditEvent

    assert set(AuditEvent.objects.filter(kind="record_changed").values_list("detail", flat=True)) == {
        f"Local Offer change submitted for service {service.id}",
        f"Local Offer version 2 of service {service.id} approved and published",
    }


def test_a_provider_cannot_change_another_providers_service(client, sign_in, directory):
    other = DirectoryOrganisation.objects.create(name="Another provider", description="x", owner=OrganisationFactory())
    service = directory.service(organisation=other)
    provider = sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    assert client.get(reverse("localoffer:service-edit", args=[service.id])).status_code == 404
    assert client.post(reverse("localoffer:service-edit", args=[service.id]), edit_data()).status_code == 404
    with pytest.raises(PermissionDenied):
        service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    assert service.versions.count() == 1
    assert "Another provider" not in client.get(reverse("localoffer:provider-services")).content.decode()


def test_a_provider_cannot_approve_or_reach_the_teams_pages(client, sign_in, directory):
    service = directory.service()
    provider = sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    pending = service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    for name, args in (("team", []), ("checklist", []), ("import", []), ("version-review", [pending.pk])):
        assert client.get(reverse(f"localoffer:{name}", args=args)).status_code == 403
    assert (
        client.post(reverse("localoffer:version-review", args=[pending.pk]), {"decision": "approve"}).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        version_approve(user=provider, version=pending)
    pending.refresh_from_db()
    assert pending.status == "pending" and not pending.is_published


def test_rejection_needs_a_reason_and_leaves_the_published_version(client, sign_in, directory):
    service = directory.service()
    provider = UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner)
    pending = service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    sign_in(Role.LOCAL_OFFER_OFFICER)
    url = reverse("localoffer:version-review", args=[pending.pk])
    error = client.post(url, {"decision": "reject", "note": ""}).content.decode()
    assert "Say why the change is not approved" in error
    client.post(url, {"decision": "reject", "note": "Opening times contradict the website."})
    pending.refresh_from_db()
    assert pending.status == "rejected" and pending.decision_note.startswith("Opening times")
    assert service.versions.get(is_published=True).number == 1
    with pytest.raises(ValidationError, match="already been dealt with"):
        version_reject(user=UserFactory(role=Role.LOCAL_OFFER_OFFICER), version=pending, note="again")


def test_a_second_change_withdraws_the_first_and_both_are_kept(directory):
    service = directory.service()
    provider = UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner)
    first = service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    second = service_change_submit(user=provider, service=service, content=version_content(first))
    first.refresh_from_db()
    assert (first.status, second.status, second.number) == ("withdrawn", "pending", 3)
    assert service.versions.count() == 3


def test_the_edit_form_keeps_what_was_typed_and_says_what_is_wrong(client, sign_in, directory):
    service = directory.service()
    sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    response = client.post(
        reverse("localoffer:service-edit", args=[service.id]),
        edit_data(minimum_age="12", maximum_age="5", opening_times="Mondays", is_free="no", name="Kept name"),
    )
    body = response.content.decode()
    assert "The youngest age must not be more than the oldest age" in body
    assert "should be a day and times" in body and "Say what the service costs" in body
    assert "Kept name" in body
    assert service.versions.count() == 1


def test_signed_out_people_are_sent_to_sign_in_for_the_provider_pages(client, directory):
    service = directory.service()
    response = client.get(reverse("localoffer:service-edit", args=[service.id]))
    assert response.status_code == 302 and "sign-in" in response["Location"]
