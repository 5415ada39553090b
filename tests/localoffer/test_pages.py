"""Public pages work signed out and signed in, with no JavaScript needed (plain links and GET forms), and read
with a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import DirectoryOrganisation, Service
from tests.html import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signed_in", [False, True])
def test_public_pages_open_signed_out_and_signed_in(client, sign_in, directory, signed_in):
    service = directory.service()
    if signed_in:
        sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    for url in (
        reverse("localoffer:home"),
        reverse("localoffer:search"),
        reverse("localoffer:service", args=[service.id]),
        reverse("localoffer:feedback"),
        reverse("localoffer:feedback-sent"),
        reverse("localoffer:you-said-we-did"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert (
            "<form" not in response.content.decode()
            or 'method="get"' in response.content.decode()
            or 'method="post"' in response.content.decode()
        )


def test_the_search_works_as_a_plain_get_form(client, directory):
    directory.service()
    home = client.get(reverse("localoffer:home")).content.decode()
    assert f'<form method="get" action="{reverse("localoffer:search")}"' in home and 'name="q"' in home


def test_a_service_page_reads_with_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    service = directory.service()
    client.get(reverse("localoffer:service", args=[service.id]))  # the day's first view also creates its counter
    with django_assert_max_num_queries(10):
        body = client.get(reverse("localoffer:service", args=[service.id])).content.decode()
    assert "How the service supports children and young people with SEND" in body and "Ask your GP" in body


def test_an_unknown_or_unpublished_service_is_not_found(client, directory):
    service = Service.objects.create(organisation=directory.organisation, review_by="2027-01-01")
    assert client.get(reverse("localoffer:service", args=[service.id])).status_code == 404


def test_the_home_page_links_for_the_provider_and_the_team(client, sign_in):
    sign_in(Role.PROVIDER_EDITOR)
    home = client.get(reverse("core:home")).content.decode()
    assert "Your services in the Local Offer" in home and "Manage the Local Offer" not in home
    client.logout()
    sign_in(Role.LOCAL_OFFER_OFFICER)
    home = client.get(reverse("core:home")).content.decode()
    assert "Manage the Local Offer" in home and "Your services in the Local Offer" not in home


def test_the_demo_directory_loads_twice_to_the_same_rows_and_says_it_is_illustrative():
    call_command("load_demo_area")
    first = (Service.objects.count(), DirectoryOrganisation.objects.count())
    call_command("load_demo_area")
    assert (Service.objects.count(), DirectoryOrganisation.objects.count()) == first and first[0] >= 16
    from sendboard.localoffer.selectors import published_versions

    assert all("Illustrative" in v.description for v in published_versions())
    ourway = DirectoryOrganisation.objects.get(name="Ourway Advocacy")
    assert ourway.owner.name == "Ourway Advocacy"


def test_choices_are_checkboxes_where_several_may_be_chosen_and_error_links_reach_their_fields(
    client, sign_in, directory
):
    import re

    search = client.get(reverse("localoffer:search"), {"access": ["step_free", "hearing_loop"]}).content.decode()
    access = re.findall(r'<input[^>]*name="access"[^>]*>', search)
    assert len(access) == 8 and all('type="checkbox"' in tag for tag in access)
    assert sum("checked" in tag for tag in access) == 2

    service = directory.service()
    sign_in(Role.ADMINISTRATOR)  # both approves and edits
    from sendboard.localoffer.services import service_change_submit, version_content

    pending = service_change_submit(
        user=directory.team_user, service=service, content=version_content(service.versions.get())
    )
    responses = [
        client.post(reverse("localoffer:version-review", args=[pending.pk]), {}),
        client.post(reverse("localoffer:service-edit", args=[service.id]), {}),
    ]
    assert [r.status_code for r in responses] == [200, 200]
    pages = [Page(r) for r in responses]
    for page in pages:
        ids = set(page.all("//@id"))
        targets = [
            href.removeprefix("#") for href in page.all("//div[contains(@class, 'govuk-error-summary')]//a/@href")
        ]
        assert targets and all(target in ids for target in targets), [t for t in targets if t not in ids]
    needs = pages[1].all("//input[@name='needs']")
    assert len(needs) == 12 and {box.get("type") for box in needs} == {"checkbox"}
