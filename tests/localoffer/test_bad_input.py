"""Bad input on the Local Offer forms is refused with GOV.UK messages and what was typed is kept (usability
review, December 2026: the phone number "abc" was accepted)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.localoffer.models import InformationPage
from tests.editing import post_edit
from tests.localoffer.factories import edit_data


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("phone", "abc", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
        ("email", "therapy at example", "Enter an email address in the correct format, like name@example.com"),
        ("url", "not a web address", "Enter a web address in the correct format, like https://www.example.org.uk"),
        ("description", "d" * 5001, "What the service does must be 5,000 characters or fewer"),
        ("name", "n" * 201, "Name of the service must be 200 characters or fewer"),
    ],
)
def test_a_providers_change_with_bad_contact_details_or_over_long_text_is_refused(
    client, sign_in, directory, field, typed, message
):
    service = directory.service()
    sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    page = post_edit(
        client, reverse("localoffer:service-edit", args=[service.id]), edit_data(**{field: typed})
    ).content.decode()
    assert message in page and typed in page
    assert service.versions.count() == 1


def test_a_providers_phone_number_is_stored_as_people_read_it(client, sign_in, directory):
    service = directory.service()
    sign_in(Role.PROVIDER_EDITOR, organisation=directory.owner)
    assert (
        post_edit(
            client, reverse("localoffer:service-edit", args=[service.id]), edit_data(phone="01905763763")
        ).status_code
        == 302
    )
    assert service.versions.order_by("-number").first().phone == "01905 763763"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": "b" * 20_001}, "Text must be 20,000 characters or fewer"),
        ({"review_by-year": "2099"}, "The review date must be before"),
        ({"review_by-year": "2010"}, "The review date must be on or after 1 September 2014"),
        ({"summary": ""}, "Enter the summary"),
    ],
)
def test_an_information_page_with_bad_input_is_refused_and_nothing_is_published(client, sign_in, changes, message):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    data = {
        "title": "Travel",
        "summary": "s",
        "body": "Text",
        "review_by-day": "1",
        "review_by-month": "9",
        "review_by-year": "2027",
        **changes,
    }
    page = post_edit(client, reverse("localoffer:information-edit", args=["travel"]), data).content.decode()
    assert message in page and not InformationPage.objects.exists()
