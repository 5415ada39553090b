"""Journey: a parent, not signed in, starts at the start page, finds an autism service near their postcode and
reads what the area is doing about each thing the inspectors found. Only clicks and typing into forms."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import choose, field, follow, go_to_section, heading, press, start
from tests.browser.journey_data import improvement_plan
from tests.localoffer.factories import DirectoryBuilder

pytestmark = pytest.mark.django_db(transaction=True)


def result_names(page) -> list[str]:
    return [name.strip() for name in page.locator(".sendboard-result h3").all_inner_texts()]


def result_distances(page) -> list[str]:
    return [distance.strip() for distance in page.locator(".sendboard-result strong").all_inner_texts()]


def test_a_parent_finds_an_autism_service_near_them_and_reads_what_the_area_is_doing(page):
    # Given a Local Offer with autism services near WR5 and in Malvern (about seven miles away), and a speech
    # therapy service near WR5; and an improvement plan answering two findings, published
    directory = DirectoryBuilder()
    directory.service(
        "Autism family support group", needs=("ASD",), description="Meet other families of autistic children."
    )
    directory.service(
        "Autism social club",
        needs=("ASD",),
        postcode="WR14 2AB",
        latitude=52.112,
        longitude=-2.325,
        description="Saturday club for autistic teenagers.",
    )
    directory.service("Speech therapy drop-in", needs=("SLCN",))
    plan = improvement_plan(today=timezone.localdate())

    # When the parent opens the start page and looks for services
    start(page)
    follow(page, "Find services and support")
    assert heading(page).endswith("Local Offer")

    # and searches for autism
    field(page, "Search for a service").fill("autism")
    press(page, "Search")
    assert sorted(result_names(page)) == ["Autism family support group", "Autism social club"]

    # and gives their postcode: each service says how far away it is, nearest first
    field(page, "Postcode").fill("WR5 2NP")
    choose(page, "Distance", "Within 10 miles")
    press(page, "Apply filters")
    assert result_names(page) == ["Autism family support group", "Autism social club"]
    assert result_distances(page) == ["Less than 0.1 miles away", "7.8 miles away"]

    # and narrows it to within 3 miles
    choose(page, "Distance", "Within 3 miles")
    press(page, "Apply filters")

    # Then only the service near them is listed, and its page says how to use it
    assert result_names(page) == ["Autism family support group"]
    follow(page, "Autism family support group")
    assert heading(page) == "Autism family support group"
    assert page.get_by_text("Ask your GP to refer you.").is_visible()

    # and going back to the search keeps what they asked for
    follow(page, "Find other services")
    assert field(page, "Search for").input_value() == "autism"
    assert field(page, "Postcode").input_value() == "WR5 2NP"
    assert result_names(page) == ["Autism family support group"]

    # When they go to how the area is improving
    go_to_section(page, "How the area is improving")
    assert heading(page) == "What we are doing to improve SEND services"

    # Then each finding, in plain English, leads to what is being done about it, by whom and by when
    for finding, action in zip(plan.findings, plan.actions, strict=True):
        follow(page, finding.plain_english)
        assert heading(page) == finding.plain_english
        card = page.locator(".govuk-summary-card", has_text=action.public_summary)
        assert card.count() == 1
        assert card.get_by_text(plan.owner.organisation.name).is_visible()
        follow(page, "Everything we are doing")
    follow(page, plan.findings[0].plain_english)
    assert page.get_by_text("Forty plans were checked in the autumn.").is_visible()
