"""Given a family with no account, when they open the start page, then they can reach everything meant for them."""

import re

import html5lib
import pytest
from django.urls import reverse

from sendboard.core.models import LocalArea

pytestmark = pytest.mark.django_db


def _document(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _links(response) -> dict[str, str]:
    return {_text(a): a.get("href") for a in _document(response).iter("a")}


@pytest.fixture
def area():
    return LocalArea.objects.create(
        name="Testshire",
        la_code="999",
        gss_code="E10000999",
        region_name="West Midlands",
        region_code="E12000005",
        send_team_name="Testshire SEND team",
        send_team_email="send@testshire.example",
        send_team_phone="01234 567890",
        send_team_address="County Hall\nTesttown\nTT1 1TT",
        sendiass_name="Testshire SENDIASS",
        sendiass_email="help@sendiass.example",
        sendiass_phone="01234 000111",
        sendiass_website="https://sendiass.example/",
    )


def test_the_start_page_leads_families_to_each_public_page(client, area):
    links = _links(client.get(reverse("core:start")))
    assert links["Find services and support"] == reverse("localoffer:home")
    assert links["Ask for an education, health and care needs assessment"] == reverse("core:request-assessment")
    assert links["Get free, impartial advice"] == reverse("core:sendiass")
    assert links["See how the area is improving"] == reverse("plans:public")
    assert links["Give feedback"] == reverse("core:feedback")


def test_the_start_page_promises_nothing_that_does_not_exist(client, area, sign_in):
    text = _text(_document(client.get(reverse("core:start"))).find(".//main"))
    assert "quality of education, health and care plans" not in text
    # It promises schools a place to report part-time timetables and removals from roll: a school can open both.
    assert "pupils on part-time timetables and pupils taken off roll" in text
    from sendboard.accounts.roles import Role
    from tests.tracking.helpers import school

    sign_in(Role.SETTING_USER, organisation=school())
    for name in ("tracking:timetable-new", "tracking:removal-new"):
        assert client.get(reverse(name)).status_code == 200


def test_the_phase_banner_invites_the_public_to_give_feedback(client, area):
    banner = [
        el
        for el in _document(client.get(reverse("core:start"))).iter()
        if "govuk-phase-banner__text" in (el.get("class") or "")
    ][0]
    assert "SEND improvement lead" not in _text(banner)
    assert {a.get("href") for a in banner.iter("a")} == {reverse("core:feedback")}


def test_the_assessment_page_says_who_can_ask_what_to_include_where_to_send_it_and_what_happens(client, area):
    response = client.get(reverse("core:request-assessment"))
    document = _document(response)
    headings = [_text(h) for h in document.iter("h2")]
    assert headings[:6] == [
        "Who can ask",
        "What to include",
        "Check before you send it",
        "Where to send it",
        "What happens next",
        "Free, impartial help",
    ]
    text = _text(document.find(".//main"))
    assert "within 6 weeks" in text and "within 20 weeks" in text
    assert "send@testshire.example" in text and "01234 567890" in text and "County Hall, Testtown, TT1 1TT" in text
    assert _links(response)["Find out about SENDIASS and how to contact them"] == reverse("core:sendiass")
    assert "made up for this demonstration" not in text


def test_the_sendiass_page_says_free_impartial_confidential_and_how_to_contact(client, area):
    text = _text(_document(client.get(reverse("core:sendiass"))).find(".//main"))
    for word in ("free", "impartial", "confidential"):
        assert word in text
    assert "help@sendiass.example" in text and "01234 000111" in text and "https://sendiass.example/" in text


def test_illustrative_contact_details_are_marked(client, area):
    area.contacts_illustrative = True
    area.save()
    for name in ("core:sendiass", "core:request-assessment"):
        text = _text(_document(client.get(reverse(name))).find(".//main"))
        assert "These contact details are made up for this demonstration" in text


def test_without_contact_details_the_pages_say_where_else_to_ask(client):
    LocalArea.objects.create(
        name="Blankshire", la_code="998", gss_code="E10000998", region_name="R", region_code="E12000001"
    )
    assert (
        "has not yet published the SEND team’s contact details"
        in client.get(reverse("core:request-assessment")).content.decode()
    )
    assert "has not yet published SENDIASS’s contact details" in client.get(reverse("core:sendiass")).content.decode()


def test_the_feedback_page_is_for_the_public(client, area):
    response = client.get(reverse("core:feedback"))
    links = _links(response)
    assert links["feedback form"] == reverse("localoffer:feedback")
    assert "SEND improvement lead" not in response.content.decode()


def test_the_demo_area_contacts_are_marked_illustrative():
    from sendboard.demo.area import demo_area_load

    demo_area_load()
    area = LocalArea.objects.get()
    assert area.contacts_illustrative and area.sendiass_phone and area.send_team_email


def test_the_local_offers_assessment_page_leads_to_the_full_guide(client, area):
    from sendboard.localoffer.models import InformationPage, InformationTopic

    InformationPage.objects.create(
        topic=InformationTopic.ASSESSMENT,
        title="How to request an EHC needs assessment",
        summary="Anyone can ask.",
        body="More.",
        review_by="2099-01-01",
        updated_at="2026-11-01T10:00Z",
    )
    links = _links(client.get(reverse("localoffer:information", args=[InformationTopic.ASSESSMENT])))
    assert links[
        "How to ask for an assessment: who can ask, what to include, where to send it and what happens next"
    ] == reverse("core:request-assessment")


def test_demo_information_pages_do_not_repeat_their_summary():
    import io

    from sendboard.demo.area import demo_area_load
    from sendboard.localoffer import demo
    from sendboard.localoffer.models import InformationPage

    demo_area_load()
    demo.load_demo(stdout=io.StringIO())
    for page in InformationPage.objects.all():
        assert page.summary.rstrip(".") not in page.body, page.topic


def test_before_the_area_is_set_up_the_pages_still_say_where_to_ask(client):
    assert (
        "has not yet published the SEND team’s contact details"
        in client.get(reverse("core:request-assessment")).content.decode()
    )
    assert "has not yet published SENDIASS’s contact details" in client.get(reverse("core:sendiass")).content.decode()
