"""The tracking part of the demo area: the inclusion lead and the single point of contact for children placed by
other councils, the generated area's autumn census and its schools' reports (``generated``), a few children placed
in the area by London boroughs (illustrative, invented), and the day's escalations. Idempotent."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.casework.generated_area import DEMO_LA
from sendboard.core.models import LocalArea
from sendboard.extracts.models import CensusPupil
from sendboard.tracking.generated import generated_tracking_load
from sendboard.tracking.models import AreaContacts, PlacedChild
from sendboard.tracking.services import escalations_run, rule_due

# (forename, surname, years old, placing council, contact, looked after, EHC plan, days since placed, days until told
# (None: not yet), school, days until next review)
PLACED = [
    (
        "Kai",
        "Osei",
        12,
        "London Borough of Lambeth",
        "Placements team, Lambeth (illustrative)",
        True,
        True,
        120,
        3,
        "Riverside Primary School (illustrative)",
        40,
    ),
    (
        "Maya",
        "Brooks",
        15,
        "London Borough of Croydon",
        "Virtual school, Croydon (illustrative)",
        True,
        False,
        60,
        12,
        "A secondary school in Worcester",
        -5,
    ),
    (
        "Ethan",
        "Mills",
        9,
        "Birmingham City Council",
        "SEND team, Birmingham (illustrative)",
        False,
        True,
        20,
        None,
        "Riverside Primary School (illustrative)",
        60,
    ),
]


def load_demo(*, stdout) -> None:
    area = LocalArea.objects.get(la_code=DEMO_LA)
    lead = User.objects.filter(username="demo.team.manager").first()
    AreaContacts.objects.update_or_create(
        local_area=area, defaults={"inclusion_lead": lead, "placed_children_contact": lead}
    )
    today = timezone.localdate()
    if not CensusPupil.objects.filter(local_area=area, census_date__month=10).exists():  # no autumn census loaded yet
        size = settings.SENDBOARD_DEMO_SCALE if settings.SENDBOARD_DEMO_SCALE in ("small", "county") else "county"
        with tempfile.TemporaryDirectory() as folder:
            truth = generated_tracking_load(area=area, size=size, out_dir=Path(folder), as_of=today)
        stdout.write(
            f"Loaded schools' reports: {len(truth.part_time_reported)} part-time timetables, "
            f"{len(truth.removed_reported)} removals from roll"
        )
    else:
        stdout.write("Generated vulnerable learners already loaded")
    for forename, surname, age, council, contact, looked_after, plan, since, told, school, review in PLACED:
        placed_on = today - timedelta(days=since)
        PlacedChild.objects.update_or_create(
            local_area=area,
            forename=forename,
            surname=surname,
            defaults={
                "birth_date": today.replace(year=today.year - age) - timedelta(days=40),
                "placing_council": council,
                "placing_contact": contact,
                "looked_after": looked_after,
                "has_plan": plan,
                "placed_on": placed_on,
                "notified_on": placed_on + timedelta(days=told) if told is not None else None,
                "school": school,
                "notification_due": rule_due("placed-notification", placed_on),
                "next_review": today + timedelta(days=review),
                "local_contact": lead,
            },
        )
    stdout.write(f"Escalated {escalations_run(today=today)} part-time timetables past review")
