"""Build the people and steps reminder tests need."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from sendboard.accounts.roles import Role
from sendboard.casework.models import Child, StatutoryStep
from tests.casework.helpers import team, worcestershire
from tests.factories import OrganisationFactory, UserFactory

TODAY = date(2026, 3, 2)  # a Monday
_numbers = count(1)


class Team:
    """A council's casework team for an area: a caseworker and a team manager."""

    def __init__(self, area=None) -> None:
        self.area = area or worcestershire()
        self.organisation = OrganisationFactory()
        team(self.organisation, self.area)
        self.caseworker = UserFactory(role=Role.CASEWORKER, organisation=self.organisation)
        self.manager = UserFactory(role=Role.TEAM_MANAGER, organisation=self.organisation)


def child(*, area=None, caseworker=None, surname="Quixote", forename="Zebedee") -> Child:
    return Child.objects.create(
        local_area=area or worcestershire(),
        surname=surname,
        forename=forename,
        birth_date=date(2014, 7, 19),
        sex="M",
        postcode="WR1 2AB",
        upn=f"A{next(_numbers):012d}",
        caseworker=caseworker,
    )


def step(
    *,
    of: Child,
    name="final_plan",
    due: date,
    warning: date | None = None,
    done: date | None = None,
    subject: str = "",
) -> StatutoryStep:
    return StatutoryStep.objects.create(
        child=of,
        step=name,
        subject=subject or f"request:{next(_numbers)}",
        anchor_date=due - timedelta(weeks=20),
        warning_date=warning or due - timedelta(days=21),
        due_date=due,
        done_date=done,
    )
