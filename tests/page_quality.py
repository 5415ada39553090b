"""The page-quality check every HTML response in the test suite passes through (STYLE.md practice 7).

One h1; a <title> that starts with the h1's text, prefixed "Error: " exactly when the page shows an error
summary; HTML that parses without a single error under the HTML standard's parsing rules; no inline script,
event handler or style, which the Content-Security-Policy would refuse (ADR 0063); and a page that shows
people only words meant for them: no markup escaped into text, no developer vocabulary (decision record
numbers, "seed", app or model names, raw field names or stored values, Python number formats, server file
paths), at most one error summary, and none of Django's default error messages.
"""

from __future__ import annotations

import re
from functools import cache

import html5lib
from django.test import Client

_SPACE = re.compile(r"\s+")

# Text inside these is not prose: scripts and styles are not shown, a text box shows what someone typed, and
# <code> is how a page documents a literal name on purpose (the columns of a CSV layout, say).
_NOT_PROSE = {"script", "style", "textarea", "code", "pre", "template"}
_NOT_SHOWN = {"script", "style", "textarea", "template"}

ESCAPED_MARKUP = re.compile(
    r"</?(?:a|abbr|br|div|em|h[1-6]|li|ol|p|span|strong|table|td|th|tr|ul)\b[^<>]*>?", re.IGNORECASE
)
DEVELOPER_VOCABULARY: dict[str, re.Pattern[str]] = {
    "a decision record number": re.compile(r"\bADRs?\s*\d{1,4}\b"),
    "the word seed": re.compile(r"\bseed(?:s|'s|’s)?\b", re.IGNORECASE),
    "an app name": re.compile(r"\b[a-z]+ app\b:"),
    # A name in quotation marks is shown as a name (a file's column in an import problem, say), so it passes.
    "a raw field name or stored value": re.compile(r"(?<![\w.@/“‘\"'-])[a-z]+(?:_[a-z0-9]+)+(?![\w@”’\"'-]|\.\w)"),
    "a field assignment": re.compile(r"(?<![?&\w])\w+=\w"),  # not a web address's query shown as its text
    "a Python number format": re.compile(r"(?<![\w.-])\d+(?:\.\d+)?e[+-]\d+(?![\w-])"),  # 1e+06, not an id
}
# A file path of the server is wrong anywhere on a page, even set out as <code>.
SERVER_PATH = re.compile(r"(?:\.\./|(?<![\w:/])/(?:home|work|usr|tmp|var|opt|srv|etc|root)/|\b\w+\.py\b|site-packages)")
DJANGO_DEFAULT_MESSAGES = (
    "This field is required.",
    "Ensure this value",
    "Select a valid choice.",
    "Enter a valid date.",
    "Enter a valid time.",
    "Enter a valid date/time.",
    "Enter a valid email address.",
    "Enter a valid URL.",
    "Enter a valid value.",
    "Enter a valid integer.",
    "Enter a valid UUID.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a list of values.",
    "Enter a complete value.",
    "The submitted file is empty.",
    "No file was submitted",
    "Upload a valid image.",
    "Null characters are not allowed.",
)


class PageQualityError(AssertionError):
    pass


def _text(element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


@cache
def _model_names() -> re.Pattern[str]:
    """sendboard's model class names that no English sentence would use (HealthWait, StatutoryStep ...)."""
    from django.apps import apps

    names = sorted(
        model.__name__
        for model in apps.get_models()
        if model.__module__.startswith("sendboard.") and len(re.findall(r"[A-Z]", model.__name__)) > 1
    )
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else re.compile(r"(?!)")


def _collect(element, parts: list[str], leave_out: set[str]) -> None:
    if isinstance(element.tag, str) and element.tag in leave_out:
        if element.tail:
            parts.append(element.tail)
        return
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts, leave_out)
    if element.tail:
        parts.append(element.tail)


def visible_text(document, *, prose_only: bool = True) -> str:
    """The text a person reads; with ``prose_only``, leaving out literal names set out as <code> or <pre>."""
    parts: list[str] = []
    _collect(document, parts, _NOT_PROSE if prose_only else _NOT_SHOWN)
    return _SPACE.sub(" ", " ".join(parts))


def _words_problem(text: str) -> str | None:
    match = ESCAPED_MARKUP.search(text)
    if match:
        return f"markup shown as text: {match.group(0)!r}"
    for what, pattern in DEVELOPER_VOCABULARY.items():
        match = pattern.search(text)
        if match:
            return f"{what} shown to people: {text[max(match.start() - 40, 0) : match.end() + 40]!r}"
    match = _model_names().search(text)
    if match:
        return f"a model name shown to people: {text[max(match.start() - 40, 0) : match.end() + 40]!r}"
    for message in DJANGO_DEFAULT_MESSAGES:
        if message in text:
            return f"Django's default message shown instead of a GOV.UK one: {message!r}"
    return None


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
    summaries = [el for el in document.iter() if "govuk-error-summary" in (el.get("class") or "").split()]
    if len(summaries) > 1:
        raise PageQualityError(f"{where}: {len(summaries)} error summaries; a page has at most one")
    expected_start = f"Error: {heading}" if summaries else heading
    if not title.startswith(expected_start):
        raise PageQualityError(f"{where}: <title> {title!r} should start with {expected_start!r}")
    match = SERVER_PATH.search(visible_text(document, prose_only=False))
    if match:
        raise PageQualityError(f"{where}: a server file path shown to people: {match.group(0)!r}")
    problem = _words_problem(visible_text(document))
    if problem:
        raise PageQualityError(f"{where}: {problem}")


class PageQualityClient(Client):
    """A test client that checks every HTML page it receives."""

    def request(self, **request):
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and not getattr(response, "streaming", False) and response.content:
            assert_page_quality(response.content.decode(), where=f"{request.get('PATH_INFO')} ({response.status_code})")
        return response
