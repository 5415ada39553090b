"""The journeys' step helpers check every page a step reaches: given a page with a defect, when a journey clicks
its way onto it, then the step fails and says why."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path

from sendboard.accounts.access import public
from tests.browser.conftest import follow
from tests.page_quality import PageQualityError

pytestmark = pytest.mark.django_db(transaction=True)


def _html(title: str, body: str) -> HttpResponse:
    return HttpResponse(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"
    )


@public
def _links(request: HttpRequest) -> HttpResponse:
    return _html("Steps", '<ul><li><a href="/markup/">Markup</a></li><li><a href="/wide/">Wide</a></li></ul>')


@public
def _markup(request: HttpRequest) -> HttpResponse:
    # Today's defect on the provider's page: a link escaped into text
    return _html("Markup", '<p>&lt;a class="govuk-link" href="/edit/"&gt;Change&lt;/a&gt;</p>')


@public
def _wide(request: HttpRequest) -> HttpResponse:
    return _html("Wide", "<p>" + "unbreakable" * 40 + "</p>")


urlpatterns = [path("steps/", _links), path("markup/", _markup), path("wide/", _wide)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_step_onto_a_page_showing_markup_as_text_fails(page):
    page.goto("/steps/")
    with pytest.raises(PageQualityError, match="markup shown as text"):
        follow(page, "Markup")


@override_settings(ROOT_URLCONF=__name__)
def test_a_step_onto_a_public_page_wider_than_a_phone_fails(page):
    page.goto("/steps/")
    with pytest.raises(AssertionError, match="is [0-9]+ px wide on a 375 px phone screen"):
        follow(page, "Wide")
