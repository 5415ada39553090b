"""The page-quality check every HTML response in the test suite passes through (STYLE.md practice 7).

One h1; a <title> that starts with the h1's text, prefixed "Error: " exactly when the page shows an error
summary; HTML that parses without a single error under the HTML standard's parsing rules; and no inline script,
event handler or style, which the Content-Security-Policy would refuse (ADR 0063).
"""

from __future__ import annotations

import re

import html5lib
from django.test import Client

_SPACE = re.compile(r"\s+")


class PageQualityError(AssertionError):
    pass


def _text(element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def assert_page_quality(html: str, *, where: str = "page") -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        line, col = parser.errors[-1][0] if parser.errors else ("?", "?")
        raise PageQualityError(f"{where}: invalid HTML at line {line}, column {col}: {error}") from None
    inline = [
        element.tag
        for element in document.iter()
        if isinstance(element.tag, str)
        and (
            (element.tag == "script" and (element.get("src") is None or (element.text or "").strip()))
            or element.tag == "style"
            or element.get("style") is not None
            or any(name.startswith("on") for name in element.keys())
        )
    ]
    if inline:
        raise PageQualityError(f"{where}: inline script or style, which the Content-Security-Policy refuses: {inline}")
    h1s = document.findall(".//h1")
    if len(h1s) != 1:
        raise PageQualityError(f"{where}: expected exactly one h1, found {len(h1s)}")
    titles = document.findall(".//head/title")
    if len(titles) != 1:
        raise PageQualityError(f"{where}: expected exactly one <title> in <head>, found {len(titles)}")
    heading, title = _text(h1s[0]), _text(titles[0])
    has_errors = any("govuk-error-summary" in (el.get("class") or "").split() for el in document.iter())
    expected_start = f"Error: {heading}" if has_errors else heading
    if not title.startswith(expected_start):
        raise PageQualityError(f"{where}: <title> {title!r} should start with {expected_start!r}")


class PageQualityClient(Client):
    """A test client that checks every HTML page it receives."""

    def request(self, **request):
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and not getattr(response, "streaming", False) and response.content:
            assert_page_quality(response.content.decode(), where=f"{request.get('PATH_INFO')} ({response.status_code})")
        return response
