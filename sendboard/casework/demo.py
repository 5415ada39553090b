"""The casework part of the demo area: the SEND team's access to Worcestershire's register and the caseworkers
who hold its cases. The generated register itself loads through the SEN2 importer in the returns demo loader,
which runs next (never written straight to the database)."""

from __future__ import annotations

from django.conf import settings

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Role
from sendboard.casework.generated_area import DEMO_LA, FORENAMES, SURNAMES, demo_caseworkers
from sendboard.casework.models import CaseworkTeam
from sendboard.core.models import LocalArea

TEAMS = ["Worcestershire Children First", "Worcestershire County Council"]
SEND_TEAM = "Worcestershire Children First"


def caseworker_team_load(usernames: list[str]) -> None:
    """The SEND team who hold the generated register's open cases, beside the demo caseworker (who signs in):
    demo-only accounts that cannot sign in, with invented names."""
    organisation = Organisation.objects.get(name=SEND_TEAM)
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    for n, username in enumerate(usernames):
        if username in existing:
            continue
        user = User(
            username=username,
            first_name=FORENAMES[(n * 5) % len(FORENAMES)],
            last_name=SURNAMES[(n * 7) % len(SURNAMES)],
            email=f"{username}@example.invalid",
            role=Role.CASEWORKER,
            organisation=organisation,
            is_active=True,
        )
        user.set_unusable_password()
        user.save()


def demo_size() -> str:
    return settings.SENDBOARD_DEMO_SCALE if settings.SENDBOARD_DEMO_SCALE in ("small", "county") else "county"


def load_demo(*, stdout) -> None:
    area = LocalArea.objects.get(la_code=DEMO_LA)
    for organisation in Organisation.objects.filter(name__in=TEAMS):
        CaseworkTeam.objects.update_or_create(organisation=organisation, defaults={"local_area": area})
    caseworker_team_load(demo_caseworkers(size=demo_size()))
