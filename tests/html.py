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


def work_counts(response) -> dict[str, tuple[int, str]]:
    """{label: (count, href)} of the "Needs your attention" list."""
    counts = {}
    for link in page(response.content).iter("a"):
        tags = [el for el in link.iter("strong") if "govuk-tag" in (el.get("class") or "")]
        if tags:
            label = text_of(link)
            number = tags[0].text.strip()
            counts[label[len(number) :].strip()] = (int(number.replace(",", "")), link.get("href"))
    return counts


class Page:
    """A fetched page, parsed: tests read the exact text of the element they mean, found by XPath."""

    def __init__(self, response):
        self.response = response
        self.document = page(response.content) if response.content.strip() else None  # a redirect has no body

    @property
    def location(self) -> str:
        return self.response["Location"]

    def all(self, xpath: str) -> list:
        return self.document.xpath(xpath)

    def one(self, xpath: str):
        found = self.all(xpath)
        assert len(found) == 1, f"{len(found)} elements match {xpath!r}"
        return found[0]

    def text(self, xpath: str) -> str:
        """The text of the one element ``xpath`` finds (it fails if none or several do)."""
        return text_of(self.one(xpath))

    def texts(self, xpath: str) -> list[str]:
        return [text_of(element) for element in self.all(xpath)]

    def has(self, xpath: str) -> bool:
        return bool(self.all(xpath))

    @property
    def h1(self) -> str:
        return self.text("//h1")

    @property
    def title(self) -> str:
        return self.text("//title")

    @property
    def banner(self) -> str:
        """The text of the notification banner's content (a success message, say)."""
        return self.text("//div[contains(@class, 'govuk-notification-banner__content')]")

    @property
    def errors(self) -> list[str]:
        """Each message in the error summary, in order."""
        return self.texts("//div[contains(@class, 'govuk-error-summary')]//ul/li")

    def table_rows(self, caption: str) -> list[list[str]]:
        return table_rows(self.response.content, caption)

    def link_hrefs(self, text: str) -> list[str]:
        return [a.get("href") for a in self.document.iter("a") if text_of(a) == text]


class ClientRequest:
    """Notify's ``client_request``: fetch a page through the page-quality client, check its status and return it
    parsed, so a test asserts elements rather than substrings of the HTML."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str, *, _expected_status: int = 200, **params) -> Page:
        response = self.client.get(path, params)
        assert response.status_code == _expected_status, (path, response.status_code)
        return Page(response)

    def post(self, path: str, data: dict | None = None, *, _expected_status: int = 302, _follow: bool = False) -> Page:
        """A post answered with a redirect (``_follow``: the page it leads to) or, with errors, the form again."""
        response = self.client.post(path, data or {}, follow=_follow)
        expected = 200 if _follow else _expected_status
        assert response.status_code == expected, (path, response.status_code)
        return Page(response)
