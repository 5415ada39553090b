"""Given the demo's generated register names a team of caseworkers, when the demo loads, then each of them
exists as a caseworker of the SEND team who cannot sign in, and loading again changes nothing."""

from __future__ import annotations

import pytest

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Role
from sendboard.casework.demo import SEND_TEAM, caseworker_team_load
from sendboard.casework.generated_area import demo_caseworkers

pytestmark = pytest.mark.django_db


def test_the_county_register_needs_a_team_of_43_led_by_the_demo_caseworker():
    team = demo_caseworkers(size="county")
    assert len(team) == 43 and team[0] == "demo.caseworker" and team[-1] == "demo.caseworker.43"
    assert demo_caseworkers(size="small") == ["demo.caseworker"]


def test_the_team_is_created_once_as_caseworkers_who_cannot_sign_in():
    Organisation.objects.create(name=SEND_TEAM, kind=Organisation.Kind.COUNCIL)
    team = ["demo.caseworker.02", "demo.caseworker.03"]
    caseworker_team_load(team)
    caseworker_team_load(team)
    users = User.objects.filter(username__in=team)
    assert users.count() == 2
    assert {(u.role, u.organisation.name, u.has_usable_password()) for u in users} == {
        (Role.CASEWORKER, SEND_TEAM, False)
    }
    assert all(u.first_name and u.last_name for u in users)
