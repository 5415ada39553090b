"""Read parts of a page, so that tests assert the exact text of the element they mean."""

from __future__ import annotations

import re

import lxml.html

_SPACE = re.compile(r"\s+")


def text_of(element) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def page(html: str | bytes):
    document = lxml.html.fromstring(html if isinstance(html, str) else html.decode())
    for br in document.iter("br"):  # a line break reads as a space
        br.tail = " " + (br.tail or "")
    return document


def table_rows(html: str | bytes, caption: str) -> list[list[str]]:
    """The body rows of the table whose caption starts with ``caption``, each a list of cell texts."""
    for table in page(html).iter("table"):
        captions = table.findall("caption")
        if captions and text_of(captions[0]).startswith(caption):
            return [[text_of(cell) for cell in row.findall("td")] for row in table.findall("tbody/tr")]
    raise AssertionError(f"No table captioned {caption!r}")


def link_hrefs(html: str | bytes, text: str) -> list[str]:
    """The href of every link whose text is exactly ``text``."""
    return [a.get("href") for a in page(html).iter("a") if text_of(a) == text]


def pagination_hrefs(html: str | bytes) -> list[str]:
    """The links of GOV.UK pagination components on the page, in order."""
    return [
        a.get("href")
        for nav in page(html).iter("nav")
        if "govuk-pagination" in (nav.get("class") or "")
        for a in nav.iter("a")
    ]
