"""Given a person, when any page opens, then the header offers the sections they can use and marks where they are."""

import html5lib
import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _navigation(response) -> list[tuple[str, str, bool]]:
    document = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    items = []
    for li in document.iter("li"):
        classes = (li.get("class") or "").split()
        if "govuk-service-navigation__item" in classes:
            link = li.find(".//a")
            if link is not None and link.get("href") != reverse("accounts:sign-in"):
                items.append(
                    (
                        " ".join(link.itertext()).strip(),
                        link.get("href"),
                        "govuk-service-navigation__item--active" in classes,
                    )
                )
    return items


def test_signed_out_the_header_offers_the_public_pages(client):
    assert [(text, href) for text, href, _ in _navigation(client.get(reverse("core:start")))] == [
        ("Local Offer", reverse("localoffer:home")),
        ("Ask for an assessment", reverse("core:request-assessment")),
        ("Advice and support", reverse("core:sendiass")),
        ("How the area is improving", reverse("plans:public")),
    ]


def test_the_current_section_is_marked(client):
    active = [text for text, _, is_active in _navigation(client.get(reverse("core:sendiass"))) if is_active]
    assert active == ["Advice and support"]
    assert [text for text, _, is_active in _navigation(client.get(reverse("core:start"))) if is_active] == []


@pytest.mark.parametrize(
    ("role", "sections"),
    [
        (Role.CASEWORKER, ["Your work", "Improvement plan", "Casework", "Vulnerable learners", "Outcomes"]),
        (Role.ACTION_OWNER, ["Your work", "Improvement plan", "Outcomes"]),
        (Role.ANALYST, ["Your work", "Improvement plan", "Outcomes", "Data files"]),
        (Role.LOCAL_OFFER_OFFICER, ["Your work", "Local Offer"]),
        (Role.PROVIDER_EDITOR, ["Your work", "Your services"]),
        (Role.SETTING_USER, ["Your work", "Report a pupil"]),
        (
            Role.ADMINISTRATOR,
            [
                "Your work",
                "Improvement plan",
                "Casework",
                "Vulnerable learners",
                "Report a pupil",
                "Outcomes",
                "Local Offer",
                "Your services",
                "Data files",
                "People",
                "Audit log",
            ],
        ),
    ],
)
def test_staff_see_the_sections_their_role_can_open(client, sign_in, role, sections):
    from sendboard.demo.area import demo_area_load

    demo_area_load()
    sign_in(role)
    navigation = _navigation(client.get(reverse("core:home")))
    assert [text for text, _, _ in navigation] == sections
    for _, href, _ in navigation:
        assert client.get(href).status_code == 200


def test_a_page_inside_a_section_marks_that_section(client, sign_in):
    sign_in(Role.AREA_LEADER)
    active = [text for text, _, is_active in _navigation(client.get(reverse("plans:my-actions"))) if is_active]
    assert active == ["Improvement plan"]
