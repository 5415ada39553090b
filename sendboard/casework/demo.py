"""The casework part of the demo area: the SEND team's access to Worcestershire's register, and a generated
register loaded through the SEN2 importer (never written straight to the database)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Role
from sendboard.casework.generated_area import (
    DEMO_LA,
    FORENAMES,
    SURNAMES,
    area_files_generate,
    demo_caseworkers,
    register_complete_from,
)
from sendboard.casework.models import CaseworkTeam
from sendboard.core.models import LocalArea
from sendboard.returns.framework import file_import
from sendboard.returns.models import ImportedFile
from sendboard.returns.sen2.importer import Sen2Importer

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
        user = User(username=username, first_name=FORENAMES[(n * 5) % len(FORENAMES)], last_name=SURNAMES[(n * 7) % len(SURNAMES)],
                    email=f"{username}@example.invalid", role=Role.CASEWORKER, organisation=organisation, is_active=True)
        user.set_unusable_password()
        user.save()


def load_demo(*, stdout) -> None:
    area = LocalArea.objects.get(la_code=DEMO_LA)
    for organisation in Organisation.objects.filter(name__in=TEAMS):
        CaseworkTeam.objects.update_or_create(organisation=organisation, defaults={"local_area": area})
    if ImportedFile.objects.filter(kind="sen2", filename__startswith=f"sen2-generated-{DEMO_LA}-").exists():
        stdout.write("Generated SEN2 register already loaded")
        return
    size = settings.SENDBOARD_DEMO_SCALE if settings.SENDBOARD_DEMO_SCALE in ("small", "county") else "county"
    as_of = timezone.localdate()
    caseworker_team_load(demo_caseworkers(size=size))
    with tempfile.TemporaryDirectory() as folder:
        for path in area_files_generate(size=size, out_dir=Path(folder), as_of=as_of):
            outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
            if not outcome.loaded:
                first = outcome.report.problems[:3]
                raise CommandError(f"The generated SEN2 file {path.name} did not load: {first}")
            stdout.write(f"Loaded {path.name}: {outcome.report.counts}")
    # The generated register is complete only from here; the outcomes facts take earlier years from the published returns.
    LocalArea.objects.filter(pk=area.pk).update(register_complete_from=register_complete_from(as_of))
