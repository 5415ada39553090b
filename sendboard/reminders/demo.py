"""The reminders part of the demo area: today's reminders and digests for the demo's named people (the
caseworker, the team manager, the professionals), so that "Your reminders" shows some, and the worker started by
``make demo`` sends them (to the console). The register's generated caseworkers (demo.caseworker.07 and the like)
get none: loading the demo does not write hundreds of e-mails. Runs after the advice loader, whose requests some
reminders are about."""

from __future__ import annotations

from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.reminders.services import reminders_make


def load_demo(*, stdout) -> None:
    named = set(
        User.objects.filter(username__startswith="demo.")
        .exclude(username__regex=r"\.[0-9]+$")
        .values_list("id", flat=True)
    )
    made = reminders_make(today=timezone.localdate(), recipients=named)
    stdout.write(f"Reminders: {made.reminders} reminders and {made.digests} digests made for the demo's people")
