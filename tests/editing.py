"""Posting an edit form as a person does: open the page first, so that the form carries the version of the
record it was opened with (ADR 0070)."""

from __future__ import annotations

import re

_VERSION = re.compile(r'<input type="hidden" name="version" value="([^"]*)">')


def opened_version(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, f"{url} answered {page.status_code}"
    found = _VERSION.search(page.content.decode())
    assert found, f"{url} has no version in its form"
    return found.group(1).replace("&#34;", '"').replace("&amp;", "&")


def post_edit(client, url: str, data: dict, **kwargs):
    """Open the edit page, then post ``data`` with the version it showed."""
    return client.post(url, {**data, "version": opened_version(client, url)}, **kwargs)


def version_in(page: str) -> str:
    """The version a refused form now carries."""
    found = _VERSION.search(page)
    assert found, "the page has no version in its form"
    return found.group(1)


def editor(role: str, **user_fields):
    """A second person, signed in by session on their own browser, two-factor verified."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import TOTPDeviceFactory, UserFactory
    from tests.page_quality import PageQualityClient

    client = PageQualityClient()
    user = UserFactory(role=role, **user_fields)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDeviceFactory(user=user).persistent_id
    session.save()
    client.user = user
    return client
