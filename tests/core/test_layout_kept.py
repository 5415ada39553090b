"""What every page's layout draws is worked out once per process for each set of inputs (ADR 0172): the GOV.UK
header components for each set of parameters, the addresses of pages without arguments for each URL configuration
and script prefix. Every input is still read on each request, so a change shows at once and each person sees
their own navigation and their own form token."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse, set_script_prefix
from markupsafe import Markup

from sendboard.accounts.roles import Role
from sendboard.core import govuk
from sendboard.core.models import LocalArea
from sendboard.core.reversing import reverse_kept

pytestmark = pytest.mark.django_db

NAVIGATION = {
    "serviceName": "Newshire SEND partnership",
    "serviceUrl": "/home/",
    "navigation": [{"href": "/plans/", "text": "Improvement plan", "active": True}],
    "navigationLabel": "Main menu",
}


def test_a_kept_component_is_the_components_own_html_with_the_slot_of_each_call():
    macro = govuk.component_macros()["govukServiceNavigation"]
    for slot in ("<li>first</li>", "<li>second</li>"):
        expected = macro({**NAVIGATION, "slots": {"navigationEnd": Markup(slot)}})
        assert govuk.component_kept("govukServiceNavigation", NAVIGATION, navigationEnd=Markup(slot)) == expected
    assert govuk.component_kept("govukServiceNavigation", NAVIGATION, navigationEnd="") == macro(NAVIGATION)


def test_different_parameters_are_never_given_each_others_html():
    plain = govuk.component_kept("govukSkipLink", {"text": "<b>Skip</b>", "href": "#main"})
    markup = govuk.component_kept("govukSkipLink", {"html": Markup("<b>Skip</b>"), "href": "#main"})
    other = govuk.component_kept("govukSkipLink", {"text": "<b>Skip</b>", "href": "#content"})
    assert "&lt;b&gt;Skip&lt;/b&gt;" in plain and "<b>Skip</b>" in markup
    assert 'href="#content"' in other and 'href="#main"' in plain
    inactive = {**NAVIGATION, "navigation": [{**NAVIGATION["navigation"][0], "active": False}]}
    assert govuk.component_kept("govukServiceNavigation", inactive) != govuk.component_kept(
        "govukServiceNavigation", NAVIGATION
    )


def test_an_address_is_worked_out_for_the_script_prefix_in_use():
    assert reverse_kept("core:accessibility") == reverse("core:accessibility") == "/accessibility/"
    set_script_prefix("/sendboard/")
    try:
        assert reverse_kept("core:accessibility") == "/sendboard/accessibility/"
    finally:
        set_script_prefix("/")
    assert reverse_kept("core:accessibility") == "/accessibility/"


def test_the_area_name_changed_elsewhere_shows_in_the_header_at_once(client, sign_in):
    LocalArea.objects.create(name="Newshire", la_code="999", gss_code="E10000999")
    sign_in(Role.AREA_LEADER)
    assert "Newshire SEND partnership" in client.get("/accessibility/").content.decode()
    LocalArea.objects.update(name="Oldshire")
    page = client.get("/accessibility/").content.decode()
    assert "Oldshire SEND partnership" in page and "Newshire" not in page


def _sign_out_token(html: str) -> str:
    form = html[html.index('class="sendboard-sign-out"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_each_person_sees_their_own_navigation_and_their_own_sign_out_token(client, sign_in):
    sign_in(Role.CASEWORKER)
    caseworker = client.get("/accessibility/").content.decode()
    again = client.get("/accessibility/").content.decode()
    client.logout()
    sign_in(Role.ANALYST)
    analyst = client.get("/accessibility/").content.decode()
    assert 'href="/casework/"' in caseworker and 'href="/returns/' not in caseworker
    assert 'href="/returns/' in analyst and 'href="/casework/"' not in analyst
    assert len({_sign_out_token(caseworker), _sign_out_token(again), _sign_out_token(analyst)}) == 3
    assert client.post(reverse("accounts:sign-out"), {"csrfmiddlewaretoken": _sign_out_token(analyst)})
    assert "Sign in<" in client.get("/accessibility/").content.decode()


def test_a_component_is_rendered_once_for_the_same_parameters(monkeypatch):
    rendered = []
    macro = govuk._macro
    monkeypatch.setattr(govuk, "_macro", lambda name: rendered.append(name) or macro(name))
    params = {"text": "Skip to the figures", "href": "#figures"}
    first = govuk.component_kept("govukSkipLink", params)
    assert govuk.component_kept("govukSkipLink", dict(params)) == first
    assert rendered == ["govukSkipLink"]
    govuk.component_kept("govukSkipLink", {**params, "href": "#table"})
    assert rendered == ["govukSkipLink", "govukSkipLink"]
