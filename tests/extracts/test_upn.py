"""Given the DfE's UPN check letter algorithm, when UPNs worked by hand are checked, then the right ones pass
and each wrong one is refused by the rule it breaks."""

from __future__ import annotations

import pytest

from sendboard.extracts.upn import upn_check_letter, upn_problem, upn_with_check_letter


def test_check_letter_worked_by_hand():
    # Characters 2-13 of "?885123425001" (LA 885, establishment 1234, year 25, serial 001), weights 2 to 13:
    # 8*2 + 8*3 + 5*4 + 1*5 + 2*6 + 3*7 + 4*8 + 2*9 + 5*10 + 0*11 + 0*12 + 1*13
    # = 16 + 24 + 20 + 5 + 12 + 21 + 32 + 18 + 50 + 0 + 0 + 13 = 211; 211 = 9*23 + 4; remainder 4 is E
    # (A0 B1 C2 D3 E4 ...).
    assert upn_check_letter("885123425001") == "E"
    assert upn_problem("E885123425001") is None


def test_temporary_upn_letter_counts_as_its_place_in_the_check_alphabet():
    # "88512342500A": the same sum less the last digit's 13, plus A (0) * 13: 211 - 13 = 198; 198 = 8*23 + 14;
    # remainder 14 is Q (A0 B1 C2 D3 E4 F5 G6 H7 J8 K9 L10 M11 N12 P13 Q14): I and O are not in the alphabet.
    assert upn_check_letter("88512342500A") == "Q"
    assert upn_problem("Q88512342500A") is None
    # "88512342500Z": 198 + Z (22) * 13 = 198 + 286 = 484; 484 = 21*23 + 1; remainder 1 is B.
    assert upn_problem("B88512342500Z") is None


@pytest.mark.parametrize(
    ("upn", "rule"),
    [
        ("F885123425001", "check letter"),  # the right letter is E
        ("D885123425001", "check letter"),
        ("I885123425001", "format"),  # I is never a check letter
        ("E88512342500", "format"),  # 12 characters
        ("E8851234250011", "format"),  # 14 characters
        ("E88512342500S", "format"),  # S is not in the alphabet for a temporary UPN either
        ("e885123425001", "format"),  # lower case
        ("E88512342X001", "format"),  # a letter inside the digits
    ],
)
def test_wrong_upns_are_refused_by_their_rule(upn, rule):
    assert upn_problem(upn) == rule


def test_putting_the_check_letter_right():
    assert upn_with_check_letter("G885123425001") == "E885123425001"
