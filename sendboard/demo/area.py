"""The demo local area: Worcestershire's real name, codes and partner organisations (from the seeds), and
one demo user per role. Demo users and their password are for a local demonstration only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Role
from sendboard.core.models import LocalArea

DEMO_PASSWORD = "demo-only-sendboard-2026"

AREA = {
    "name": "Worcestershire",
    "la_code": "885",
    "gss_code": "E10000034",
    "region_name": "West Midlands",
    "region_code": "E12000005",
    "icb_code": "QGH",
    # The contact details families see are made up for the demo, and the public pages say so.
    "send_team_name": "Worcestershire Children First SEND casework team",
    "send_team_email": "send.requests@example.invalid",
    "send_team_phone": "01905 000000",
    "send_team_address": "SEND casework team\nCounty Hall\nSpetchley Road\nWorcester\nWR5 2NP",
    "sendiass_name": "Worcestershire SENDIASS",
    "sendiass_email": "sendiass@example.invalid",
    "sendiass_phone": "01905 000001",
    "sendiass_website": "https://sendiass.example.invalid/",
    "contacts_illustrative": True,
}

K = Organisation.Kind
# Real bodies named in the seeds (the CCGs of 2018 are now the integrated care board). Codes are the DfE
# local authority code, NHS ODS codes, or blank where a body has none we can cite.
ORGANISATIONS: list[tuple[str, str, str, bool]] = [
    ("Worcestershire County Council", K.COUNCIL, "885", False),
    ("Worcestershire Children First", K.COUNCIL, "", False),
    ("NHS Herefordshire and Worcestershire Integrated Care Board", K.ICB, "QGH", False),
    ("Herefordshire and Worcestershire Health and Care NHS Trust", K.PROVIDER, "R1A", False),
    # The council's services asked for advice in an assessment (reg. 6(1)(b) and (e)); named as the council names
    # them, with no code of their own.
    ("Worcestershire Educational Psychology Service", K.COUNCIL, "", False),
    ("Worcestershire Children's Social Care", K.COUNCIL, "", False),
    ("Families in Partnership (Worcestershire parent carer forum)", K.PARENT_CARER_FORUM, "", False),
    ("Worcestershire SENDIASS", K.PROVIDER, "", False),
    ("Ourway Advocacy", K.PROVIDER, "", False),
    ("Department for Education", K.ADVISER, "", False),
    ("NHS England", K.ADVISER, "", False),
    # An illustrative URN: one of the generated area's primary schools, so the demo school sees its own pupils.
    ("Riverside Primary School (illustrative)", K.SETTING, "300001", True),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str


DEMO_USERS: list[DemoUser] = [
    DemoUser("demo.administrator", "Alex", "Admin", Role.ADMINISTRATOR, "Worcestershire County Council"),
    DemoUser("demo.area.leader", "Amira", "Leader", Role.AREA_LEADER, "Worcestershire Children First"),
    DemoUser(
        "demo.workstream.lead",
        "Wes",
        "Lead",
        Role.WORKSTREAM_LEAD,
        "NHS Herefordshire and Worcestershire Integrated Care Board",
    ),
    DemoUser("demo.action.owner", "Olu", "Owner", Role.ACTION_OWNER, "Worcestershire Children First"),
    DemoUser("demo.caseworker", "Cass", "Worker", Role.CASEWORKER, "Worcestershire Children First"),
    DemoUser("demo.team.manager", "Tam", "Manager", Role.TEAM_MANAGER, "Worcestershire Children First"),
    DemoUser("demo.setting.user", "Sam", "Senco", Role.SETTING_USER, "Riverside Primary School (illustrative)"),
    DemoUser(
        "demo.health",
        "Hari",
        "Clinician",
        Role.HEALTH_SOCIAL_CARE,
        "Herefordshire and Worcestershire Health and Care NHS Trust",
    ),
    DemoUser(
        "demo.ep", "Evie", "Psychologist", Role.HEALTH_SOCIAL_CARE, "Worcestershire Educational Psychology Service"
    ),
    DemoUser(
        "demo.dco",
        "Dara",
        "Clinical",
        Role.DESIGNATED_CLINICAL_OFFICER,
        "NHS Herefordshire and Worcestershire Integrated Care Board",
    ),
    DemoUser("demo.adviser", "Ada", "Adviser", Role.ADVISER, "Department for Education"),
    DemoUser("demo.analyst", "Ana", "Lyst", Role.ANALYST, "Worcestershire County Council"),
    DemoUser("demo.local.offer", "Lola", "Offer", Role.LOCAL_OFFER_OFFICER, "Worcestershire County Council"),
    DemoUser("demo.provider", "Priya", "Provider", Role.PROVIDER_EDITOR, "Ourway Advocacy"),
]


@transaction.atomic
def demo_area_load() -> list[DemoUser]:
    """Create or bring up to date the demo area. Running it twice leaves the same rows as running it once."""
    LocalArea.objects.update_or_create(la_code=AREA["la_code"], defaults=AREA)
    organisations = {}
    for name, kind, code, illustrative in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "code": code, "illustrative": illustrative}
        )
    for demo in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.invalid",
                "role": demo.role,
                "organisation": organisations[demo.organisation],
                "is_active": True,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    return DEMO_USERS
