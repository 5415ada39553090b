"""Unique pupil numbers (UPNs), as the DfE's "Unique pupil numbers (UPNs)" guidance describes them: one
definition of the check letter for every importer and generator that handles UPNs.

A UPN is 13 characters: a check letter, the three-digit LA number, the four-digit establishment number, two
digits of the year of allocation and a three-digit serial. A temporary UPN ends in a letter instead of the
last digit. The check letter: multiply characters 2 to 13 by weights 2 to 13 (a letter in position 13
counts as its place in the check alphabet, A=0 ... Z=22), add the products, take the remainder on division
by 23 and read it off the check alphabet, which leaves out I, O and S.
"""

from __future__ import annotations

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # the 23 check letters: no I, O or S


def upn_check_letter(upn_tail: str) -> str:
    """The check letter for characters 2 to 13 of a UPN (12 characters)."""
    total = 0
    for weight, char in enumerate(upn_tail, start=2):
        total += weight * (int(char) if char.isdigit() else UPN_LETTERS.index(char))
    return UPN_LETTERS[total % 23]


def upn_with_check_letter(upn: str) -> str:
    """The same 12 characters with the right check letter in front."""
    return upn_check_letter(upn[1:]) + upn[1:]
