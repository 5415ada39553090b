"""The Jinja2 environment: GOV.UK Frontend macros, Django's url() and static(), and strict variables.

A template of ours that names a context variable the view did not supply fails, rather than rendering
empty. The GOV.UK Frontend macros are written for lenient Jinja (they test undefined names freely), so they
are compiled in an environment of their own and offered to our templates as globals (govukButton, ...).
"""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment, Undefined
from jinja2.utils import missing

from sendboard.core import govuk, lists
from sendboard.core.govuk_table import govuk_table
from sendboard.core.reversing import reverse_kept


class StrictContextUndefined(Undefined):
    __slots__ = ()

    def _is_missing_name(self) -> bool:
        return self._undefined_obj is missing

    def __str__(self) -> str:
        if self._is_missing_name():
            self._fail_with_undefined_error()
        return ""

    def __iter__(self):
        if self._is_missing_name():
            self._fail_with_undefined_error()
        return iter(())

    def __bool__(self) -> bool:
        if self._is_missing_name():
            self._fail_with_undefined_error()
        return False

    def __len__(self) -> int:
        if self._is_missing_name():
            self._fail_with_undefined_error()
        return 0


def url(name: str, *args, **kwargs) -> str:
    if not args and not kwargs:
        return reverse_kept(name)
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    options["undefined"] = StrictContextUndefined
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)
    env.globals.update(govuk.component_macros())
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "govuk_field": govuk.field,
            "govuk_error_summary": govuk.error_summary,
            "govuk_pagination": lists.pagination,
            "govuk_link": govuk.link_html,
            # The table component in Python, writing what the macro writes (ADR 0173).
            "govukTable": govuk_table,
            "govuk_kept": govuk.component_kept,
        }
    )
    env.filters["govuk_date"] = govuk.format_date
    env.filters["code_names"] = govuk.code_names
    env.filters["govuk_datetime"] = govuk.format_datetime
    return env
