"""Addresses of named pages that take no arguments, worked out once per process (ADR 0172).

Every page's layout names the same dozen pages (the navigation, the header, the footer); ``reverse`` works each
out afresh, which costs more than the rest of the header. The address of a page without arguments depends only on
its name, the URL configuration in use and the script prefix the server is mounted at, so it is kept under all
three: nothing read from the database, and nothing that can differ between two requests with the same key.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=512)
def _reversed(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def reverse_kept(name: str) -> str:
    """``reverse(name)`` for a page that takes no arguments."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    if not isinstance(urlconf, str):  # a module object: tests only
        return reverse(name)
    return _reversed(name, urlconf, get_script_prefix())
