"""Journeys through the Local Offer's editorial work, each from the start page by clicking: a provider proposes a
change to their service; the Local Offer team approves a provider's change, which families then see, and loads
services from a CSV file."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from sendboard.accounts.roles import Role
from sendboard.localoffer.imports import COLUMNS
from sendboard.localoffer.models import Service, ServiceVersion
from sendboard.localoffer.services import service_change_submit, version_content
from tests.browser.conftest import field, follow, go_to_section, heading, press, start, wait_for_job
from tests.factories import UserFactory
from tests.localoffer.factories import DirectoryBuilder

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_provider_proposes_a_change_to_their_service(page, browser_sign_in):
    # Given a provider whose organisation runs a service in the Local Offer, signed in
    directory = DirectoryBuilder()
    service = directory.service("Saturday sensory club", needs=("ASD",))
    browser_sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)

    # When they go from the start page to their services and change that one
    start(page)
    press(page, "Go to your work")
    go_to_section(page, "Your services")
    assert heading(page) == "Your services in the Local Offer"
    follow(page, "Change Saturday sensory club", exact=False)
    field(page, "How to use the service").fill("Book a place by phone; families can refer themselves.")
    field(page, "Opening times").fill("SA 10:00-12:00")
    press(page, "Send for approval")

    # Then they are told it waits for the Local Offer team, the service shows as waiting (on their home page
    # too), and the published service is unchanged until the team approves
    assert heading(page) == "Your services in the Local Offer"
    assert page.get_by_text("Your change has been sent to the Local Offer team.").is_visible()
    assert page.get_by_role("row", name="Saturday sensory club").get_by_text("Change waiting for approval").is_visible()
    go_to_section(page, "Your work")
    assert page.get_by_role("link", name="1 Your changes awaiting the Local Offer team’s approval").is_visible()
    pending = service.versions.get(status=ServiceVersion.Status.PENDING)
    assert pending.how_to_access == "Book a place by phone; families can refer themselves."
    assert service.versions.get(status=ServiceVersion.Status.APPROVED).how_to_access == "Ask your GP to refer you."


def test_the_local_offer_team_approves_a_providers_change(page, browser_sign_in):
    # Given a provider's change waiting for approval, and a Local Offer team member signed in
    directory = DirectoryBuilder()
    service = directory.service("Saturday sensory club", needs=("ASD",))
    provider = UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner)
    content = dataclasses.replace(
        version_content(service.versions.get()), how_to_access="Families can refer themselves by phone."
    )
    service_change_submit(user=provider, service=service, content=content)
    browser_sign_in(Role.LOCAL_OFFER_OFFICER)

    # When they go from the start page to the Local Offer's management, and open the change
    start(page)
    press(page, "Go to your work")
    follow(page, "1 Changes to services awaiting approval")
    assert heading(page) == "Manage the Local Offer"
    follow(page, "Saturday sensory club")
    assert heading(page) == "Change to Saturday sensory club"

    # and approve it
    page.get_by_label("Approve and publish").check()
    press(page, "Record decision")

    # Then nothing is left waiting, and families see the new text on the public service page
    assert page.get_by_text("The change to Saturday sensory club is approved and published.").is_visible()
    assert page.get_by_role("heading", name="Changes waiting for approval (0)").is_visible()
    follow(page, "The public Local Offer")
    field(page, "Search for a service").fill("sensory")
    press(page, "Search")
    follow(page, "Saturday sensory club")
    assert page.get_by_text("Families can refer themselves by phone.").is_visible()


def test_the_local_offer_team_loads_services_from_a_csv_file(page, browser_sign_in, tmp_path, settings, job_worker):
    settings.SENDBOARD_RETURNS_UPLOAD_DIR = str(tmp_path / "uploads")
    # Given a Local Offer team member, and a CSV file of one service run by an organisation in the directory
    DirectoryBuilder()  # the directory, with its organisation "Test provider"
    browser_sign_in(Role.LOCAL_OFFER_OFFICER)
    row = {
        "organisation": "Test provider",
        "name": "Holiday swimming",
        "description": "Swimming in the school holidays.",
        "send_support": "One-to-one helpers in the water.",
        "how_to_access": "Book online.",
        "minimum_age": "5",
        "maximum_age": "16",
        "free": "yes",
        "location_name": "Leisure centre",
        "address": "1 Pool Lane",
        "town": "Pershore",
        "postcode": "WR10 1AB",
        "review_by": "2027-06-30",
    }
    services_csv = tmp_path / "services.csv"
    with services_csv.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(row)

    # When they go from the start page to the Local Offer's management, check the file and load it
    start(page)
    press(page, "Go to your work")
    follow(page, "Manage the Local Offer")
    follow(page, "Import services from a CSV file")
    field(page, "CSV file of services").set_input_files(str(services_csv))
    press(page, "Check the file")
    assert heading(page) == "Check the file before loading it"
    press(page, "Load this file")
    assert job_worker() == 1

    # Then the file is loaded and the service is published
    wait_for_job(page, done="The file is loaded")
    assert Service.objects.get().versions.get(status=ServiceVersion.Status.APPROVED).name == "Holiday swimming"
