"""Checking unique pupil numbers (UPNs) in local extracts; the check letter itself is defined once, in
``sendboard.core.upn``.
"""

from __future__ import annotations

import re

from sendboard.core.upn import UPN_LETTERS, upn_check_letter, upn_with_check_letter

__all__ = ["UPN_PATTERN", "upn_check_letter", "upn_problem", "upn_with_check_letter"]

UPN_PATTERN = re.compile(rf"^[{UPN_LETTERS}][0-9]{{11}}[0-9{UPN_LETTERS}]$")


def upn_problem(upn: str) -> str | None:
    """None for a well-formed UPN with the right check letter, else which rule it breaks."""
    if not UPN_PATTERN.match(upn):
        return "format"
    if upn_check_letter(upn[1:]) != upn[0]:
        return "check letter"
    return None
