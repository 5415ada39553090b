"""Headers that protect what sendboard shows (ADR 0063): a Content-Security-Policy allowing no inline script, and
pages shown to a signed-in user never stored."""

from __future__ import annotations

import html5lib
import pytest

from sendboard.accounts.roles import Role
from tests.casework.helpers import make_case, team

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", ["/", "/account/sign-in/", "/local-offer/"])
def test_no_content_security_policy_every_page_allows_scripts_and_styles_only_from_sendboard_itself(client, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_no_content_security_policy_the_layout_has_no_inline_script(client, sign_in):
    sign_in(Role.AREA_LEADER)
    document = html5lib.parse(client.get("/home/").content.decode(), namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    assert [script.get("src") for script in scripts] == ["/static/core/js-enabled.js", "/static/core/init.js"]
    assert all(not (script.text or "").strip() for script in scripts)
    assert not [el.tag for el in document.iter() if el.get("style") is not None or el.tag == "style"]


def test_no_cache_control_a_page_with_a_childs_record_is_never_stored(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    child = make_case(caseworker=user)
    response = client.get(f"/casework/children/{child.public_id}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"].split(", ")
    assert "private" in response["Cache-Control"].split(", ")


@pytest.mark.parametrize("role", [Role.AREA_LEADER, Role.PROVIDER_EDITOR])
def test_every_response_to_a_signed_in_user_is_never_stored(client, sign_in, role):
    sign_in(role)
    assert "no-store" in client.get("/home/")["Cache-Control"]
    assert "no-store" in client.get("/local-offer/")["Cache-Control"]  # a public page, seen while signed in


def test_public_pages_signed_out_may_be_stored(client):
    assert "no-store" not in client.get("/local-offer/").get("Cache-Control", "")


PAGE = '<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body><h1>Page</h1>{}</body></html>'


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<button onclick="go()">Go</button>',
        '<p style="color: red">Red</p>',
        "<style>p { color: red }</style>",
        '<script src="/static/a.js">alert(1)</script>',
    ],
)
def test_no_content_security_policy_the_page_check_refuses_inline_script_and_style(markup):
    from tests.page_quality import PageQualityError, assert_page_quality

    assert_page_quality(PAGE.format('<script src="/static/core/init.js" type="module"></script>'))
    with pytest.raises(PageQualityError, match="inline script or style"):
        assert_page_quality(PAGE.format(markup))
